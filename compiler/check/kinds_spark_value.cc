// The spark-value kind: values Spark cannot parse for the key's type.
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

class ValueCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void ValueCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
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

}  // namespace

RuleKind ValueKind() { return MakeRuleKind<ValueCheck>("spark-value", "values that Spark cannot parse for the key's type"); }

}  // namespace sparkmc::kinds
