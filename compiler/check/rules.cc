#include "compiler/check/rules.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/schema.h"
#include "compiler/load/json_view.h"
#include "compiler/data/embedded.h"
#include "compiler/base/spell.h"
#include "compiler/base/text.h"

namespace sparkmc {

namespace {

Location At(const SourceFile& src, const Node& n) { return Location{src.path, n.line, n.column}; }

std::string Required(const Node& doc, const char* key, const SourceFile& src) {
  const Node* n = doc.Find(key);
  if (!n || !n->IsScalar() || n->value.empty()) {
    throw InputError(At(src, n ? *n : doc), fmt::format("rule declaration needs a non-empty '{}'", key));
  }
  return n->value;
}

}  // namespace

RuleSpec ParseRule(const Node& doc, const SourceFile& src) {
  if (!doc.IsMap()) throw InputError(At(src, doc), "a rule declaration must be a mapping");
  static const std::vector<std::string> keys = {"id",        "kind",        "severity", "summary",
                                                "rationale", "remediation", "params",   "securitySeverity"};
  for (const auto& [k, v] : doc.members) {
    if (std::find(keys.begin(), keys.end(), k.value) == keys.end()) {
      throw InputError(At(src, k), fmt::format("unknown key '{}' in rule declaration{}", k.value, DidYouMean(k.value, keys)));
    }
  }
  RuleSpec r;
  r.file = src.path;
  r.id = Required(doc, "id", src);
  for (char c : r.id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      throw InputError(At(src, *doc.Find("id")), "a rule id is lowercase letters, digits and '-'");
    }
  }
  r.kind = Required(doc, "kind", src);
  if (!FindRuleKind(r.kind)) {
    std::vector<std::string> names;
    for (const RuleKind& k : RuleKinds()) names.push_back(k.name);
    throw InputError(At(src, *doc.Find("kind")), fmt::format("unknown rule kind '{}'{}", r.kind, DidYouMean(r.kind, names)));
  }
  std::string sev = Required(doc, "severity", src);
  if (!ParseSeverity(sev, &r.severity)) {
    throw InputError(At(src, *doc.Find("severity")), "severity must be error, warning or info");
  }
  r.summary = Required(doc, "summary", src);
  r.rationale = Required(doc, "rationale", src);
  r.remediation = Required(doc, "remediation", src);
  if (r.remediation.back() != '.') {
    throw InputError(At(src, *doc.Find("remediation")), "a remediation is a sentence ending with a period");
  }
  if (const Node* sec = doc.Find("securitySeverity")) {
    // GitHub code scanning reads it as a CVSS score: one decimal, 0.0 to 10.0.
    const std::string& v = sec->value;
    bool ok = sec->IsScalar() && v.size() >= 3 && v.size() <= 4 && v[v.size() - 2] == '.' &&
              std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
              std::count(v.begin(), v.end(), '.') == 1 && (v.size() == 3 || v == "10.0");
    if (!ok) throw InputError(At(src, *sec), "securitySeverity must be a score from \"0.0\" to \"10.0\" with one decimal");
    r.security_severity = v;
  }
  const Node* params = doc.Find("params");
  if (params) r.params = ToJson(*params);
  const RuleKind& kind = *FindRuleKind(r.kind);
  r.check = kind.instantiate(kind, params, At(src, doc));
  return r;
}

const std::vector<RuleSpec>& BuiltinRules() {
  static const std::vector<RuleSpec> rules = [] {
    std::vector<RuleSpec> out;
    // rules/<id>.yaml, converted to rules-json/<id>.json at build time.
    for (const EmbeddedFile& f : EmbeddedFiles()) {
      if (f.path.rfind("rules-json/", 0) != 0) continue;
      std::string name(f.path.substr(11, f.path.size() - 11 - 5));
      SourceFile src{"rules/" + name + ".yaml", ""};
      for (const auto& doc : nlohmann::json::parse(f.content)) {
        Node node = FromJson(doc["doc"]);
        RestorePositions(doc["at"], &node);  // errors name the line in rules/<id>.yaml
        out.push_back(ParseRule(node, src));
      }
    }
    std::sort(out.begin(), out.end(), [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
    return out;
  }();
  return rules;
}

std::vector<RuleSpec> EffectiveRules(const ProjectConfig& config) {
  std::vector<RuleSpec> rules = BuiltinRules();
  for (const auto& [path, text] : config.custom_rules) {
    SourceFile src{path, text};
    for (const Node& doc : ParseDocuments(src)) {
      if (const Node* list = doc.Find("customRules"); list && list->IsSequence()) {
        for (const Node& item : list->items) {
          RuleSpec r = ParseRule(item, src);
          for (const RuleSpec& existing : rules) {
            if (existing.id == r.id) throw InputError(At(src, item), fmt::format("custom rule '{}' reuses a built-in id", r.id));
          }
          rules.push_back(r);
        }
      }
    }
  }
  // A misspelt rule id in the config would silently do nothing.
  std::vector<std::string> ids;
  for (const RuleSpec& r : rules) ids.push_back(r.id);
  auto known = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
  for (const auto& [id, setting] : config.rules) {
    if (!known(id)) throw InputError(setting.loc, fmt::format("no rule '{}'{}", id, DidYouMean(id, ids)));
  }
  for (const IgnoreEntry& e : config.ignore) {
    if (!e.rule.empty() && !known(e.rule)) throw InputError(e.loc, fmt::format("no rule '{}'{}", e.rule, DidYouMean(e.rule, ids)));
  }
  for (RuleSpec& r : rules) {
    auto it = config.rules.find(r.id);
    if (it == config.rules.end()) continue;
    r.enabled = it->second.enabled;
    if (!it->second.severity.empty()) ParseSeverity(it->second.severity, &r.severity);
  }
  return rules;
}

namespace {

/// One `# sparkmc:ignore [rule-id ...] [-- justification]` comment.
struct InlineIgnore {
  std::set<std::string> rules;  ///< Empty: a bare comment, which covers every rule.
  std::string justification;    ///< The text after "--", trimmed.
  Location at;                  ///< The comment's '#'.
};

/// The `sparkmc:ignore` comments of \a src, by the 1-based line each covers:
/// a comment on its own line covers the next line, a trailing one its own.
/// Lines end as LineIndex ends them ("\n", "\r\n" or a lone "\r"), so they
/// are the lines findings carry.
std::map<int, std::vector<InlineIgnore>> InlineIgnores(const SourceFile& src) {
  std::map<int, std::vector<InlineIgnore>> out;
  static const std::string_view marker = "sparkmc:ignore";
  const std::string_view t = src.text;
  if (t.find(marker) == std::string_view::npos) return out;  // most files: no need to walk their lines
  size_t pos = 0;
  int line = 1;
  while (pos <= t.size()) {
    size_t end = FindLineBreak(t, pos);
    std::string_view l = t.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    size_t hash = l.find('#');
    size_t m = l.find(marker);
    if (hash != std::string_view::npos && m != std::string_view::npos && m > hash) {
      InlineIgnore ig;
      std::string_view rest = l.substr(m + marker.size());
      size_t dashes = rest.find("--");
      if (dashes != std::string_view::npos) {
        ig.justification = std::string(Trim(rest.substr(dashes + 2)));
        rest = rest.substr(0, dashes);
      }
      std::string id;
      for (char c : std::string(rest) + " ") {
        if (c == ' ' || c == ',' || c == '\t') {
          if (!id.empty()) ig.rules.insert(id);
          id.clear();
        } else {
          id += c;
        }
      }
      // The column in characters, as LineIndex counts them (a byte order mark is not one).
      int column = 1;
      for (size_t i = (line == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") ? 3 : 0; i < hash; ++i) {
        if ((static_cast<unsigned char>(l[i]) & 0xC0) != 0x80) ++column;
      }
      ig.at = Location{src.path, line, column};
      bool comment_only = l.find_first_not_of(" \t") == hash;
      out[comment_only ? line + 1 : line].push_back(std::move(ig));
    }
    if (end == std::string_view::npos) break;
    pos = end + (t[end] == '\r' && end + 1 < t.size() && t[end + 1] == '\n' ? 2 : 1);
    ++line;
  }
  return out;
}

std::string RelativeTo(const std::string& path, const std::string& dir) {
  if (!dir.empty() && dir != "." && path.rfind(dir + "/", 0) == 0) return path.substr(dir.size() + 1);
  if (path.rfind("./", 0) == 0) return path.substr(2);
  return path;
}

using InlineIgnoresByFile = std::map<std::string, std::map<int, std::vector<InlineIgnore>>>;

/// What suppresses \a f, if anything: the first inline comment covering its
/// line that names its rule (or no rule), else the first config ignore
/// entry that matches it.
std::optional<Suppression> Ignored(const Finding& f, const ProjectConfig& config, const InlineIgnoresByFile& inline_ignores) {
  auto file = inline_ignores.find(f.loc.file);
  if (file != inline_ignores.end()) {
    auto line = file->second.find(f.loc.line);
    if (line != file->second.end()) {
      for (const InlineIgnore& ig : line->second) {
        if (ig.rules.empty() || ig.rules.count(f.rule)) return Suppression{SuppressionKind::kInSource, ig.justification, ig.at};
      }
    }
  }
  for (const IgnoreEntry& e : config.ignore) {
    if (!e.rule.empty() && e.rule != f.rule) continue;
    if (!e.path.empty()) {
      std::string rel = RelativeTo(f.loc.file, config.dir);
      if (::fnmatch(e.path.c_str(), rel.c_str(), 0) != 0 && ::fnmatch(e.path.c_str(), f.loc.file.c_str(), 0) != 0) continue;
    }
    if (!e.pointer.empty() && f.pointer.rfind(e.pointer, 0) != 0) continue;
    return Suppression{SuppressionKind::kExternal, e.reason, e.loc};
  }
  return std::nullopt;
}

/// Under --no-inline-suppressions: every comment that names no rule, as a warning at the comment.
void ReportBareComments(const std::map<int, std::vector<InlineIgnore>>& ignores, std::vector<Finding>* out) {
  for (const auto& [covered, list] : ignores) {
    for (const InlineIgnore& ig : list) {
      if (!ig.rules.empty()) continue;
      Finding f;
      f.rule = kBareSuppressionRule;
      f.severity = Severity::kWarning;
      f.message = fmt::format("'sparkmc:ignore' names no rule: it would hide every finding on line {}; name the rule ids "
                              "it is for (inline suppressions are not honoured with --no-inline-suppressions)",
                              covered);
      f.loc = ig.at;
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

std::vector<Finding> RunRules(const std::vector<RuleSpec>& rules, const LintSubject& subject,
                              const ProjectConfig& config, const SuppressionOptions& suppressions) {
  std::vector<Finding> all = subject.notes;
  for (const RuleSpec& r : rules) {
    if (!r.enabled) continue;
    std::vector<Finding> found;
    r.check->Check(subject, &found);
    for (Finding& f : found) {
      f.rule = r.id;
      f.severity = f.severity_override.value_or(r.severity);
      all.push_back(std::move(f));
    }
  }
  InlineIgnoresByFile inline_ignores;
  if (subject.loaded) inline_ignores[subject.loaded->source->path] = InlineIgnores(*subject.loaded->source);
  for (const PodTemplateInput& t : subject.templates) {
    if (!inline_ignores.count(t.source->path)) inline_ignores[t.source->path] = InlineIgnores(*t.source);
  }
  if (!suppressions.inline_comments) {
    for (const auto& [path, ignores] : inline_ignores) ReportBareComments(ignores, &all);
    inline_ignores.clear();
  }
  for (Finding& f : all) f.suppression = Ignored(f, config, inline_ignores);
  SortAndDedupe(&all);
  return all;
}

std::string RuleDoc(const RuleSpec& r) {
  const RuleKind* kind = FindRuleKind(r.kind);
  std::string out = fmt::format("## {}\n\n{}\n\n- Severity: {}\n- Kind: `{}` ({})\n- Declared in: `{}`\n\n",
                                r.id, r.summary, SeverityName(r.severity), r.kind, kind ? kind->description : "",
                                r.file);
  out += "**Why.** " + r.rationale + "\n\n";
  out += "**Fix.** " + r.remediation + "\n\n";
  // What the kind's parameters mean, from its field table, then the rule's values.
  std::string meanings = kind ? ParamDocs(kind->fields) : "";
  if (kind && *kind->params_note) meanings += fmt::format("\n{}\n", kind->params_note);
  if (!meanings.empty() || !r.params.empty()) out += "**Parameters.**\n\n";
  if (!meanings.empty()) out += meanings + "\n";
  if (!r.params.empty()) out += "```json\n" + r.params.dump(2) + "\n```\n\n";
  return out;
}

}  // namespace sparkmc
