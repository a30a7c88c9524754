// The spark-key-known kind: Spark property names Spark does not know, less
// the prefixes and third-party namespaces (plugins, connectors) a rule declares.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/check/spark_keys.h"
#include "compiler/base/spell.h"
#include "compiler/base/text.h"
#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

namespace {

bool HasPrefix(const std::vector<std::string>& prefixes, const std::string& key) {
  for (const std::string& p : prefixes) {
    if (StartsWith(key, p)) return true;
  }
  return false;
}

/// A row of the third-party namespace table (thirdPartyNamespaces).
struct Namespace {
  std::string prefix;      ///< Ends in '.' for a namespace; else one exact key.
  std::string project;     ///< Who reads the keys.
  std::string enabled_by;  ///< "key~=text | key=value ...", or "-".
};

/// The alternatives of an enabled_by test ("a~=x | b=y"), trimmed.
std::vector<std::string> Alternatives(const std::string& enabled_by) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= enabled_by.size()) {
    size_t bar = enabled_by.find('|', pos);
    if (bar == std::string::npos) bar = enabled_by.size();
    std::string alt(Trim(std::string_view(enabled_by).substr(pos, bar - pos)));
    if (!alt.empty()) out.push_back(alt);
    pos = bar + 1;
  }
  return out;
}

/// Splits one test "key~=text" or "key=value" into its parts; false if it is
/// neither.
bool ParseTest(const std::string& test, std::string* key, bool* contains, std::string* want) {
  size_t op = test.find('=');
  if (op == std::string::npos || op == 0) return false;
  *contains = test[op - 1] == '~';
  *key = std::string(Trim(std::string_view(test).substr(0, *contains ? op - 1 : op)));
  *want = std::string(Trim(std::string_view(test).substr(op + 1)));
  return !key->empty();
}

/// The rows of a thirdPartyNamespaces table.
std::vector<Namespace> ReadNamespaces(const DataFile& table) {
  std::vector<Namespace> out;
  for (const std::vector<std::string>& row : CachedEmbeddedTable(table.path)) {
    if (row.size() < 3 || row[0].empty()) continue;
    out.push_back(Namespace{row[0], row[1], row[2]});
  }
  return out;
}

/// The most specific row of \a table that covers \a key (longest prefix), or null.
const Namespace* FindNamespace(const std::vector<Namespace>& table, const std::string& key) {
  const Namespace* found = nullptr;
  for (const Namespace& ns : table) {
    const std::string& prefix = ns.prefix;
    bool covers = prefix.back() == '.' ? key.size() > prefix.size() && StartsWith(key, prefix) : key == prefix;
    if (covers && (!found || prefix.size() > found->prefix.size())) found = &ns;
  }
  return found;
}

/// Whether \a key matches \a pattern, where '*' stands for one name segment.
bool SegmentMatch(const std::string& pattern, const std::string& key) {
  size_t star = pattern.find('*');
  if (star == std::string::npos) return pattern == key;
  if (key.compare(0, star, pattern, 0, star) != 0) return false;
  size_t dot = key.find('.', star);
  if (dot == star) return false;  // an empty segment
  return SegmentMatch(pattern.substr(star + 1), dot == std::string::npos ? "" : key.substr(dot));
}

/// The keys an enabled_by test names, as written ("spark.plugins").
std::vector<std::string> TestKeys(const std::string& enabled_by) {
  std::vector<std::string> keys;
  for (const std::string& alt : Alternatives(enabled_by)) {
    std::string key, want;
    bool contains = false;
    if (!ParseTest(alt, &key, &contains, &want)) continue;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

/// Runs an enabled_by test on the job's effective properties (the user's,
/// else EMR's defaults): "key~=text" (the value contains text), "key=value",
/// '*' in key for one name segment, alternatives joined by '|'; "-" (no test)
/// is always true.
bool Enabled(const LintSubject& s, const std::string& enabled_by) {
  std::vector<std::string> alts = Alternatives(enabled_by);
  if (alts.empty() || (alts.size() == 1 && alts[0] == "-")) return true;
  const Job* job = JobOf(s);
  for (const std::string& alt : alts) {
    std::string key, want;
    bool contains = false;
    if (!ParseTest(alt, &key, &contains, &want)) continue;
    std::vector<std::string> keys;
    if (key.find('*') == std::string::npos) {
      keys.push_back(key);
    } else {
      for (const Property* p : UserProperties(*job)) {
        if (SegmentMatch(key, p->key)) keys.push_back(p->key);
      }
      for (const Property& p : s.emr_defaults) {
        if (SegmentMatch(key, p.key)) keys.push_back(p.key);
      }
    }
    for (const std::string& k : keys) {
      std::string value = Effective(s, k);
      if (contains ? value.find(want) != std::string::npos : std::string(Trim(value)) == want) return true;
    }
  }
  return false;
}

/// A table's "project" cell, shortened to the project's name.
std::string ProjectName(const std::string& project) {
  size_t cut = std::min({project.find(" ("), project.find(": "), project.find("; ")});
  return project.substr(0, cut);
}

struct UnknownKeyParams {
  std::vector<std::string> pass_through_prefixes;
  std::optional<DataFile> third_party_namespaces;
  std::vector<std::string> allowed_prefixes;
  static std::vector<ParamField> Fields() {
    return {Param<&UnknownKeyParams::pass_through_prefixes>(
                "passThroughPrefixes", kOptional, "prefixes Spark passes on (key prefixes, matched as text)"),
            Param<&UnknownKeyParams::third_party_namespaces>(
                "thirdPartyNamespaces", kOptional,
                "a table (prefix, project, enabled_by, source) of namespaces that plugins, extensions and connectors "
                "read themselves; a key under one is not unknown, and is an info note when the job's effective "
                "properties do not enable its reader (enabled_by: KEY~=TEXT, KEY=VALUE, '*' for one name segment, "
                "alternatives joined by '|', '-' for no test)"),
            Param<&UnknownKeyParams::allowed_prefixes>("allowedPrefixes", kOptional,
                                                       "more key prefixes to accept, for a project's own libraries")};
  }
};

class UnknownKeyCheck : public KindCheck<UnknownKeyParams> {
 public:
  explicit UnknownKeyCheck(Params p) : KindCheck(std::move(p)) {
    if (p_.third_party_namespaces) namespaces_ = ReadNamespaces(*p_.third_party_namespaces);
  }
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  std::vector<Namespace> namespaces_;
};

void UnknownKeyCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  int suggested = 0;
  for (const Property* p : UserProperties(*job)) {
    if (p->key.rfind("spark.", 0) != 0 || HasPrefix(p_.pass_through_prefixes, p->key) ||
        HasPrefix(p_.allowed_prefixes, p->key) || FindSparkKey(p->key)) {
      continue;
    }
    // A namespace that a plugin, extension or connector reads itself: not
    // unknown, but worth a note when the job does not enable its reader.
    if (const Namespace* found = FindNamespace(namespaces_, p->key)) {
      const Namespace& ns = *found;
      if (Enabled(s, ns.enabled_by)) continue;
      std::string keys;
      for (const std::string& k : TestKeys(ns.enabled_by)) keys += (keys.empty() ? "" : " or ") + k;
      bool space = ns.prefix.back() == '.';
      Finding f = At(p->loc, fmt::format("{} is read by {}, which {} does not enable: {} no effect",
                                         space ? ns.prefix + "*" : ns.prefix, ProjectName(ns.project), keys,
                                         space ? "these settings have" : "this setting has"));
      f.severity_override = Severity::kInfo;
      out->push_back(std::move(f));
      continue;
    }
    // A suggestion costs a pass over Spark's 1,286 keys: offer it for the
    // first hundred unknown keys of a job, which is all a person reads.
    std::string hint = suggested < 100 ? SparkKeySuggestion(p->key) : "";
    ++suggested;
    out->push_back(At(p->loc, fmt::format("unknown Spark property '{}'{}", p->key, hint)));
  }
}

}  // namespace

RuleKind UnknownKeyKind() {
  return MakeRuleKind<UnknownKeyCheck>("spark-key-known", "Spark property names Spark does not know");
}

}  // namespace sparkmc::kinds
