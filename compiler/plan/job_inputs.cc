#include "compiler/plan/job_inputs.h"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string_view>

#include "compiler/emit/emr_eks.h"
#include "compiler/emit/spark_operator.h"
#include "compiler/model/release_label.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {

namespace {

/// The skeleton of an EMR pod template: every value replaced by "v" except
/// those the pod computation reads (container names, restartPolicy and
/// resource quantities), so the skeletons of two jobs differ only when their
/// containers or resources do. Lines are the emitter's block YAML, one key
/// per line; a block scalar is left whole.
std::string Skeleton(const std::string& text) {
  std::string out;
  out.reserve(text.size() / 2);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    size_t k = line.find_first_not_of(' ');
    if (k != std::string_view::npos && line.compare(k, 2, "- ") == 0) k += 2;
    size_t colon = line.find(": ", k == std::string_view::npos ? 0 : k);
    if (k == std::string_view::npos || colon == std::string_view::npos || line[k] == '#' || line[k] == '"' || line[k] == '\'') {
      out.append(line).push_back('\n');
      continue;
    }
    std::string_view key = line.substr(k, colon - k);
    std::string_view value = line.substr(colon + 2);
    bool kept = key == "name" || key == "restartPolicy" || key == "cpu" || key == "memory" || key == "ephemeral-storage" ||
                key.find('/') != std::string_view::npos || key.rfind("hugepages-", 0) == 0 || value.empty() ||
                value[0] == '|' || value[0] == '>' || value[0] == '&' || value[0] == '*' || value[0] == '!';
    if (kept || key.find_first_of("{}[],#\"'") != std::string_view::npos) {
      out.append(line).push_back('\n');
    } else {
      out.append(line.substr(0, colon + 2)).append("v\n");
    }
  }
  return out;
}

/// EMR's own pod template for \a role, read back from the pod-template
/// ConfigMap the emitter writes: the fluentd sidecar comes from there, never
/// from a second copy. Parsed once per skeleton and process: a run over
/// thousands of jobs parses a handful.
PodTemplateDoc EmrTemplate(const std::vector<Manifest>& manifests, const std::string& role) {
  static std::mutex mu;
  static std::map<std::string, PodTemplateDoc> cache;
  for (const Manifest& m : manifests) {
    if (m.file_name != "pod-template.yaml" || !m.object.contains("data") || !m.object["data"].contains(role)) continue;
    std::string skeleton = Skeleton(m.object["data"][role].get<std::string>());
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = cache.find(skeleton);
      if (it != cache.end()) return it->second;
    }
    auto src = std::make_shared<SourceFile>();
    src->path = "<EMR's " + role + " pod template>";
    src->text = skeleton;
    std::vector<Node> docs = ParseDocuments(*src);
    PodTemplateDoc t;
    t.origin = "emr";
    t.source = src;
    if (!docs.empty()) t.doc = std::move(docs.front());
    std::lock_guard<std::mutex> lock(mu);
    if (cache.size() >= 256) cache.clear();  // bounded; a real run has a few
    cache.emplace(std::move(skeleton), t);
    return t;
  }
  throw std::logic_error("the emr-eks emitter wrote no " + role + " pod template");
}

/// emr-containers-defaults: what EMR changes in its logging sidecars.
void EmrSidecarSettings(const Job& job, PodInputs* in) {
  auto from = [](const Property& p) { return From{p.key + "=" + p.value + " (emr-containers-defaults)", p.loc}; };
  if (const Property* p = job.ClassificationProperty("emr-containers-defaults", "executor.logging")) {
    if (p->value == "DISABLED") in->adjustments.push_back(SidecarAdjustment{"executor", true, "", "", from(*p)});
  }
  if (const Property* p = job.ClassificationProperty("emr-containers-defaults", "logging.request.memory")) {
    in->adjustments.push_back(SidecarAdjustment{"", false, "requests.memory", p->value, from(*p)});
  }
  if (const Property* p = job.ClassificationProperty("emr-containers-defaults", "logging.request.cores")) {
    in->adjustments.push_back(SidecarAdjustment{"", false, "requests.cpu", p->value, from(*p)});
  }
}

}  // namespace

PodInputs EmrEksPodInputs(const Job& job, const EmrContext& ctx) {
  PodInputs in;
  in.target = "emr-eks";
  in.main_resource = job.entry_point.value;
  // spark-defaults.conf, then sparkSubmitParameters over it (later entries
  // win), as spark-submit reads them.
  in.properties = SparkDefaults(job, ctx);
  for (Property& p : EffectiveSubmitProperties(job.submit_properties)) in.properties.push_back(std::move(p));
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  bool verified = false;
  in.spark_version = label ? SparkVersionOfRelease(*label, &verified) : "";
  in.spark_version_from = From{fmt::format("release label {}{}", job.release_label.value,
                                           verified ? "" : " (EMR's Spark version for it is inferred, not verified)"),
                               job.release_label.loc};
  std::vector<Manifest> manifests = EmitEmrEks(job, ctx);
  in.driver_templates.push_back(EmrTemplate(manifests, "driver"));
  in.executor_templates.push_back(EmrTemplate(manifests, "executor"));
  EmrSidecarSettings(job, &in);
  return in;
}

PodInputs OssPodInputs(const Job& job, const OssContext& ctx, const std::string& target) {
  PodInputs in;
  in.target = target;
  in.main_resource = job.entry_point.value;
  in.properties = OssSparkProperties(job, ctx).driver;
  bool inferred = false;
  in.spark_version = SparkVersionFor(job, ctx, &inferred);
  if (ctx.emr_image) {
    in.spark_version_from = From{fmt::format("release label {} (EMR's image){}", job.release_label.value,
                                             inferred ? "; the version is inferred, not verified" : ""),
                                 job.release_label.loc};
  } else {
    in.spark_version_from = From{"the tag of image " + ctx.image, Location{}};
  }
  return in;
}

}  // namespace sparkmc
