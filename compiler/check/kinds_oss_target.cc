// The rule kind for lint --target: what an open-source target leaves out.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/emit/oss_common.h"

namespace sparkmc::kinds {

namespace {

class OssTargetCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void OssTargetCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job || s.target == "emr-eks" || job->spark_sql) return;
  OssContext ctx;
  ctx.namespace_ = s.ctx.namespace_;
  ctx.region = s.ctx.region;
  ctx.job_id = s.ctx.job_id;
  ctx.image = s.oss_image.empty() ? "apache/spark" : s.oss_image;
  OssProperties props;
  try {
    props = OssSparkProperties(*job, ctx);
  } catch (const std::exception&) {
    return;  // an unmappable release label: the schema rule reports it
  }
  // EMR's own defaults: one finding per reason, at the release label they come from.
  std::map<std::string, std::vector<std::string>> defaults_by_reason;
  for (const OssDrop& d : props.dropped) {
    if (d.loc.line > 0) {
      out->push_back(At(d.loc, fmt::format("{} is {} on {}: {}", d.key,
                                           d.replaced ? "replaced by '" + d.replacement + "'" : "dropped", s.target, d.reason)));
    } else {
      defaults_by_reason[d.reason].push_back(d.key);
    }
  }
  Location label = job->release_label.set ? job->release_label.loc : job->loc;
  for (const auto& [reason, keys] : defaults_by_reason) {
    std::string list;
    for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
    out->push_back(At(label, fmt::format("EMR's default{} {} {} not carried to {}: {}", keys.size() == 1 ? "" : "s", list,
                                         keys.size() == 1 ? "is" : "are", s.target, reason)));
  }
  for (const Property& p : props.emr_only_submitted) {
    out->push_back(At(p.loc, fmt::format("{} only works on EMR's image: {}", p.key, EmrOnlyReason(p.key, p.value, false))));
  }
  if (job->entry_point.value.rfind("local:///usr/lib/spark/", 0) == 0 || job->entry_point.value.rfind("local:///usr/share/aws/", 0) == 0) {
    out->push_back(At(job->entry_point.loc, "the entry point is a path inside EMR's image; an apache/spark image keeps "
                                            "Spark under /opt/spark"));
  }
}

}  // namespace

RuleKind OssTargetKind() {
  return MakeRuleKind<OssTargetCheck>("oss-target", "what an open-source target (lint --target) leaves out of an EMR job");
}

}  // namespace sparkmc::kinds
