#include "compiler/emit/spark_operator.h"

#include <charconv>
#include "compiler/base/text.h"
#include "compiler/model/release_label.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

using Json = nlohmann::ordered_json;

/// The driver's final properties, each handed out once: to a typed field, or
/// at the end to sparkConf or hadoopConf. A key set both ways would be passed
/// twice and the operator's order would decide, so no key is.
class PropertyPool {
 public:
  explicit PropertyPool(const std::vector<Property>& props) {
    for (const Property& p : props) {
      if (values_.count(p.key) == 0) order_.push_back(p.key);
      values_[p.key] = p.value;
    }
  }

  /// The value of \a key while no field has claimed it.
  const std::string* Peek(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() || taken_.count(key) ? nullptr : &it->second;
  }

  std::optional<std::string> Take(const std::string& key) {
    const std::string* v = Peek(key);
    if (!v) return std::nullopt;
    taken_.insert(key);
    return *v;
  }

  /// Unclaimed keys starting with \a prefix (and longer than it), in order.
  std::vector<std::string> KeysWithPrefix(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const std::string& k : order_) {
      if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0 && !taken_.count(k)) out.push_back(k);
    }
    return out;
  }

  /// What no field claimed, in order.
  std::vector<std::pair<std::string, std::string>> Rest() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& k : order_) {
      if (!taken_.count(k)) out.emplace_back(k, values_.at(k));
    }
    return out;
  }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::string> values_;
  std::set<std::string> taken_;
};

/// \a s as an int32 of at least \a min, the CRD's type for cores and counts.
std::optional<int> Int32(const std::string& s, int min) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  long long v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  if (v < min || v > 2147483647LL) return std::nullopt;
  return static_cast<int>(v);
}

/// Spark reads booleans trimmed and case-insensitively.
std::optional<bool> Bool(const std::string& s) {
  std::string v = Lower(Trim(s));
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

/// A comma-separated list as the operator's string lists, which it joins back
/// with ','. Lists with blank entries are not lifted, so that the join gives
/// back exactly what the job wrote.
std::optional<Json> List(const std::string& s) {
  Json out = Json::array();
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) {
    if (Trim(item).empty()) return std::nullopt;
    out.push_back(item);
  }
  if (out.empty() || s.back() == ',') return std::nullopt;
  return out;
}

// The Take* helpers move one property into a typed field when its value fits
// the field's type; otherwise it stays for sparkConf, where spark-submit
// judges it exactly as it would on EMR.
void TakeString(PropertyPool& pool, const std::string& key, Json& obj, const char* field) {
  if (auto v = pool.Take(key)) obj[field] = *v;
}

void TakeInt(PropertyPool& pool, const std::string& key, int min, Json& obj, const char* field) {
  const std::string* v = pool.Peek(key);
  if (!v) return;
  if (auto n = Int32(*v, min)) {
    obj[field] = *n;
    pool.Take(key);
  }
}

void TakeBool(PropertyPool& pool, const std::string& key, Json& obj, const char* field) {
  const std::string* v = pool.Peek(key);
  if (!v) return;
  if (auto b = Bool(*v)) {
    obj[field] = *b;
    pool.Take(key);
  }
}

void TakeList(PropertyPool& pool, const std::string& key, Json& obj, const char* field) {
  const std::string* v = pool.Peek(key);
  if (!v) return;
  if (auto list = List(*v)) {
    obj[field] = *list;
    pool.Take(key);
  }
}

/// spark.kubernetes.driver.label.<k>=v and the like as a map field.
void TakeMap(PropertyPool& pool, const std::string& prefix, Json& obj, const char* field) {
  for (const std::string& key : pool.KeysWithPrefix(prefix)) obj[field][key.substr(prefix.size())] = *pool.Take(key);
}

/// The driver or executor spec. \a app_image is spec.image, which the operator
/// also passes for both roles unless a role names its own.
Json RoleSpec(PropertyPool& pool, const std::string& role, const std::string& app, const std::string& app_image,
              const nlohmann::ordered_json& pod_template) {
  const std::string k8s = "spark.kubernetes." + role + ".";
  Json spec = Json::object();
  if (role == "executor") TakeInt(pool, "spark.executor.instances", 1, spec, "instances");
  TakeInt(pool, "spark." + role + ".cores", 1, spec, "cores");
  TakeString(pool, k8s + "request.cores", spec, "coreRequest");
  TakeString(pool, k8s + "limit.cores", spec, "coreLimit");
  TakeString(pool, "spark." + role + ".memory", spec, "memory");
  TakeString(pool, "spark." + role + ".memoryOverhead", spec, "memoryOverhead");
  // v2.5 rejects role images and service accounts in sparkConf.
  if (auto image = pool.Take(k8s + "container.image"); image && *image != app_image) spec["image"] = *image;
  if (auto sa = pool.Take("spark.kubernetes.authenticate." + role + ".serviceAccountName")) {
    spec["serviceAccount"] = *sa;
  } else if (role == "driver") {
    spec["serviceAccount"] = OssServiceAccountName(app);
  }
  TakeString(pool, "spark." + role + ".extraJavaOptions", spec, "javaOptions");
  if (role == "driver") TakeString(pool, "spark.kubernetes.driver.master", spec, "kubernetesMaster");
  if (role == "executor") TakeBool(pool, "spark.kubernetes.executor.deleteOnTermination", spec, "deleteOnTermination");
  TakeMap(pool, k8s + "label.", spec, "labels");
  TakeMap(pool, k8s + "annotation.", spec, "annotations");
  // ENV=secret:key; the operator writes back "<name>:<key>".
  for (const std::string& key : pool.KeysWithPrefix(k8s + "secretKeyRef.")) {
    const std::string& ref = *pool.Peek(key);
    size_t colon = ref.find(':');
    if (colon == std::string::npos || colon == 0 || ref.find(':', colon + 1) != std::string::npos) continue;
    Json r;
    r["name"] = ref.substr(0, colon);
    r["key"] = ref.substr(colon + 1);
    spec["envSecretKeyRefs"][key.substr((k8s + "secretKeyRef.").size())] = r;
    pool.Take(key);
  }
  for (const std::string& key : pool.KeysWithPrefix(k8s + "secrets.")) {
    Json s;
    s["name"] = key.substr((k8s + "secrets.").size());
    s["path"] = *pool.Take(key);
    s["secretType"] = "Generic";  // becomes exactly spark.kubernetes.<role>.secrets.<name>=<path>
    spec["secrets"].push_back(s);
  }
  // The operator (v2.4+) always writes a pod template file and sets these two
  // keys after sparkConf, so the user's template must travel as `template`.
  pool.Take(k8s + "podTemplateFile");
  pool.Take(k8s + "podTemplateContainerName");
  if (pod_template.is_object() && !pod_template.empty()) spec["template"] = PodTemplateSpec(pod_template);
  return spec;
}

/// --class and --proxy-user carry no property; read them from the tokens as
/// spark-submit does (the last one wins).
std::string OptionValue(const Job& job, const std::string& option) {
  std::string value;
  const auto& t = job.submit_tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].text == option && i + 1 < t.size()) {
      value = t[++i].text;
    } else if (t[i].text.rfind(option + "=", 0) == 0) {
      value = t[i].text.substr(option.size() + 1);
    } else if (t[i].text == "--conf" || t[i].text == "-c") {
      ++i;  // a --conf value is never an option
    }
  }
  return value;
}

/// Spark tells Python and R from the file name; the operator's type only sizes
/// memory overhead estimates, and a jar's Java and Scala are the same JVM to
/// it, so jars get its default, Scala.
std::string AppType(const std::string& entry) {
  std::string lower = Lower(entry);
  if (EndsWith(lower, ".py")) return "Python";
  if (EndsWith(lower, ".r")) return "R";
  return "Scala";
}

Json RestartPolicy(const Job& job) {
  Json policy;
  std::optional<int> attempts = job.retry_max_attempts.set ? Int32(job.retry_max_attempts.value, 1) : std::nullopt;
  if (!attempts || *attempts < 2) {
    policy["type"] = "Never";
    return policy;
  }
  // maxAttempts counts the first attempt; the operator counts retries. The
  // intervals are the webhook's defaults, written out so that the policy does
  // not depend on the webhook running.
  policy["type"] = "OnFailure";
  policy["onFailureRetries"] = *attempts - 1;
  policy["onFailureRetryInterval"] = 5;
  policy["onSubmissionFailureRetries"] = *attempts - 1;
  policy["onSubmissionFailureRetryInterval"] = 5;
  return policy;
}

/// True when \a s starts with \a parts dot-separated runs of digits
/// ("3.5.1"); \a end is where they stop.
bool VersionPrefix(const std::string& s, int parts, size_t* end) {
  size_t i = 0;
  for (int part = 0; part < parts; ++part) {
    if (part > 0) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  *end = i;
  return true;
}

}  // namespace

std::string SparkVersionFor(const Job& job, const OssContext& ctx, bool* inferred) {
  *inferred = false;
  if (!ctx.emr_image) {
    // apache/spark:3.5.1, spark:v3.5.1, spark:3.5.1-scala2.12-java17-python3-ubuntu
    std::string name = ctx.image.substr(ctx.image.rfind('/') + 1);
    size_t colon = name.find(':');
    if (colon != std::string::npos && name.find('@') == std::string::npos) {
      std::string tag = name.substr(colon + 1);
      if (!tag.empty() && tag[0] == 'v') tag.erase(0, 1);
      size_t end = 0;
      if (VersionPrefix(tag, 3, &end) && (end == tag.size() || std::string("-_.+").find(tag[end]) != std::string::npos)) {
        return tag.substr(0, end);
      }
    }
  }
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  if (!label) return "";
  bool verified = false;
  std::string spark = SparkVersionOfRelease(*label, &verified);
  *inferred = !spark.empty() && !verified;
  return spark;
}

std::vector<Manifest> EmitSparkOperator(const Job& job, const OssContext& ctx) {
  CheckOssJob(job, ctx);
  bool inferred = false;
  std::string version = SparkVersionFor(job, ctx, &inferred);
  if (version.empty()) {
    throw InputError(job.release_label.set ? job.release_label.loc : job.loc,
                     fmt::format("no Spark version is known for release label '{}'; pass an image whose tag names "
                                 "one (e.g. --image apache/spark:3.5.1)",
                                 job.release_label.value));
  }
  const std::string app = OssAppName(job, ctx);
  OssProperties props = OssSparkProperties(job, ctx);
  PropertyPool pool(props.driver);

  // Typed fields first, into a scratch object; the spec is assembled in a
  // fixed, readable order at the end, once sparkConf is what is left.
  Json typed = Json::object();
  typed["type"] = AppType(job.entry_point.value);
  typed["mode"] = "cluster";
  pool.Take("spark.submit.deployMode");  // `mode` is --deploy-mode
  typed["sparkVersion"] = version;
  // Emitted before sparkConf, so a sparkConf entry would override them
  // (v2.5 rejects the image and master there; the namespace must match).
  typed["image"] = pool.Take("spark.kubernetes.container.image").value_or(ctx.image);
  pool.Take("spark.master");               // the operator passes its own --master
  pool.Take("spark.kubernetes.namespace");  // metadata.namespace
  TakeString(pool, "spark.kubernetes.container.image.pullPolicy", typed, "imagePullPolicy");
  TakeList(pool, "spark.kubernetes.container.image.pullSecrets", typed, "imagePullSecrets");
  if (std::string main_class = OptionValue(job, "--class"); !main_class.empty()) typed["mainClass"] = main_class;
  typed["mainApplicationFile"] = job.entry_point.value;
  for (const Field& a : job.entry_point_arguments) typed["arguments"].push_back(a.value);
  if (std::string user = OptionValue(job, "--proxy-user"); !user.empty()) typed["proxyUser"] = user;
  if (const std::string* py = pool.Peek("spark.kubernetes.pyspark.pythonVersion"); py && (*py == "2" || *py == "3")) {
    typed["pythonVersion"] = *pool.Take("spark.kubernetes.pyspark.pythonVersion");
  }
  TakeString(pool, "spark.kubernetes.memoryOverheadFactor", typed, "memoryOverheadFactor");

  Json deps = Json::object();
  TakeList(pool, "spark.jars", deps, "jars");
  TakeList(pool, "spark.files", deps, "files");
  TakeList(pool, "spark.submit.pyFiles", deps, "pyFiles");
  TakeList(pool, "spark.jars.packages", deps, "packages");
  TakeList(pool, "spark.jars.excludes", deps, "excludePackages");
  TakeList(pool, "spark.jars.repositories", deps, "repositories");
  TakeList(pool, "spark.archives", deps, "archives");
  if (!deps.empty()) typed["deps"] = deps;

  // Dynamic allocation must be the typed field: the webhook looks for it there
  // (its sparkConf fallback misspells the key) and otherwise sets
  // executor.instances=1, which changes the initial executor count.
  bool dynamic = false;
  if (const std::string* da = pool.Peek("spark.dynamicAllocation.enabled"); da && Bool(*da) == true) {
    dynamic = true;
    pool.Take("spark.dynamicAllocation.enabled");
    Json d;
    d["enabled"] = true;
    TakeInt(pool, "spark.dynamicAllocation.initialExecutors", 0, d, "initialExecutors");
    TakeInt(pool, "spark.dynamicAllocation.minExecutors", 0, d, "minExecutors");
    TakeInt(pool, "spark.dynamicAllocation.maxExecutors", 0, d, "maxExecutors");
    // Unset, the operator passes shuffleTracking.enabled=true, which Spark on
    // Kubernetes needs for dynamic allocation anyway.
    TakeBool(pool, "spark.dynamicAllocation.shuffleTracking.enabled", d, "shuffleTrackingEnabled");
    typed["dynamicAllocation"] = d;
  }
  TakeMap(pool, "spark.kubernetes.node.selector.", typed, "nodeSelector");

  const std::string app_image = typed["image"].get<std::string>();
  Json driver = RoleSpec(pool, "driver", app, app_image, ctx.driver_template);
  Json executor = RoleSpec(pool, "executor", app, app_image, ctx.executor_template);
  if (!dynamic && !FindProperty(props.driver, "spark.executor.instances")) {
    // Spark's own default; left unset, the webhook would set 1.
    Json e;
    e["instances"] = 2;
    for (auto it = executor.begin(); it != executor.end(); ++it) e[it.key()] = it.value();
    executor = e;
  }

  // The operator passes hadoopConf back as spark.hadoop.<key>.
  const std::string hadoop_prefix = "spark.hadoop.";
  Json hadoop = Json::object();
  for (const std::string& key : pool.KeysWithPrefix(hadoop_prefix)) {
    hadoop[key.substr(hadoop_prefix.size())] = *pool.Take(key);
  }
  Json conf = Json::object();
  for (const auto& [k, v] : pool.Rest()) conf[k] = v;

  Json spec;
  for (const char* key : {"type", "mode", "sparkVersion", "image", "imagePullPolicy", "imagePullSecrets", "mainClass",
                          "mainApplicationFile", "arguments", "proxyUser", "pythonVersion", "memoryOverheadFactor",
                          "deps"}) {
    if (typed.contains(key)) spec[key] = typed[key];
  }
  if (!conf.empty()) spec["sparkConf"] = conf;
  if (!hadoop.empty()) spec["hadoopConf"] = hadoop;
  for (const char* key : {"nodeSelector", "dynamicAllocation"}) {
    if (typed.contains(key)) spec[key] = typed[key];
  }
  spec["restartPolicy"] = RestartPolicy(job);
  spec["driver"] = driver;
  spec["executor"] = executor;

  // No metadata.labels: the operator copies them onto the driver and
  // executors as spark.kubernetes.*.label.* properties.
  Json application;
  application["apiVersion"] = "sparkoperator.k8s.io/v1beta2";
  application["kind"] = "SparkApplication";
  application["metadata"]["name"] = app;
  application["metadata"]["namespace"] = ctx.namespace_;
  application["spec"] = spec;

  std::vector<Manifest> out = DriverRbac(app, ctx);
  out.push_back(Manifest{"spark-application.yaml", application});
  return out;
}

}  // namespace sparkmc
