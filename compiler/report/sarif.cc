// SARIF 2.1.0, as GitHub code scanning reads it: rule metadata with help
// links and security severities, real regions, repository-relative URIs,
// suppressed findings kept as results with `suppressions`, and GitHub's
// upload limits kept (a cut report says so in the run and on stderr).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "compiler/base/utf8.h"
#include "compiler/report/reporters.h"

namespace sparkmc::report {

namespace {

// GitHub code scanning's limits for one SARIF upload
// (docs.github.com, "SARIF support for code scanning").
constexpr size_t kMaxResults = 25000;     // results per run
constexpr size_t kMaxBytes = 10000000;    // 10 MB per file
constexpr size_t kTailReserve = 64 * 1024;  // room kept for what End writes

constexpr const char* kRulesDoc = "https://github.com/sparkmc/sparkmc/blob/main/docs/rules.md#";
constexpr const char* kLintDoc = "https://github.com/sparkmc/sparkmc/blob/main/README.md#lint";

const char* SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

/// Built-in rules have a section in docs/rules.md (its anchor is the id);
/// custom rules from .sparkmc.yaml do not.
bool IsBuiltin(const RuleSpec& r) { return r.file == "rules/" + r.id + ".yaml"; }

nlohmann::ordered_json Descriptor(const RuleSpec& r) {
  nlohmann::ordered_json rule;
  rule["id"] = r.id;
  rule["shortDescription"]["text"] = EscapeInvalidUtf8(r.summary);
  rule["fullDescription"]["text"] = EscapeInvalidUtf8(r.rationale);
  rule["helpUri"] = IsBuiltin(r) ? kRulesDoc + r.id : std::string(kLintDoc);
  rule["help"]["text"] = EscapeInvalidUtf8(r.remediation);
  rule["help"]["markdown"] = EscapeInvalidUtf8(RuleDoc(r));
  rule["defaultConfiguration"]["level"] = SarifLevel(r.severity);
  if (!r.security_severity.empty()) {
    // What GitHub needs to file an alert as a security alert of that severity.
    rule["properties"]["tags"] = nlohmann::ordered_json::array({"security"});
    rule["properties"]["security-severity"] = r.security_severity;
  }
  return rule;
}

/// Descriptors of the meta findings, which no rule declaration describes.
nlohmann::ordered_json MetaDescriptor(const std::string& id) {
  nlohmann::ordered_json rule;
  rule["id"] = id;
  if (id == kBareSuppressionRule) {
    rule["shortDescription"]["text"] = "A '# sparkmc:ignore' comment names no rule.";
    rule["fullDescription"]["text"] =
        "With lint --no-inline-suppressions, inline comments suppress nothing, and one that names no rule is reported: "
        "it would hide every finding on its line, including findings of rules added later.";
    rule["helpUri"] = kLintDoc;
    rule["help"]["text"] =
        "Name the rules the comment is for (# sparkmc:ignore rule-id -- why), or move the exception to an ignore entry "
        "of .sparkmc.yaml.";
    rule["defaultConfiguration"]["level"] = "warning";
  } else {
    rule["shortDescription"]["text"] = "sparkmc met a bug while linting this file.";
    rule["fullDescription"]["text"] = "The file was not fully linted; lint exits 3.";
    rule["helpUri"] = kLintDoc;
    rule["help"]["text"] = "Report the bug with the file that triggers it.";
    rule["defaultConfiguration"]["level"] = "error";
  }
  return rule;
}

nlohmann::ordered_json Physical(const Location& loc) {
  nlohmann::ordered_json p;
  p["artifactLocation"]["uri"] = PercentEncodePath(RepoPath(loc.file));
  if (loc.line > 0) {
    p["region"]["startLine"] = loc.line;
    if (loc.column > 0) p["region"]["startColumn"] = loc.column;
  }
  return p;
}

class SarifReporter : public Reporter {
 public:
  SarifReporter(ReportSink sink, ReportSettings settings) : sink_(std::move(sink)), settings_(std::move(settings)) {}

  void Begin(const std::vector<RuleSpec>& rules) override {
    nlohmann::ordered_json driver;
    driver["name"] = "sparkmc";
    driver["version"] = "0.1.0";
    driver["informationUri"] = "https://github.com/sparkmc/sparkmc";
    driver["rules"] = nlohmann::ordered_json::array();
    for (const RuleSpec& r : rules) {
      if (index_.count(r.id)) continue;
      index_[r.id] = static_cast<int>(driver["rules"].size());
      driver["rules"].push_back(Descriptor(r));
    }
    for (const char* id : {kBareSuppressionRule, kInternalErrorRule}) {
      if (index_.count(id)) continue;
      index_[id] = static_cast<int>(driver["rules"].size());
      driver["rules"].push_back(MetaDescriptor(id));
    }
    Emit("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
         "  \"runs\": [\n    {\n      \"tool\": {\"driver\": " + driver.dump() + "},\n      \"results\": [");
  }

  void Write(const Finding& f) override { Result(f); }
  void WriteSuppressed(const Finding& f) override { Result(f); }

  void End(const ReportSummary& s) override {
    std::string tail = first_ ? "]" : "\n      ]";
    if (omitted_ > 0) {
      std::string why = fmt::format(
          "this SARIF report holds the first {} of {} results: GitHub code scanning takes at most {} results per run "
          "and {} MB per file; the text, json and junit reports have every finding",
          total_ - omitted_, total_, kMaxResults, kMaxBytes / 1000000);
      nlohmann::ordered_json note;
      note["level"] = "warning";
      note["message"]["text"] = "The report was cut: " + why + ".";
      nlohmann::ordered_json invocation;
      invocation["executionSuccessful"] = true;
      invocation["toolExecutionNotifications"] = nlohmann::ordered_json::array({note});
      tail += ",\n      \"invocations\": [" + invocation.dump() + "]";
      if (settings_.warn) settings_.warn("warning: report cut at GitHub's limits: " + why);
    }
    nlohmann::ordered_json summary = {{"files", s.files},      {"skipped", s.skipped},    {"suppressed", s.suppressed},
                                      {"errors", s.counts[2]}, {"warnings", s.counts[1]}, {"infos", s.counts[0]}};
    nlohmann::ordered_json props;
    props["summary"] = summary;
    tail += ",\n      \"properties\": " + props.dump() + "\n    }\n  ]\n}\n";
    Emit(tail);
  }

 private:
  void Emit(const std::string& text) {
    bytes_ += text.size();
    sink_(text);
  }

  void Result(const Finding& f) {
    ++total_;
    if (stopped_) {
      ++omitted_;
      return;
    }
    nlohmann::ordered_json res;
    res["ruleId"] = f.rule;
    auto it = index_.find(f.rule);
    if (it != index_.end()) res["ruleIndex"] = it->second;
    res["level"] = SarifLevel(f.severity);
    res["message"]["text"] = EscapeInvalidUtf8(f.message);
    nlohmann::ordered_json loc;
    loc["physicalLocation"] = Physical(f.loc);
    res["locations"] = nlohmann::ordered_json::array({loc});
    if (f.suppression) {
      const Suppression& sup = *f.suppression;
      nlohmann::ordered_json s;
      s["kind"] = SuppressionKindName(sup.kind);
      s["status"] = "accepted";
      if (!sup.justification.empty()) s["justification"] = EscapeInvalidUtf8(sup.justification);
      // The comment, or the .sparkmc.yaml entry.
      if (!sup.at.file.empty() && sup.at.line > 0) {
        s["location"]["physicalLocation"] = Physical(sup.at);
      }
      res["suppressions"] = nlohmann::ordered_json::array({s});
    }
    std::string text = (first_ ? "\n        " : ",\n        ") + res.dump();
    if (written_ >= kMaxResults || bytes_ + text.size() + kTailReserve > kMaxBytes) {
      stopped_ = true;  // results stay a prefix: later, smaller ones are left out too
      ++omitted_;
      return;
    }
    Emit(text);
    ++written_;
    first_ = false;
  }

  ReportSink sink_;
  ReportSettings settings_;
  std::map<std::string, int> index_;
  bool first_ = true;
  bool stopped_ = false;
  size_t bytes_ = 0;
  size_t total_ = 0, written_ = 0, omitted_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> MakeSarif(ReportSink sink, ReportSettings settings) {
  return std::make_unique<SarifReporter>(std::move(sink), std::move(settings));
}

}  // namespace sparkmc::report
