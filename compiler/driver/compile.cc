#include "compiler/driver/compile.h"

#include <fmt/format.h>

#include <sys/stat.h>

#include <stdexcept>
#include <tuple>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/pod_templates.h"
#include "compiler/check/injection.h"
#include "compiler/emit/spark_operator.h"
#include "compiler/emit/spark_submit.h"
#include "compiler/load/json_view.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/names.h"
#include "compiler/base/spell.h"

namespace sparkmc {

namespace {

/// spec.<ref>.from.name of an ACK document, or "".
std::string ReferencedName(const Node& doc, const char* ref) {
  const Node* spec = doc.Find("spec");
  const Node* r = spec ? spec->Find(ref) : nullptr;
  const Node* from = r ? r->Find("from") : nullptr;
  const Node* name = from ? from->Find("name") : nullptr;
  return name && name->IsScalar() ? name->value : "";
}

}  // namespace

void ResolveAckReferences(LoadedJob* lj, const ContextFlags& flags, const ProjectConfig& config) {
  if (!lj->job) return;
  Job& job = *lj->job;
  if (job.virtual_cluster_ref.set) {
    std::string name = ReferencedName(lj->document, "virtualClusterRef");
    auto it = config.ack_references.find(name);
    std::string id = !flags.virtual_cluster_id.empty() ? flags.virtual_cluster_id
                     : it != config.ack_references.end() ? it->second : "";
    if (id.empty()) {
      throw InputError(job.virtual_cluster_ref.loc,
                       fmt::format("virtualClusterRef names the ACK VirtualCluster '{}', whose id sparkmc cannot "
                                   "know offline: pass --virtual-cluster-id or map it in .sparkmc.yaml "
                                   "(ackReferences: {{{}: <virtual cluster id>}})", name, name.empty() ? "name" : name));
    }
    if (std::string why = CheckDns1123Label(id); id.size() > 64 || id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
      throw InputError(job.virtual_cluster_ref.loc, fmt::format("virtual cluster id '{}' for virtualClusterRef '{}' "
                                                                "must be lowercase letters and digits", id, name));
    }
    job.virtual_cluster_id.value = id;
  }
  if (job.execution_role_ref.set) {
    std::string name = ReferencedName(lj->document, "executionRoleRef");
    auto it = config.ack_references.find(name);
    std::string arn = !flags.execution_role_arn.empty() ? flags.execution_role_arn
                      : it != config.ack_references.end() ? it->second : "";
    if (arn.empty()) {
      throw InputError(job.execution_role_ref.loc,
                       fmt::format("executionRoleRef names the ACK Role '{}', whose ARN sparkmc cannot know offline: "
                                   "pass --execution-role-arn or map it in .sparkmc.yaml (ackReferences: {{{}: <role ARN>}})",
                                   name, name.empty() ? "name" : name));
    }
    if (!SplitRoleArn(arn, &job.account_id, &job.role_name)) {
      throw InputError(job.execution_role_ref.loc, fmt::format("'{}' for executionRoleRef '{}' is not an IAM role ARN", arn, name));
    }
    job.execution_role_arn.value = arn;
  }
}

EmrContext ResolveContext(const LoadedJob& lj, const ContextFlags& flags, const ProjectConfig& config) {
  const Job& job = *lj.job;
  EmrContext ctx;
  const VirtualClusterInfo* vc = nullptr;
  auto it = config.virtual_clusters.find(job.virtual_cluster_id.value);
  if (it != config.virtual_clusters.end()) vc = &it->second;
  Location where = job.virtual_cluster_id.set ? job.virtual_cluster_id.loc : job.loc;
  std::string hint = fmt::format("pass --{{}} or map virtual cluster '{}' in .sparkmc.yaml",
                                 job.virtual_cluster_id.value);
  ctx.namespace_ = !flags.namespace_.empty() ? flags.namespace_ : vc ? vc->namespace_ : "";
  if (ctx.namespace_.empty()) {
    throw InputError(where, fmt::format("the virtual cluster's namespace is unknown: " + hint, "namespace"));
  }
  ctx.region = !flags.region.empty() ? flags.region : vc ? vc->region : "";
  if (ctx.region.empty()) {
    throw InputError(where, fmt::format("the virtual cluster's region is unknown: " + hint, "region"));
  }
  ctx.job_id = !flags.job_id.empty() ? flags.job_id : JobContentId(lj);
  ctx.facts = ResolveFactStore(flags.facts_dir, config);
  return ctx;
}

EmrContext LintContext(const LoadedJob& lj, const ProjectConfig& config) {
  EmrContext ctx;
  ctx.namespace_ = "sparkmc-lint";
  ctx.region = "us-east-1";
  ctx.job_id = JobContentId(lj);
  ctx.facts = ResolveFactStore("", config);  // releaseFacts of .sparkmc.yaml (lint's --facts replaces it)
  if (lj.job) {
    auto it = config.virtual_clusters.find(lj.job->virtual_cluster_id.value);
    if (it != config.virtual_clusters.end()) {
      if (!it->second.namespace_.empty()) ctx.namespace_ = it->second.namespace_;
      if (IsKnownRegion(it->second.region)) ctx.region = it->second.region;
    }
  }
  return ctx;
}

std::vector<Manifest> Compile(const LoadedJob& lj, const EmrContext& ctx, std::vector<WrittenFact>* written) {
  const Job& job = *lj.job;
  Location flag_loc{"command line", 0, 0};
  if (std::string why = CheckDns1123Label(ctx.namespace_); !why.empty()) {
    throw InputError(flag_loc, fmt::format("namespace '{}' {}", ctx.namespace_, why));
  }
  if (!IsKnownRegion(ctx.region)) {
    throw InputError(flag_loc, fmt::format("region '{}' has no EMR on EKS image registry{}", ctx.region,
                                           DidYouMean(ctx.region, KnownRegions())));
  }
  for (char c : ctx.job_id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
      throw InputError(flag_loc, fmt::format("job id '{}' must be lowercase letters and digits, as EMR's are",
                                             ctx.job_id));
    }
  }
  if (ctx.job_id.empty() || ctx.job_id.size() > 40) {
    throw InputError(flag_loc, fmt::format("job id '{}' must be 1 to 40 characters", ctx.job_id));
  }
  if (!job.virtual_cluster_id.set) throw InputError(job.loc, "missing required field 'virtualClusterId'");
  if (job.job_template_id.set && !lj.template_resolved) {
    // The run's settings live in the template; EMR merges them in the service.
    throw InputError(job.job_template_id.loc,
                     fmt::format("this job runs the job template '{}', which compile needs: pass --job-template FILE "
                                 "(the CreateJobTemplate request) or map it in .sparkmc.yaml (jobTemplates: {{{}: "
                                 "templates/{}.json}})", job.job_template_id.value, job.job_template_id.value,
                                 job.job_template_id.value));
  }
  if (!job.has_job_driver) {
    throw InputError(job.loc, "the request has neither jobDriver nor jobTemplateId: EMR refuses it (add a jobDriver with "
                              "sparkSubmitJobDriver or sparkSqlJobDriver)");
  }
  if (!job.execution_role_arn.set) throw InputError(job.loc, "missing required field 'executionRoleArn'");
  if (!job.release_label.set) throw InputError(job.loc, "missing required field 'releaseLabel'");
  if (std::string why = CheckReleaseLabel(job.release_label.value); !why.empty()) {
    throw InputError(job.release_label.loc, why);
  }
  // Names EMR builds from the ids must stay valid Kubernetes names.
  std::string longest = "fluentd-" + job.virtual_cluster_id.value + "-" + ctx.job_id;
  if (longest.size() > 253) {
    throw InputError(job.virtual_cluster_id.loc, "virtual cluster id and job id make a ConfigMap name over 253 characters");
  }
  std::vector<InputError> injections = FindInjections(job);
  if (!injections.empty()) throw injections.front();

  std::vector<Manifest> manifests = EmitEmrEks(job, ctx, written);
  ValidateManifests(manifests);
  return manifests;
}

void ValidateManifests(const std::vector<Manifest>& manifests) {
  auto check = [](const nlohmann::json& object, SchemaId id, const std::string& what) {
    std::vector<SchemaViolation> v = ValidateJson(object, id);
    if (!v.empty()) {
      throw std::logic_error(fmt::format("emitted {} fails its schema at {}: {}", what, v[0].pointer, v[0].message));
    }
  };
  for (const Manifest& m : manifests) {
    // The object the emitter built, converted in memory (valijson reads
    // nlohmann::json; the emitter keeps key order in ordered_json).
    nlohmann::json object = m.object;
    SchemaId id;
    if (!SchemaForKind(object.value("kind", ""), &id)) {
      throw std::logic_error("emitted " + m.file_name + " has a kind with no schema");
    }
    check(object, id, m.file_name);
    // Pod templates inside ConfigMaps are Pods too.
    if (id == SchemaId::kConfigMap && object.contains("data")) {
      for (const char* key : {"driver", "executor"}) {
        if (!object["data"].contains(key)) continue;
        std::string text = object["data"][key].get<std::string>();
        if (text.rfind("apiVersion: v1\nkind: Pod", 0) != 0) continue;
        auto built = m.data_objects.find(key);
        if (built != m.data_objects.end()) {
          check(built->second, SchemaId::kPod, m.file_name + " data." + key);  // the object the text was written from
          continue;
        }
        std::vector<Node> docs = ParseDocuments(SourceFile{m.file_name, text});
        if (!docs.empty()) check(ToJson(docs[0]), SchemaId::kPod, m.file_name + " data." + key);
      }
    }
  }
}

OssContext ResolveOssContext(const LoadedJob& lj, const ContextFlags& flags, const std::string& image,
                             const ProjectConfig& config, const LoadOptions& load, ParsedFiles* files) {
  const Job& job = *lj.job;
  OssContext ctx;
  const VirtualClusterInfo* vc = nullptr;
  auto it = config.virtual_clusters.find(job.virtual_cluster_id.value);
  if (it != config.virtual_clusters.end()) vc = &it->second;
  ctx.namespace_ = !flags.namespace_.empty() ? flags.namespace_ : vc ? vc->namespace_ : "";
  if (ctx.namespace_.empty()) {
    throw InputError(job.virtual_cluster_id.set ? job.virtual_cluster_id.loc : job.loc,
                     "the namespace is unknown: pass --namespace or map the virtual cluster in .sparkmc.yaml");
  }
  ctx.region = !flags.region.empty() ? flags.region : vc ? vc->region : "";
  ctx.job_id = !flags.job_id.empty() ? flags.job_id : JobContentId(lj);
  ctx.facts = ResolveFactStore(flags.facts_dir, config);
  // EMR's release defaults are the base on every target, so the label must map.
  if (std::string why = CheckReleaseLabel(job.release_label.value); !why.empty()) {
    throw InputError(job.release_label.set ? job.release_label.loc : job.loc, why);
  }
  ctx.image = !image.empty() ? image : config.spark_image;
  // An image reference has no blanks or control characters; one with a line
  // break would break the manifests it is written into.
  if (std::string why = UnsafeTextChar(ctx.image); !why.empty() || ctx.image.find_first_of(" \t") != std::string::npos) {
    Location where = !image.empty() ? Location{"command line", 0, 0} : Location{config.path, 0, 0};
    throw InputError(where, fmt::format("image '{}' contains {}: an image reference is one word", TerminalSafe(ctx.image),
                                        why.empty() ? "a blank" : why));
  }
  if (ctx.image.empty()) {
    // No open-source image named: run EMR's own image for the release label.
    if (ctx.region.empty()) {
      throw InputError(Location{"command line", 0, 0},
                       "pass --image (an apache/spark image) or --region (to use EMR's image for the release label)");
    }
    if (std::string why = CheckReleaseLabel(job.release_label.value); !why.empty()) throw InputError(job.release_label.loc, why);
    if (!IsKnownRegion(ctx.region)) throw InputError(Location{"command line", 0, 0}, "region '" + ctx.region + "' has no EMR on EKS image registry");
    ctx.image = ImagesFor(job.release_label.value, ctx.region).spark;
    ctx.emr_image = true;
  }
  // One template for both roles is read once.
  std::optional<ParsedFiles> own;
  if (!files) files = &own.emplace(load.max_file_size, load.limits);
  for (const char* role : {"driver", "executor"}) {
    NamedPodTemplate t = ResolvePodTemplate(job, role, config);
    if (t.file.empty()) continue;
    if (!fs::IsRegularFile(t.file)) {
      throw InputError(t.where, fmt::format("the {} pod template '{}' is not a local file: map it in .sparkmc.yaml "
                                            "podTemplates or put {} next to the job", role, t.named, t.file));
    }
    Node pod = ReadPodTemplate(t, *files);
    (std::string(role) == "driver" ? ctx.driver_template : ctx.executor_template) = ToOrderedJson(pod);
  }
  return ctx;
}

std::vector<Manifest> CompileOss(const LoadedJob& lj, const std::string& target, const OssContext& ctx) {
  const Job& job = *lj.job;
  Location flag_loc{"command line", 0, 0};
  if (std::string why = CheckDns1123Label(ctx.namespace_); !why.empty()) {
    throw InputError(flag_loc, fmt::format("namespace '{}' {}", ctx.namespace_, why));
  }
  // EMR's release defaults are the base on every target, so the label must
  // map (ResolveOssContext checks it too; callers of this library may not).
  if (std::string why = CheckReleaseLabel(job.release_label.value); !why.empty()) {
    throw InputError(job.release_label.set ? job.release_label.loc : job.loc, why);
  }
  std::vector<InputError> injections = FindInjections(job);
  if (!injections.empty()) throw injections.front();
  CheckOssJob(job, ctx);
  std::vector<Manifest> manifests = target == "spark-operator" ? EmitSparkOperator(job, ctx) : EmitSparkSubmit(job, ctx);
  ValidateManifests(manifests);
  return manifests;
}

}  // namespace sparkmc
