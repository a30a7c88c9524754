// Rule kinds about Spark properties: names Spark does not know, deprecated
// ones, values it cannot parse, and the same key set twice.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/check/spark_keys.h"
#include "compiler/base/spell.h"

namespace sparkmc::kinds {

namespace {

bool PassThrough(const RuleSpec& r, const std::string& key) {
  for (const std::string& p : Strings(r.params, "passThroughPrefixes")) {
    if (key.rfind(p, 0) == 0) return true;
  }
  return false;
}

}  // namespace

void UnknownKeyKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    if (p->key.rfind("spark.", 0) != 0 || PassThrough(r, p->key) || FindSparkKey(p->key)) continue;
    out->push_back(At(p->loc, fmt::format("unknown Spark property '{}'{}", p->key, DidYouMean(p->key, SparkKeyNames()))));
  }
}

void DeprecatedKeyKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    const SparkKey* k = FindSparkKey(p->key);
    if (!k) continue;
    if (k->status == "deprecated" || k->status == "deprecated-alias") {
      out->push_back(At(p->loc, k->deprecated_by.empty()
                                    ? fmt::format("'{}' is deprecated", p->key)
                                    : fmt::format("'{}' is deprecated; use '{}'", p->key, k->deprecated_by)));
    } else if (k->status == "removed" || k->status == "removed-by-3.5") {
      out->push_back(At(p->loc, fmt::format("'{}' was removed from Spark{}", p->key,
                                            k->deprecated_by.empty() ? "" : "; use '" + k->deprecated_by + "'")));
    }
  }
}

void ValueKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    const SparkKey* k = FindSparkKey(p->key);
    if (!k) continue;
    std::string why = InvalidSparkValue(*k, p->value);
    if (!why.empty()) {
      out->push_back(At(p->loc, fmt::format("invalid value '{}' for {} ({}): {}", p->value, p->key, k->type, why)));
    }
  }
}

void ConflictKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  std::map<std::string, std::vector<const Property*>> by_key;
  for (const Property* p : UserProperties(*job)) by_key[p->key].push_back(p);
  for (const auto& [key, props] : by_key) {
    const Property* winner = Winning(*job, key);
    for (const Property* p : props) {
      if (p == winner || p->value == winner->value) continue;
      out->push_back(At(p->loc, fmt::format("{} is set to '{}' here ({}) but '{}' from {} wins", key, p->value, Describe(*p),
                                            winner->value, Describe(*winner))));
    }
  }
}

}  // namespace sparkmc::kinds
