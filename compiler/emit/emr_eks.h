// The emr-eks target: the three ConfigMaps EMR on EKS generates for a job
// (spark-defaults, pod-template, fluentd), exactly as EMR makes them, from the
// release's facts (compiler/model/release_facts.h).
#ifndef SPARKMC_EMIT_EMR_EKS_H_
#define SPARKMC_EMIT_EMR_EKS_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "compiler/emit/manifest.h"
#include "compiler/emit/template.h"
#include "compiler/model/context.h"
#include "compiler/model/job.h"
#include "compiler/model/release_facts.h"

namespace sparkmc {

/// Builds the ConfigMaps. The job and context must already be checked
/// (schema, FindInjections, names); this stage does not judge input.
std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx);

/// EmitEmrEks with every variable left as {{name}} and pod templates
/// unquoted: the facts' templates with sections and pieces resolved for this
/// job. Rendering a skeleton's value with EmrTemplateVars gives the output.
std::vector<Manifest> EmitEmrEksSkeleton(const Job& job, const EmrContext& ctx);

/// The final spark-defaults.conf properties: EMR's release defaults with the
/// `spark-defaults` classification laid over them, in EMR's order.
std::vector<Property> SparkDefaults(const Job& job, const EmrContext& ctx);

/// The fluentd configuration for \a role ("driver", "executor" or "job"), or
/// "" when that role ships nothing.
std::string FluentdConfig(const Job& job, const EmrContext& ctx, const std::string& role);

/// The release facts for the job: its label, its monitoring and ctx's store.
std::shared_ptr<const ReleaseFacts> JobFacts(const Job& job, const EmrContext& ctx);

/// One release fact in the output, and where: the ConfigMap (its
/// job.configuration label) and data key, and for spark-defaults the key.
struct WrittenFact {
  std::string configmap;  ///< "spark-defaults", "pod-template", "fluentd"
  std::string data_key;   ///< "spark-defaults.conf", "driver", ...
  std::string property;   ///< spark-defaults: the property's key; else "".
  Fact fact;
};

/// The release facts EmitEmrEks(job, ctx) writes, in output order. A setting
/// the job makes itself is not a release fact and is left out.
std::vector<WrittenFact> EmrFactsWritten(const Job& job, const EmrContext& ctx);

/// EmitEmrEks, and the facts it wrote into \a written (as EmrFactsWritten
/// says them) from the same run.
std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx, std::vector<WrittenFact>* written);

/// The custom image the job names (spark.kubernetes.container.image in the
/// spark-defaults classification or sparkSubmitParameters), or "".
std::string EmrCustomImage(const Job& job);

/// The variables the facts' templates use, with \a job's and \a ctx's values.
TemplateVars EmrTemplateVars(const Job& job, const EmrContext& ctx);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_EMR_EKS_H_
