// What Spark reads when it builds a job's pods on each target: the effective
// properties, the Spark version and, on EMR on EKS, EMR's own pod template
// (as the emitter writes it). `sparkmc plan` and the sizing rules in check
// both start here, so they see the same numbers. The user's pod templates
// are files: the caller reads them and adds them to the templates lists.
#ifndef SPARKMC_PLAN_JOB_INPUTS_H_
#define SPARKMC_PLAN_JOB_INPUTS_H_

#include <string>

#include "compiler/emit/oss_common.h"
#include "compiler/model/context.h"
#include "compiler/model/job.h"
#include "compiler/plan/pods.h"

namespace sparkmc {

/// EMR on EKS: spark-defaults.conf as EMR writes it (release defaults and the
/// `spark-defaults` classification) with sparkSubmitParameters over it, the
/// release's Spark version, EMR's driver and executor templates (the fluentd
/// sidecar) and emr-containers-defaults' changes to them. The job must be
/// checked (schema, release label, injections): this does not judge input.
PodInputs EmrEksPodInputs(const Job& job, const EmrContext& ctx);

/// spark-operator and spark-submit: the properties the driver ends up with
/// (OssSparkProperties) and the Spark version of the image.
PodInputs OssPodInputs(const Job& job, const OssContext& ctx, const std::string& target);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_JOB_INPUTS_H_
