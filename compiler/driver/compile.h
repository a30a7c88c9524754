// The stages wired together: load a job file, check its shape, read the Job,
// resolve what EMR would know, emit manifests. Shared by every subcommand.
#ifndef SPARKMC_CLI_PIPELINE_H_
#define SPARKMC_CLI_PIPELINE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/driver/front_end.h"
#include "compiler/emit/emr_eks.h"
#include "compiler/emit/oss_common.h"
#include "compiler/load/document.h"
#include "compiler/model/job.h"
#include "compiler/model/project_config.h"

namespace sparkmc {

/// Flags given on the command line; empty means "not given".
struct ContextFlags {
  std::string namespace_;
  std::string region;
  std::string job_id;
  std::string virtual_cluster_id;  ///< For an ACK JobRun's virtualClusterRef.
  std::string execution_role_arn;  ///< For an ACK JobRun's executionRoleRef.
  std::string facts_dir;           ///< --facts: learned release facts; "" = .sparkmc.yaml's releaseFacts.
};

/// Replaces the stand-ins an ACK JobRun's virtualClusterRef / executionRoleRef
/// left in \a job by the values the flags or .sparkmc.yaml's ackReferences
/// give. Throws InputError at the reference, saying how to give it, when
/// neither does: compile needs the real id (it names the ConfigMaps).
void ResolveAckReferences(LoadedJob* job, const ContextFlags& flags, const ProjectConfig& config);

/// Fills namespace, region and job id from flags, then .sparkmc.yaml, then
/// (job id only) from the job's content, and the learned release facts
/// (--facts, else releaseFacts). Throws InputError naming what is missing.
EmrContext ResolveContext(const LoadedJob& job, const ContextFlags& flags, const ProjectConfig& config);

/// A context for lint: the job's own values where it has them, neutral
/// stand-ins otherwise, so lint needs no flags.
EmrContext LintContext(const LoadedJob& job, const ProjectConfig& config);

/// Emits the target's manifests after checking names and injections; each
/// manifest is validated against its schema (an internal error if not).
/// The release facts written go to \a written when given.
std::vector<Manifest> Compile(const LoadedJob& job, const EmrContext& ctx, std::vector<WrittenFact>* written = nullptr);

/// The same for the open-source targets ("spark-operator", "spark-submit").
std::vector<Manifest> CompileOss(const LoadedJob& job, const std::string& target, const OssContext& ctx);

/// What the open-source targets need: namespace (flags, then .sparkmc.yaml),
/// job id, image (--image, then sparkImage in .sparkmc.yaml, else EMR's
/// image for the release label and region) and the user's pod templates.
/// Pod templates are read through \a files when given (a run over many jobs).
OssContext ResolveOssContext(const LoadedJob& job, const ContextFlags& flags, const std::string& image,
                             const ProjectConfig& config, const LoadOptions& load, ParsedFiles* files = nullptr);

/// Validates every manifest against the schema of its kind, and the pod
/// templates inside ConfigMaps against the Pod schema. Throws std::logic_error:
/// emitting an invalid manifest is a bug in sparkmc.
void ValidateManifests(const std::vector<Manifest>& manifests);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_PIPELINE_H_
