#include "compiler/emit/emr_eks.h"

#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "compiler/emit/emr_facts.h"
#include "compiler/emit/properties.h"
#include "compiler/emit/rendered_yaml.h"
#include "compiler/emit/template.h"
#include "compiler/model/names.h"
#include "compiler/model/s3_uri.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {

std::string EmrCustomImage(const Job& job) {
  // A custom image named in the spark-defaults classification replaces the
  // release's image for the driver and executors; the fluentd sidecar keeps
  // EMR's. EMR's documentation also sets one with `--conf
  // spark.kubernetes.container.image=...` in sparkSubmitParameters, which
  // then runs the driver and executors too (it would otherwise lose to the
  // role-specific image keys of spark-defaults.conf): the arguments win over
  // the classification, as spark-submit's precedence has it.
  const Property* classified = job.ClassificationProperty("spark-defaults", "spark.kubernetes.container.image");
  std::string image = classified ? classified->value : "";
  for (const Property& p : EffectiveSubmitProperties(job.submit_properties)) {
    if (p.key == "spark.kubernetes.container.image") image = p.value;
  }
  return image;
}

namespace {

/// Renders a job's ConfigMaps from its release's facts, noting each fact it
/// writes.
class Writer {
 public:
  /// \a record: note each fact written (written()); lint's callers need
  /// only the output, and copying 60-odd facts per job showed in its profile.
  Writer(const Job& job, const EmrContext& ctx, bool skeleton = false, bool record = false)
      : job_(job), facts_(JobFacts(job, ctx)), vars_(EmrTemplateVars(job, ctx)), skeleton_(skeleton), record_(record) {
    const Monitoring& m = job.monitoring;
    std::string why;
    std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
    TemplateVars image_vars;
    image_vars.values["registry"] = RegistryFor(ctx.region);
    image_vars.values["version"] = label ? label->Version() : "";
    image_vars.values["image_version"] = label ? label->ImageVersion() : "";
    image_vars.values["tag"] = label ? label->tag : "";
    custom_image_ = EmrCustomImage(job);
    vars_.values["spark_image"] = custom_image_.empty() ? RenderTemplate(Piece("image/spark").text, image_vars) : custom_image_;
    vars_.values["fluentd_image"] = RenderTemplate(Piece("image/fluentd").text, image_vars);
    vars_.flags["logging"] = m.Logging();
    vars_.flags["cloudwatch"] = m.cloudwatch;
    vars_.flags["s3"] = m.s3;
    vars_.flags["persistent_ui"] = m.PersistentUiEnabled();
    // The driver's fluentd sidecar ships logs and event logs; with neither
    // there is nothing for it to do.
    vars_.flags["driver_fluentd"] = m.Logging() || m.PersistentUiEnabled();
    vars_.partial = [this](const std::string& name) { return Use(Piece(name)).text; };
    // The skeleton: the facts' templates with sections and pieces resolved,
    // every variable left as {{name}} (learning facts from a capture).
    if (skeleton_) {
      for (auto& [name, value] : vars_.values) value = "{{" + name + "}}";
    }
  }

  const ReleaseFacts& facts() const { return *facts_; }
  /// The objects of the pod templates PodTemplateData wrote, by data key.
  std::map<std::string, nlohmann::json>& pod_objects() { return pod_objects_; }
  std::vector<WrittenFact>& written() { return written_; }

  std::vector<Property> SparkDefaults() {
    Where("spark-defaults", "spark-defaults.conf");
    std::vector<Property> props;
    for (const Fact& f : facts_->spark_defaults) {
      props.push_back(Property{f.id.substr(15), RenderTemplate(f.text, vars_), Origin::kReleaseDefault, "", "",
                               Location{}, Location{}});
    }
    // applicationConfiguration overrides a default in place; new keys follow.
    // Indexed by key, so a job with thousands of properties stays linear.
    std::unordered_map<std::string, size_t> at;
    for (size_t i = 0; i < props.size(); ++i) at.emplace(props[i].key, i);
    std::vector<bool> own(props.size(), false);
    for (const Property* p : job_.SparkDefaultsOverrides()) {
      auto [it, added] = at.emplace(p->key, props.size());
      if (added) {
        props.push_back(*p);
      } else {
        props[it->second] = *p;
        own[it->second] = true;
      }
    }
    for (size_t i = 0; record_ && i < facts_->spark_defaults.size(); ++i) {
      if (own[i]) continue;
      Fact f = facts_->spark_defaults[i];
      if (IsImageKey(props[i].key) && !custom_image_.empty()) f = Piece("image/custom");
      written_.push_back(WrittenFact{configmap_, data_key_, props[i].key, f});
    }
    return props;
  }

  std::string Fluentd(const std::string& role) {
    Where("fluentd", role);
    if (facts_->exact) return Exact("fluentd", role, TemplateContext::kText);
    const Monitoring& m = job_.monitoring;
    // Workers are numbered densely in this order: CloudWatch, S3, event logs
    // (the captures: worker 0/1/2 with all three, worker 0 with event logs alone).
    std::vector<std::vector<std::string>> workers;
    if (m.cloudwatch) workers.push_back({"cloudwatch-stdout", "cloudwatch-stderr"});
    if (m.s3) workers.push_back({"s3-stderr", "s3-stdout"});
    if (role == "driver" && m.PersistentUiEnabled()) workers.push_back({"event-logs", "event-status"});
    if (workers.empty()) return "";
    TemplateVars vars = vars_;
    vars.values["container_path"] = role == "job" ? "control-logs/#{ENV['SPARK_CONTAINER_ID']}"
                                                  : "containers/#{ENV['SPARK_APPLICATION_ID']}/#{ENV['SPARK_CONTAINER_ID']}";
    std::string out = "<system>\n  workers " + std::to_string(workers.size()) + "\n</system>\n";
    bool first = true;
    for (size_t w = 0; w < workers.size(); ++w) {
      vars.values["worker"] = std::to_string(w);
      for (const std::string& block : workers[w]) {
        if (!first) out += "\n\n";
        first = false;
        out += RenderTemplate(Use(Piece("fluentd/" + block)).text, vars);
      }
    }
    return out;
  }

  /// data of the pod-template ConfigMap, in sorted order as the API server
  /// returns it.
  nlohmann::ordered_json PodTemplateData() {
    nlohmann::ordered_json data = nlohmann::ordered_json::object();
    if (facts_->exact) {
      for (const auto& [key, fact] : ExactKeys("pod-template")) {
        Where("pod-template", key);
        data[key] = key == "driver" || key == "executor" ? PodYaml(key, Use(fact).text)
                                                         : Exact("pod-template", key, TemplateContext::kText);
      }
      return data;
    }
    auto list = [&](const char* piece) {
      std::string text = Use(Piece(piece)).text;
      if (!text.empty() && text.back() == '\n') text.pop_back();
      return text;
    };
    Where("pod-template", "driver");
    data["driver"] = PodYaml("driver", Use(Piece("driver-pod")).text);
    Where("pod-template", "driver-container-allowlist");
    data["driver-container-allowlist"] = list("container-allowlist");
    Where("pod-template", "driver-pod-allowlist");
    data["driver-pod-allowlist"] = list("pod-allowlist");
    Where("pod-template", "executor");
    data["executor"] = PodYaml("executor", Use(Piece("executor-pod")).text);
    Where("pod-template", "executor-container-allowlist");
    data["executor-container-allowlist"] = list("container-allowlist");
    Where("pod-template", "executor-pod-allowlist");
    data["executor-pod-allowlist"] = list("pod-allowlist");
    if (job_.monitoring.Logging()) {
      Where("pod-template", "validation-script");
      data["validation-script"] = Use(Piece("validation-script")).text;
    }
    return data;
  }

  nlohmann::ordered_json FluentdData() {
    nlohmann::ordered_json data = nlohmann::ordered_json::object();
    if (facts_->exact) {
      for (const auto& [key, fact] : ExactKeys("fluentd")) {
        Where("fluentd", key);
        data[key] = Exact("fluentd", key, TemplateContext::kText);
      }
      return data;
    }
    for (const char* role : {"driver", "executor"}) {
      std::string conf = Fluentd(role);
      if (!conf.empty()) data[role] = conf;
    }
    Where("fluentd", "fluentd-pod-metadata.conf");
    data["fluentd-pod-metadata.conf"] = Use(Piece("fluentd/pod-metadata")).text;
    std::string job_conf = Fluentd("job");
    if (!job_conf.empty()) data["job"] = job_conf;
    return data;
  }

  /// The images in the pod templates are facts of their own.
  void NoteImages() {
    Where("pod-template", "driver");
    Use(custom_image_.empty() ? Piece("image/spark") : Piece("image/custom"));
    if (vars_.flags["driver_fluentd"] || vars_.flags["logging"]) Use(Piece("image/fluentd"));
  }

 private:
  static bool IsImageKey(const std::string& key) {
    return key == "spark.kubernetes.driver.container.image" || key == "spark.kubernetes.executor.container.image";
  }

  /// A pod template's text, keeping the object it reads as for validation.
  std::string PodYaml(const std::string& key, const std::string& text) {
    if (skeleton_) return RenderTemplate(text, vars_, TemplateContext::kText);
    RenderedYaml r = RenderYamlDocument(text, vars_);
    if (r.object) pod_objects_[key] = std::move(*r.object);  // else validation reads the text
    return std::move(r.text);
  }

  const Fact& Piece(const std::string& id) const {
    auto it = facts_->pieces.find(id);
    if (it == facts_->pieces.end()) throw std::logic_error("no release fact '" + id + "' (compiler/data/emr/releases/)");
    return it->second;
  }

  const Fact& Use(const Fact& f) {
    if (record_) written_.push_back(WrittenFact{configmap_, data_key_, "", f});
    return f;
  }

  void Where(const std::string& configmap, const std::string& key) {
    configmap_ = configmap;
    data_key_ = key;
  }

  std::map<std::string, Fact> ExactKeys(const std::string& configmap) const {
    auto it = facts_->exact->data.find(configmap);
    return it == facts_->exact->data.end() ? std::map<std::string, Fact>{} : it->second;
  }

  std::string Exact(const std::string& configmap, const std::string& key, TemplateContext context) {
    std::map<std::string, Fact> keys = ExactKeys(configmap);
    auto it = keys.find(key);
    if (it == keys.end()) return "";
    return RenderTemplate(Use(it->second).text, vars_, context);
  }

  const Job& job_;
  std::shared_ptr<const ReleaseFacts> facts_;
  TemplateVars vars_;
  bool skeleton_ = false;
  bool record_ = false;
  std::string custom_image_;
  std::string configmap_, data_key_;
  std::vector<WrittenFact> written_;
  std::map<std::string, nlohmann::json> pod_objects_;
};

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

std::vector<Manifest> Emit(const Job& job, const EmrContext& ctx, std::vector<WrittenFact>* written,
                           bool skeleton = false) {
  Writer w(job, ctx, skeleton, written != nullptr);
  const std::string& id = ctx.job_id;
  const std::string& vc = job.virtual_cluster_id.value;
  std::vector<Manifest> out;

  nlohmann::ordered_json defaults = ConfigMap(id + "-spark-defaults", "spark-defaults", job, ctx);
  PropertyList list;
  for (const Property& p : w.SparkDefaults()) list.emplace_back(p.key, p.value);
  defaults["data"]["spark-defaults.conf"] = WriteProperties(list);
  out.push_back(Manifest{"spark-defaults.yaml", defaults});

  nlohmann::ordered_json pods = ConfigMap("podtemplate-" + id, "pod-template", job, ctx);
  pods["data"] = w.PodTemplateData();
  w.NoteImages();
  out.push_back(Manifest{"pod-template.yaml", pods, std::move(w.pod_objects())});

  nlohmann::ordered_json fluentd = ConfigMap("fluentd-" + vc + "-" + id, "fluentd", job, ctx);
  fluentd["data"] = w.FluentdData();
  out.push_back(Manifest{"fluentd.yaml", fluentd});
  if (written) *written = std::move(w.written());
  return out;
}

}  // namespace

std::shared_ptr<const ReleaseFacts> JobFacts(const Job& job, const EmrContext& ctx) {
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  // An unparsable label is refused before emit; the 6.8 facts keep the
  // lint-side callers (which see any label) working.
  ReleaseLabel fallback;
  fallback.major = 6;
  fallback.minor = 8;
  fallback.tag = "latest";
  return FactsFor(label ? *label : fallback, ctx.facts.get(), MonitoringCombination(job.monitoring));
}

TemplateVars EmrTemplateVars(const Job& job, const EmrContext& ctx) {
  const Monitoring& m = job.monitoring;
  TemplateVars v;
  v.values["job_id"] = ctx.job_id;
  v.values["vcid"] = job.virtual_cluster_id.value;
  v.values["namespace"] = ctx.namespace_;
  v.values["region"] = ctx.region;
  v.values["account_id"] = job.account_id;
  v.values["role_b36"] = Base36(job.role_name);
  v.values["appinfo_bucket"] = AppinfoBucket(ctx.region);
  v.values["log_group"] = m.log_group_name.value;
  v.values["stream_prefix"] = m.log_stream_name_prefix.set ? m.log_stream_name_prefix.value + "/" : "";
  std::string why;
  S3Uri s3 = m.s3 ? ParseS3Uri(m.log_uri.value, &why) : S3Uri{};
  v.values["s3_bucket"] = s3.bucket;
  v.values["s3_prefix"] = s3.prefix;
  return v;
}

std::vector<Property> SparkDefaults(const Job& job, const EmrContext& ctx) { return Writer(job, ctx).SparkDefaults(); }

std::string FluentdConfig(const Job& job, const EmrContext& ctx, const std::string& role) {
  return Writer(job, ctx).Fluentd(role);
}

std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx) { return Emit(job, ctx, nullptr); }

std::vector<Manifest> EmitEmrEks(const Job& job, const EmrContext& ctx, std::vector<WrittenFact>* written) {
  return Emit(job, ctx, written);
}

std::vector<Manifest> EmitEmrEksSkeleton(const Job& job, const EmrContext& ctx) {
  return Emit(job, ctx, nullptr, true);
}

std::vector<WrittenFact> EmrFactsWritten(const Job& job, const EmrContext& ctx) {
  std::vector<WrittenFact> out;
  Emit(job, ctx, &out);
  return out;
}

}  // namespace sparkmc
