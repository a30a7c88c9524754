#include "compiler/driver/pod_templates.h"

#include <fmt/format.h>

#include "compiler/base/fs.h"

namespace sparkmc {

NamedPodTemplate ResolvePodTemplate(const Job& job, const std::string& role, const ProjectConfig& config) {
  NamedPodTemplate out;
  std::string key = "spark.kubernetes." + role + ".podTemplateFile";
  // sparkSubmitParameters win over the classification, as in spark-submit.
  for (const Configuration& c : job.application_configuration) {
    for (const Property& p : c.properties) {
      if (p.key == key) out.named = p.value, out.where = p.loc;
    }
  }
  for (const Property& p : job.submit_properties) {
    if (p.key == key) out.named = p.value, out.where = p.loc;
  }
  if (out.named.empty()) return out;
  std::string job_dir = fs::Parent(job.loc.file);
  auto it = config.pod_templates.find(out.named);
  if (it != config.pod_templates.end()) {
    out.file = it->second.empty() || it->second[0] == '/' ? it->second : config.dir + "/" + it->second;
  } else if (out.named.find("://") == std::string::npos) {
    out.file = out.named[0] == '/' ? out.named : job_dir + "/" + out.named;
  } else {
    // s3://bucket/templates/driver.yaml -> driver.yaml next to the job
    out.file = job_dir + "/" + out.named.substr(out.named.rfind('/') + 1);
  }
  std::string root = config.path.empty() ? job_dir : config.dir;
  if (!fs::IsWithin(out.file, root)) {
    throw InputError(out.where, fmt::format("the {} pod template '{}' is outside the project ({}): sparkmc reads "
                                            "pod templates only from the project's own tree; map it in .sparkmc.yaml "
                                            "podTemplates to a file inside it", role, out.named, root));
  }
  return out;
}

Node ReadPodTemplate(const NamedPodTemplate& t, ParsedFiles& files) {
  std::shared_ptr<const ParsedFiles::File> parsed = files.Get(t.file);
  const std::vector<Node>& docs = parsed->docs;
  if (docs.empty() || !docs[0].IsMap()) throw InputError(Location{t.file, 1, 1}, "a pod template must be a Pod object");
  const Node& pod = docs[0];
  for (const auto& [k, v] : pod.members) {
    if (k.value != "apiVersion" && k.value != "kind" && k.value != "metadata" && k.value != "spec") {
      throw InputError(Location{t.file, k.line, k.column},
                       fmt::format("'{}' is not a field of a Pod: a pod template has apiVersion, kind, metadata and spec",
                                   k.value.substr(0, 80)));
    }
  }
  if (const Node* kind = pod.Find("kind"); kind && kind->value != "Pod") {
    throw InputError(Location{t.file, kind->line, kind->column},
                     fmt::format("a pod template is a Pod, not a {}", kind->value.substr(0, 80)));
  }
  return pod;
}

}  // namespace sparkmc
