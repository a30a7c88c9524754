#include "compiler/emit/spark_submit.h"

#include <charconv>

#include <algorithm>
#include <exception>
#include <string>

#include "compiler/emit/properties.h"
#include "compiler/emit/yaml_writer.h"

namespace sparkmc {

namespace {

using Json = nlohmann::ordered_json;

/// The API server as seen from inside the cluster, which is where the Job runs.
constexpr const char* kMaster = "k8s://https://kubernetes.default.svc";
constexpr const char* kOssSparkSubmit = "/opt/spark/bin/spark-submit";  // apache/spark images
constexpr const char* kEmrSparkSubmit = "/usr/lib/spark/bin/spark-submit";
/// Where the ConfigMaps are mounted in the submitter pod. Outside /opt/spark
/// so that they hide nothing the image ships.
constexpr const char* kConfDir = "/opt/sparkmc/conf";
constexpr const char* kTemplateDir = "/opt/sparkmc/pod-templates";

Json Metadata(const std::string& name, const OssContext& ctx) {
  Json md;
  md["name"] = name;
  md["namespace"] = ctx.namespace_;
  return md;
}

Json ConfigMap(const std::string& name, const OssContext& ctx) {
  Json cm;
  cm["apiVersion"] = "v1";
  cm["kind"] = "ConfigMap";
  cm["metadata"] = Metadata(name, ctx);
  cm["data"] = Json::object();
  return cm;
}

bool HasTemplate(const Json& t) { return t.is_object() && !t.empty(); }

/// spark-defaults.conf for the submitter: EMR's defaults as the open-source
/// targets keep them, plus what this target manages itself.
PropertyList DefaultsConf(const OssProperties& props, const std::string& app, const OssContext& ctx) {
  std::vector<Property> conf;
  for (const Property& p : props.conf) {
    // The command line sets these; one value in one place is easier to review.
    if (p.key == "spark.master" || p.key == "spark.submit.deployMode") continue;
    conf.push_back(p);
  }
  auto put = [&conf](const std::string& key, const std::string& value, bool override_user) {
    for (Property& p : conf) {
      if (p.key == key) {
        if (override_user) p.value = value;
        return;
      }
    }
    Property p;
    p.key = key;
    p.value = value;
    conf.push_back(p);
  };
  // EMR names its own driver service account; ours is the one DriverRbac makes.
  put("spark.kubernetes.authenticate.driver.serviceAccountName", OssServiceAccountName(app), false);
  // spark-submit reads both templates when it submits (the executor one is
  // handed to the driver in a ConfigMap), so the submitter's mount suffices.
  if (HasTemplate(ctx.driver_template)) {
    put("spark.kubernetes.driver.podTemplateFile", std::string(kTemplateDir) + "/driver.yaml", true);
  }
  if (HasTemplate(ctx.executor_template)) {
    put("spark.kubernetes.executor.podTemplateFile", std::string(kTemplateDir) + "/executor.yaml", true);
  }
  PropertyList list;
  for (const Property& p : conf) list.emplace_back(p.key, p.value);
  return list;
}

Json Mount(const std::string& name, const std::string& path) {
  Json m;
  m["name"] = name;
  m["mountPath"] = path;
  m["readOnly"] = true;
  return m;
}

Json ConfigMapVolume(const std::string& name, const std::string& config_map) {
  Json v;
  v["name"] = name;
  v["configMap"]["name"] = config_map;
  return v;
}

}  // namespace

std::string EscapeKubernetesArg(const std::string& arg) {
  std::string out;
  for (char c : arg) {
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

std::vector<std::string> SparkSubmitCommand(const Job& job, const OssContext& ctx) {
  std::vector<std::string> argv = {ctx.emr_image ? kEmrSparkSubmit : kOssSparkSubmit, "--master", kMaster,
                                   "--deploy-mode", "cluster"};
  // The tokens as the job's shell-style splitting produced them, so that
  // spark-submit parses exactly what EMR's would, in the same order.
  for (const SubmitToken& t : job.submit_tokens) argv.push_back(t.text);
  argv.push_back(job.entry_point.value);
  for (const Field& a : job.entry_point_arguments) argv.push_back(a.value);
  return argv;
}

std::vector<Manifest> EmitSparkSubmit(const Job& job, const OssContext& ctx) {
  CheckOssJob(job, ctx);
  const std::string app = OssAppName(job, ctx);
  OssProperties props = OssSparkProperties(job, ctx);
  std::vector<Manifest> out = DriverRbac(app, ctx);

  const std::string defaults_name = app + "-spark-defaults";
  Json defaults = ConfigMap(defaults_name, ctx);
  defaults["data"]["spark-defaults.conf"] = WriteProperties(DefaultsConf(props, app, ctx));
  out.push_back(Manifest{"spark-defaults.yaml", defaults});

  const std::string templates_name = app + "-pod-templates";
  bool templates = HasTemplate(ctx.driver_template) || HasTemplate(ctx.executor_template);
  if (templates) {
    Json cm = ConfigMap(templates_name, ctx);
    if (HasTemplate(ctx.driver_template)) cm["data"]["driver.yaml"] = ToYaml(ctx.driver_template);
    if (HasTemplate(ctx.executor_template)) cm["data"]["executor.yaml"] = ToYaml(ctx.executor_template);
    out.push_back(Manifest{"pod-templates.yaml", cm});
  }

  // Exec form: command and args are handed to the process as its argv, one
  // list item per argument, with no shell in between. Spaces, quotes,
  // backslashes, globs, `...` and $(...) in an argument are never split,
  // unquoted or run, so no shell quoting is needed (or would be correct).
  // The one rewriting Kubernetes itself does is $(VAR) and $$ expansion,
  // which EscapeKubernetesArg undoes.
  Json container;
  container["name"] = "spark-submit";
  container["image"] = ctx.image;
  std::vector<std::string> argv = SparkSubmitCommand(job, ctx);
  container["command"] = Json::array({EscapeKubernetesArg(argv[0])});
  container["args"] = Json::array();
  for (size_t i = 1; i < argv.size(); ++i) container["args"].push_back(EscapeKubernetesArg(argv[i]));
  Json env;
  env["name"] = "SPARK_CONF_DIR";  // spark-submit reads $SPARK_CONF_DIR/spark-defaults.conf
  env["value"] = kConfDir;
  container["env"] = Json::array({env});
  container["volumeMounts"] = Json::array({Mount("spark-defaults", kConfDir)});
  if (templates) container["volumeMounts"].push_back(Mount("pod-templates", kTemplateDir));

  Json pod;
  pod["serviceAccountName"] = OssServiceAccountName(app);
  pod["restartPolicy"] = "Never";
  pod["containers"] = Json::array({container});
  pod["volumes"] = Json::array({ConfigMapVolume("spark-defaults", defaults_name)});
  if (templates) pod["volumes"].push_back(ConfigMapVolume("pod-templates", templates_name));

  // maxAttempts counts the first attempt, backoffLimit the retries. A retry
  // submits a new driver, as EMR's does.
  int retries = 0;
  if (job.retry_max_attempts.set) {
    // The schema has already judged it (1 to 10); anything else retries nothing.
    const std::string& v = job.retry_max_attempts.value;
    int attempts = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), attempts);
    if (ec == std::errc() && end == v.data() + v.size()) retries = std::max(0, std::min(attempts, 100) - 1);
  }
  Json batch;
  batch["apiVersion"] = "batch/v1";
  batch["kind"] = "Job";
  batch["metadata"] = Metadata(app + "-submit", ctx);
  batch["spec"]["backoffLimit"] = retries;
  batch["spec"]["template"]["spec"] = pod;
  out.push_back(Manifest{"job.yaml", batch});
  return out;
}

}  // namespace sparkmc
