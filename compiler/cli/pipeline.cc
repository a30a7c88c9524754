#include "compiler/cli/pipeline.h"

#include <fmt/format.h>

#include <stdexcept>
#include <tuple>

#include "compiler/check/injection.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/names.h"
#include "compiler/model/spell.h"

namespace sparkmc {

std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, const LoadOptions& options) {
  std::vector<Node> docs = ParseDocuments(*source, options.limits);
  std::vector<LoadedJob> out;
  for (Node& doc : docs) {
    if (doc.IsNull()) continue;  // an empty document between `---` separators
    LoadedJob lj;
    lj.source = source;
    lj.document = std::move(doc);
    if (!lj.document.IsMap()) {
      throw InputError(Location{source->path, lj.document.line, lj.document.column},
                       fmt::format("a job must be an object (a StartJobRun request or an ACK JobRun), "
                                   "found {}", lj.document.TypeName()));
    }
    try {
      if (IsAckJobRun(lj.document)) {
        lj.format = InputFormat::kAckJobRun;
        lj.violations = Validate(lj.document, SchemaId::kAckJobRun, *source);
        lj.request = AckToRequest(lj.document, *source);
      } else {
        lj.request = lj.document;
      }
      // A malformed ACK spec says little about the request it stands for;
      // judge the request only once the custom resource itself is sound.
      std::vector<SchemaViolation> req;
      if (lj.violations.empty()) req = Validate(lj.request, SchemaId::kStartJobRun, *source);
      for (SchemaViolation& v : req) {
        bool dup = false;
        for (const SchemaViolation& w : lj.violations) dup |= w.loc.line == v.loc.line && w.loc.column == v.loc.column;
        if (!dup) lj.violations.push_back(std::move(v));
      }
      // Read the job even when the schema found problems: lint reports them
      // and still checks what it can; compile refuses before emitting.
      lj.job = ReadJob(lj.request, *source, lj.format);
    } catch (const InputError& e) {
      lj.errors.push_back(e);
    }
    out.push_back(std::move(lj));
  }
  if (out.empty()) {
    throw InputError(Location{source->path, 1, 1}, "no job in file (it is empty or holds only comments)");
  }
  return out;
}

bool FirstProblem(const LoadedJob& job, InputError* out) {
  if (!job.errors.empty()) {
    *out = job.errors.front();
    return true;
  }
  if (!job.violations.empty()) {
    // The earliest in the file reads most naturally, but a missing field is
    // often the consequence of a misspelt one written below it: report the
    // misspelling first.
    auto rank = [](const SchemaViolation& v) {
      return std::make_tuple(v.message.rfind("missing required", 0) == 0 ? 1 : 0, v.loc.line, v.loc.column);
    };
    const SchemaViolation* first = &job.violations.front();
    for (const SchemaViolation& v : job.violations) {
      if (rank(v) < rank(*first)) first = &v;
    }
    *out = InputError(first->loc, first->message);
    return true;
  }
  return false;
}

namespace {

std::string CanonicalRequest(const LoadedJob& job) {
  // The request as JSON with sorted keys: the same job written as JSON, YAML
  // or an ACK JobRun gets the same id, and reformatting changes nothing.
  nlohmann::json j = ToJson(job.request);
  if (j.contains("configurationOverrides") && j["configurationOverrides"].empty()) j.erase("configurationOverrides");
  return j.dump();
}

}  // namespace

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
  ctx.job_id = !flags.job_id.empty() ? flags.job_id : DerivedJobId(CanonicalRequest(lj));
  return ctx;
}

EmrContext LintContext(const LoadedJob& lj, const ProjectConfig& config) {
  EmrContext ctx{"sparkmc-lint", "us-east-1", DerivedJobId(CanonicalRequest(lj))};
  if (lj.job) {
    auto it = config.virtual_clusters.find(lj.job->virtual_cluster_id.value);
    if (it != config.virtual_clusters.end()) {
      if (!it->second.namespace_.empty()) ctx.namespace_ = it->second.namespace_;
      if (IsKnownRegion(it->second.region)) ctx.region = it->second.region;
    }
  }
  return ctx;
}

std::vector<Manifest> Compile(const LoadedJob& lj, const EmrContext& ctx) {
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

  std::vector<Manifest> manifests = EmitEmrEks(job, ctx);
  for (const Manifest& m : manifests) {
    std::vector<SchemaViolation> v = ValidateJson(nlohmann::json(m.object), SchemaId::kConfigMap);
    if (!v.empty()) {
      throw std::logic_error(fmt::format("emitted {} fails the ConfigMap schema at {}: {}", m.file_name,
                                         v[0].pointer, v[0].message));
    }
  }
  return manifests;
}

}  // namespace sparkmc
