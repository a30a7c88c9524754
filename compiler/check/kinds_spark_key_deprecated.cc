// The spark-key-deprecated kind: deprecated and removed Spark properties, by
// Spark's own key table.
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

class DeprecatedKeyCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void DeprecatedKeyCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
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

}  // namespace

RuleKind DeprecatedKeyKind() {
  return MakeRuleKind<DeprecatedKeyCheck>("spark-key-deprecated", "deprecated or removed Spark properties");
}

}  // namespace sparkmc::kinds
