// The conflict kind: one property set twice with different values, and the
// one spark-submit's precedence lets win.
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

class ConflictCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void ConflictCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  std::map<std::string, std::vector<const Property*>> by_key;
  for (const Property* p : UserProperties(*job)) by_key[p->key].push_back(p);
  for (const auto& [key, props] : by_key) {
    const Property* winner = Winning(props);  // one pass per key: a job with 40,000 properties stays linear
    for (const Property* p : props) {
      if (p == winner || p->value == winner->value) continue;
      out->push_back(At(p->loc, fmt::format("{} is set to '{}' here ({}) but '{}' from {} wins", key, p->value, Describe(*p),
                                            winner->value, Describe(*winner))));
    }
  }
}

}  // namespace

RuleKind ConflictKind() {
  return MakeRuleKind<ConflictCheck>("conflict", "the same property set twice with different values");
}

}  // namespace sparkmc::kinds
