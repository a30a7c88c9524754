// The forbidden-key kind: properties a rule says must not be set.
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

struct ForbiddenKeyParams {
  std::map<std::string, std::string> keys;
  static std::vector<ParamField> Fields() {
    return {Param<&ForbiddenKeyParams::keys>("keys", kRequired,
                                             "`{key: why}`: the properties that must not be set, each with the reason "
                                             "the message gives")};
  }
};

class ForbiddenKeyCheck : public KindCheck<ForbiddenKeyParams> {
 public:
  using KindCheck::KindCheck;

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    const Job* job = JobOf(s);
    if (!job) return;
    for (const auto& [key, reason] : p_.keys) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key == key) out->push_back(At(p->loc, fmt::format("{} {}", key, reason)));
      }
    }
  }
};

}  // namespace

RuleKind ForbiddenKeyKind() { return MakeRuleKind<ForbiddenKeyCheck>("forbidden-key", "properties that must not be set"); }

}  // namespace sparkmc::kinds
