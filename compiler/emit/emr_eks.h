// The emr-eks target: the three ConfigMaps EMR on EKS generates for a job
// (spark-defaults, pod-template, fluentd), exactly as EMR makes them.
#ifndef SPARKMC_EMIT_EMR_EKS_H_
#define SPARKMC_EMIT_EMR_EKS_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "compiler/emit/manifest.h"
#include "compiler/model/context.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// Builds the ConfigMaps. The job and context must already be checked
/// (schema, FindInjections, names); this stage does not judge input.
std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx);

/// The final spark-defaults.conf properties: EMR's release defaults with the
/// `spark-defaults` classification laid over them, in EMR's order.
std::vector<Property> SparkDefaults(const Job& job, const EmrContext& ctx);

/// The fluentd configuration for \a role ("driver", "executor" or "job"), or
/// "" when that role ships nothing.
std::string FluentdConfig(const Job& job, const EmrContext& ctx, const std::string& role);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_EMR_EKS_H_
