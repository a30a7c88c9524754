// The injection kind: values that would add lines to spark-defaults.conf or
// change the fluentd configuration EMR writes (check/injection.h).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/plan/fit.h"
#include "compiler/check/injection.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/model/release_facts.h"
#include "compiler/emit/emr_facts.h"

namespace sparkmc::kinds {

namespace {

class InjectionCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    if (const Job* job = JobOf(s)) {
      for (const InputError& e : FindInjections(*job)) out->push_back(At(e.location(), e.what()));
    }
  }
};

}  // namespace

RuleKind InjectionKind() {
  return MakeRuleKind<InjectionCheck>("injection",
                                 "values that would inject lines into spark-defaults.conf or the fluentd config");
}

}  // namespace sparkmc::kinds
