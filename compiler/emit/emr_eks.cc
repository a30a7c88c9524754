#include "compiler/emit/emr_eks.h"

#include <optional>
#include <sstream>
#include <unordered_map>

#include "compiler/model/s3_uri.h"
#include "compiler/data/embedded.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/emit/properties.h"
#include "compiler/emit/template.h"
#include "compiler/model/names.h"
#include "compiler/model/release_facts.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {

namespace {

constexpr const char* kData = "compiler/data/emr/";

std::string Data(const std::string& name) { return std::string(EmbeddedData(kData + name)); }

TemplateVars Vars(const Job& job, const EmrContext& ctx) {
  const Monitoring& m = job.monitoring;
  EmrImages images = ImagesFor(job.release_label.value, ctx.region);
  TemplateVars v;
  v.values["job_id"] = ctx.job_id;
  v.values["vcid"] = job.virtual_cluster_id.value;
  v.values["namespace"] = ctx.namespace_;
  v.values["region"] = ctx.region;
  v.values["account_id"] = job.account_id;
  v.values["role_b36"] = Base36(job.role_name);
  // A custom image named in the spark-defaults classification (EMR's
  // documented way to run one) replaces the release's image for the driver
  // and executors; the fluentd sidecar keeps EMR's.
  // EMR's documentation also sets one with `--conf
  // spark.kubernetes.container.image=...` in sparkSubmitParameters, which
  // then runs the driver and executors too (it would otherwise lose to the
  // role-specific image keys of spark-defaults.conf): the arguments win over
  // the classification, as spark-submit's precedence has it.
  const Property* classified = job.ClassificationProperty("spark-defaults", "spark.kubernetes.container.image");
  std::string image = classified ? classified->value : images.spark;
  for (const Property& p : EffectiveSubmitProperties(job.submit_properties)) {
    if (p.key == "spark.kubernetes.container.image") image = p.value;
  }
  v.values["spark_image"] = image;
  v.values["fluentd_image"] = images.fluentd;
  v.values["appinfo_bucket"] = AppinfoBucket(ctx.region);
  v.values["log_group"] = m.log_group_name.value;
  v.values["stream_prefix"] = m.log_stream_name_prefix.set ? m.log_stream_name_prefix.value + "/" : "";
  std::string why;
  S3Uri s3 = m.s3 ? ParseS3Uri(m.log_uri.value, &why) : S3Uri{};
  v.values["s3_bucket"] = s3.bucket;
  v.values["s3_prefix"] = s3.prefix;
  v.flags["logging"] = m.Logging();
  v.flags["cloudwatch"] = m.cloudwatch;
  v.flags["s3"] = m.s3;
  v.flags["persistent_ui"] = m.PersistentUiEnabled();
  // The driver's fluentd sidecar ships logs and event logs; with neither
  // there is nothing for it to do.
  v.flags["driver_fluentd"] = m.Logging() || m.PersistentUiEnabled();
  // Facts a partial capture of a later release shows (release-facts.tsv).
  std::string label_why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &label_why);
  ReleaseFacts facts = label ? FactsFor(*label) : ReleaseFacts{};
  v.flags["emr7_fluentd"] = facts.applied.count("emr7_fluentd") > 0;
  return v;
}

nlohmann::ordered_json ConfigMap(const std::string& name, const std::string& configuration, const Job& job,
                                 const EmrContext& ctx) {
  nlohmann::ordered_json cm;
  cm["apiVersion"] = "v1";
  cm["kind"] = "ConfigMap";
  cm["metadata"]["name"] = name;
  cm["metadata"]["namespace"] = ctx.namespace_;
  cm["metadata"]["labels"]["emr-containers.amazonaws.com/job.configuration"] = configuration;
  cm["metadata"]["labels"]["emr-containers.amazonaws.com/job.id"] = ctx.job_id;
  cm["metadata"]["labels"]["emr-containers.amazonaws.com/virtual-cluster-id"] = job.virtual_cluster_id.value;
  cm["data"] = nlohmann::ordered_json::object();
  return cm;
}

}  // namespace

std::vector<Property> SparkDefaults(const Job& job, const EmrContext& ctx) {
  TemplateVars vars = Vars(job, ctx);
  std::string text = RenderTemplate(EmbeddedData("compiler/data/emr/spark-defaults.conf.tmpl"), vars);
  std::vector<Property> props;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find(' ');
    props.push_back(Property{line.substr(0, sp), sp == std::string::npos ? "" : line.substr(sp + 1),
                             Origin::kReleaseDefault, "", "", Location{}, Location{}});
  }
  // applicationConfiguration overrides a default in place; new keys follow.
  // Indexed by key, so a job with thousands of properties stays linear.
  std::unordered_map<std::string, size_t> at;
  for (size_t i = 0; i < props.size(); ++i) at.emplace(props[i].key, i);
  for (const Property* p : job.SparkDefaultsOverrides()) {
    auto [it, added] = at.emplace(p->key, props.size());
    if (added) props.push_back(*p);
    else props[it->second] = *p;
  }
  return props;
}

std::string FluentdConfig(const Job& job, const EmrContext& ctx, const std::string& role) {
  TemplateVars vars = Vars(job, ctx);
  const Monitoring& m = job.monitoring;
  // Workers are numbered densely in this order: CloudWatch, S3, event logs
  // (the captures: worker 0/1/2 with all three, worker 0 with event logs alone).
  std::vector<std::vector<std::string>> workers;
  if (m.cloudwatch) workers.push_back({"cloudwatch-stdout", "cloudwatch-stderr"});
  if (m.s3) workers.push_back({"s3-stderr", "s3-stdout"});
  if (role == "driver" && m.PersistentUiEnabled()) workers.push_back({"event-logs", "event-status"});
  if (workers.empty()) return "";
  vars.values["container_path"] = role == "job" ? "control-logs/#{ENV['SPARK_CONTAINER_ID']}"
                                                : "containers/#{ENV['SPARK_APPLICATION_ID']}/#{ENV['SPARK_CONTAINER_ID']}";
  std::string out = "<system>\n  workers " + std::to_string(workers.size()) + "\n</system>\n";
  bool first = true;
  for (size_t w = 0; w < workers.size(); ++w) {
    vars.values["worker"] = std::to_string(w);
    for (const std::string& block : workers[w]) {
      if (!first) out += "\n\n";
      first = false;
      out += RenderTemplate(Data("fluentd/" + block + ".conf.tmpl"), vars);
    }
  }
  return out;
}

std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx) {
  TemplateVars vars = Vars(job, ctx);
  const std::string& id = ctx.job_id;
  const std::string& vc = job.virtual_cluster_id.value;
  std::vector<Manifest> out;

  nlohmann::ordered_json defaults = ConfigMap(id + "-spark-defaults", "spark-defaults", job, ctx);
  PropertyList list;
  for (const Property& p : SparkDefaults(job, ctx)) list.emplace_back(p.key, p.value);
  defaults["data"]["spark-defaults.conf"] = WriteProperties(list);
  out.push_back(Manifest{"spark-defaults.yaml", defaults});

  // Data keys in sorted order, as the API server returns them.
  nlohmann::ordered_json pods = ConfigMap("podtemplate-" + id, "pod-template", job, ctx);
  std::string pod_allow = Data("driver-pod-allowlist.txt");
  std::string container_allow = Data("driver-container-allowlist.txt");
  if (!pod_allow.empty() && pod_allow.back() == '\n') pod_allow.pop_back();
  if (!container_allow.empty() && container_allow.back() == '\n') container_allow.pop_back();
  pods["data"]["driver"] = RenderTemplate(Data("driver-pod.yaml.tmpl"), vars, TemplateContext::kYaml);
  pods["data"]["driver-container-allowlist"] = container_allow;
  pods["data"]["driver-pod-allowlist"] = pod_allow;
  pods["data"]["executor"] = RenderTemplate(Data("executor-pod.yaml.tmpl"), vars, TemplateContext::kYaml);
  pods["data"]["executor-container-allowlist"] = container_allow;
  pods["data"]["executor-pod-allowlist"] = pod_allow;
  if (job.monitoring.Logging()) pods["data"]["validation-script"] = Data("validation-script.py");
  out.push_back(Manifest{"pod-template.yaml", pods});

  nlohmann::ordered_json fluentd = ConfigMap("fluentd-" + vc + "-" + id, "fluentd", job, ctx);
  for (const char* role : {"driver", "executor"}) {
    std::string conf = FluentdConfig(job, ctx, role);
    if (!conf.empty()) fluentd["data"][role] = conf;
  }
  fluentd["data"]["fluentd-pod-metadata.conf"] = Data("fluentd/pod-metadata.conf");
  std::string job_conf = FluentdConfig(job, ctx, "job");
  if (!job_conf.empty()) fluentd["data"]["job"] = job_conf;
  out.push_back(Manifest{"fluentd.yaml", fluentd});
  return out;
}

}  // namespace sparkmc
