// The schema kind: the job and its pod templates against their JSON Schemas,
// and release labels the AWS API accepts but compile cannot map.
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

class SchemaCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void SchemaCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  if (s.loaded) {
    for (const SchemaViolation& v : s.loaded->violations) out->push_back(At(v.loc, v.message, v.pointer));
    for (const InputError& e : s.loaded->errors) out->push_back(At(e.location(), e.what()));
  }
  // A label the AWS API accepts but sparkmc cannot map to EMR's images and
  // defaults: compile would refuse it, so lint says so too.
  if (const Job* job = JobOf(s); job && job->release_label.set && s.loaded->violations.empty()) {
    if (std::string why = CheckReleaseLabel(job->release_label.value); !why.empty()) out->push_back(At(job->release_label.loc, why));
  }
  for (const PodTemplateInput& t : s.templates) {
    for (const SchemaViolation& v : Validate(t.doc, SchemaId::kPodTemplate, *t.source)) {
      out->push_back(At(v.loc, "pod template: " + v.message, v.pointer));
    }
  }
}

}  // namespace

RuleKind SchemaKind() {
  return MakeRuleKind<SchemaCheck>("schema", "the job and its pod templates against their JSON Schemas");
}

}  // namespace sparkmc::kinds
