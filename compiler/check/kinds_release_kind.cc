// The release kind: release labels sparkmc has no facts for.
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

class ReleaseCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void ReleaseCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job || !job->release_label.set) return;
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job->release_label.value, &why);
  if (!label || FactsFor(*label)->known) return;  // a malformed label is the schema rule's
  out->push_back(At(job->release_label.loc,
                    fmt::format("sparkmc has no facts for release line emr-{}: compile would use emr-6.8.0's defaults "
                                "and pod templates, which it may not share", label->Line())));
}

}  // namespace

RuleKind ReleaseKind() {
  return MakeRuleKind<ReleaseCheck>("release", "release labels sparkmc has no facts for (compiler/data/emr/release-facts.tsv)");
}

}  // namespace sparkmc::kinds
