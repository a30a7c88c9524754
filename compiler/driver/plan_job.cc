// One job's pods for `sparkmc plan`: what the job's target gives Spark (its
// effective properties, Spark version, EMR's own pod template and the user's
// templates), handed to the plan stage. Like lint, it needs no flags: neutral
// stand-ins fill in the namespace, region, job id and image.
#include "compiler/driver/plan_job.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/fs.h"
#include "compiler/check/injection.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/pod_templates.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/plan/job_inputs.h"

namespace sparkmc {

namespace {

/// The user's pod templates the job names, read as lint reads them; a
/// template that is not a local file is noted, not guessed.
void UserTemplates(const Job& job, const ProjectConfig& config, const LoadOptions& load, PodInputs* in) {
  for (const char* role : {"driver", "executor"}) {
    NamedPodTemplate t = ResolvePodTemplate(job, role, config);
    if (t.named.empty()) continue;
    if (t.file.empty() || !fs::IsRegularFile(t.file)) {
      in->notes.push_back(fmt::format("the {} pod template '{}' is not a local file (map it in .sparkmc.yaml podTemplates): "
                                      "its containers are not counted",
                                      role, t.named));
      continue;
    }
    auto src = std::make_shared<SourceFile>(ReadSourceFile(t.file, load.max_file_size));
    std::vector<Node> docs = ParseDocuments(*src, load.limits);
    auto pod = std::find_if(docs.begin(), docs.end(), [](const Node& d) { return !d.IsNull(); });
    if (pod == docs.end() || !pod->IsMap() || std::count_if(docs.begin(), docs.end(), [](const Node& d) { return !d.IsNull(); }) != 1) {
      throw InputError(Location{src->path, pod == docs.end() ? 1 : pod->line, pod == docs.end() ? 1 : pod->column},
                       "a pod template must hold one Pod object");
    }
    PodTemplateDoc d{"template", src, std::move(*pod)};
    (std::string(role) == "driver" ? in->driver_templates : in->executor_templates).push_back(std::move(d));
  }
}

}  // namespace

PodPlan PlanJob(const LoadedJob& lj, const ProjectConfig& config, const std::string& target, const LoadOptions& load) {
  const Job& job = *lj.job;
  // EMR's defaults are the base on every target, so the label must map.
  if (std::string why = CheckReleaseLabel(job.release_label.value); !why.empty()) {
    throw InputError(job.release_label.set ? job.release_label.loc : job.loc, why);
  }
  // What compile refuses (a value that would break out of the manifests),
  // plan refuses too: it reads the manifests compile would write.
  std::vector<InputError> injections = FindInjections(job);
  if (!injections.empty()) throw injections.front();
  PodInputs in;
  if (target == "emr-eks") {
    in = EmrEksPodInputs(job, LintContext(lj, config));
  } else {
    // Neutral stand-ins, as lint uses: nothing here depends on them.
    OssContext ctx;
    ctx.namespace_ = "sparkmc-plan";
    ctx.region = "us-east-1";
    ctx.job_id = "sparkmcplan";
    ctx.image = config.spark_image;
    if (ctx.image.empty()) {
      ctx.image = ImagesFor(job.release_label.value, ctx.region).spark;
      ctx.emr_image = true;
    }
    in = OssPodInputs(job, ctx, target);
    if (!ctx.emr_image) in.spark_version_from.loc = Location{config.path, 0, 0};
  }
  UserTemplates(job, config, load, &in);
  return ComputePods(in);
}

}  // namespace sparkmc
