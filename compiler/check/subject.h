// What the rules look at: a job as far as the front end could read it, with
// the pod templates it names, or a pod template on its own.
#ifndef SPARKMC_CHECK_SUBJECT_H_
#define SPARKMC_CHECK_SUBJECT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/finding.h"
#include "compiler/check/schema.h"
#include "compiler/load/document.h"
#include "compiler/model/context.h"
#include "compiler/model/job.h"
#include "compiler/plan/nodes.h"
#include "compiler/plan/pods.h"

namespace sparkmc {

/// One job document from a file, as far as it could be read.
struct LoadedJob {
  std::shared_ptr<const SourceFile> source;
  Node document;  ///< As written.
  Node request;   ///< The StartJobRun request it stands for.
  InputFormat format = InputFormat::kStartJobRun;
  std::vector<SchemaViolation> violations;  ///< Against the job schemas.
  std::optional<Job> job;                   ///< Set when shape and values could be read.
  std::vector<InputError> errors;           ///< Values the schema cannot judge (ARN, sparkSubmitParameters).
  /// A job-template run: the template's id, and whether its file was found
  /// and merged into request (its source is kept alive in sources).
  std::string job_template_id;
  bool template_resolved = false;
  std::vector<std::shared_ptr<const SourceFile>> sources;
  /// The id derived from request's content, when the front end worked it
  /// out (large requests: see LoadJobDocument); "" otherwise.
  std::string content_id;
};

/// A user pod template: given directly, or named by a job's
/// spark.kubernetes.{driver,executor}.podTemplateFile.
struct PodTemplateInput {
  std::string role;  ///< "driver" or "executor".
  std::shared_ptr<const SourceFile> source;
  Node doc;
};

/// What one lint run looks at: a job (with its resolved pod templates), or a
/// pod template on its own (loaded == nullptr).
struct LintSubject {
  const LoadedJob* loaded = nullptr;
  std::vector<PodTemplateInput> templates;
  std::vector<Finding> notes;  ///< Problems found while resolving templates.
  EmrContext ctx;
  /// spark-defaults.conf as EMR would write it for this job (release defaults
  /// plus the user's classification), computed once; empty if it cannot be
  /// (an unmappable release label).
  std::vector<Property> emr_defaults;
  /// lint --target: "emr-eks", or an open-source target whose losses to report.
  std::string target = "emr-eks";
  std::string oss_image;  ///< sparkImage from .sparkmc.yaml; "" = an apache/spark image.
  /// The node pools .sparkmc.yaml declares (`nodePools`), for the sizing
  /// rules; empty when none are declared (those rules then stay quiet).
  std::vector<NodePool> node_pools;
  /// The pods as `sparkmc plan` computes them, filled by the first sizing
  /// rule that asks (kinds_sizing.cc): computing them runs EMR's emitter, so
  /// the rules share one computation per job. The outer optional says whether
  /// it was computed, the inner whether the job can be sized. A subject is
  /// checked by one worker, so no lock.
  mutable std::optional<std::optional<PodPlan>> plan;
};

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_SUBJECT_H_
