// The rule kinds: each reads its params from the rule's declaration and
// reports findings. Rules only judge what the user wrote, never EMR's own
// defaults (which use deprecated spark.blacklist.* keys, for one).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "compiler/check/injection.h"
#include "compiler/check/rules.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/data/embedded.h"
#include "compiler/emit/emr_eks.h"
#include "compiler/emit/oss_common.h"
#include "compiler/model/spell.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {

namespace {

// ---- helpers ---------------------------------------------------------------

const Job* JobOf(const LintSubject& s) { return s.loaded && s.loaded->job ? &*s.loaded->job : nullptr; }

Finding At(const Location& loc, std::string message, std::string pointer = "") {
  Finding f;
  f.loc = loc;
  f.message = std::move(message);
  f.pointer = std::move(pointer);
  return f;
}

Location NodeLoc(const PodTemplateInput& t, const Node& n) { return Location{t.source->path, n.line, n.column}; }

void CollectUser(const std::vector<Configuration>& list, std::vector<const Property*>* out) {
  for (const Configuration& c : list) {
    if (c.classification.value == "spark-defaults") {
      for (const Property& p : c.properties) out->push_back(&p);
    }
    CollectUser(c.configurations, out);
  }
}

/// Every Spark property the user wrote: spark-defaults classifications, then
/// sparkSubmitParameters, in file order.
std::vector<const Property*> UserProperties(const Job& job) {
  std::vector<const Property*> out;
  CollectUser(job.application_configuration, &out);
  for (const Property& p : job.submit_properties) out.push_back(&p);
  return out;
}

/// The user's value that Spark ends up with for \a key, by spark-submit's
/// precedence (flag > --conf > spark-defaults.conf), or null.
const Property* Winning(const Job& job, const std::string& key) {
  const Property* best = nullptr;
  for (const Property* p : UserProperties(job)) {
    if (p->key != key) continue;
    if (!best) { best = p; continue; }
    bool p_submit = p->origin == Origin::kSparkSubmitParameters;
    bool b_submit = best->origin == Origin::kSparkSubmitParameters;
    if (p_submit && !b_submit) best = p;
    else if (p_submit == b_submit) {
      bool p_flag = p->flag != "--conf" && p_submit;
      bool b_flag = best->flag != "--conf" && b_submit;
      if (p_flag || !b_flag) best = p;
    }
  }
  return best;
}

/// The value Spark sees: the user's, else EMR's default, else "".
std::string Effective(const LintSubject& s, const std::string& key) {
  const Job* job = JobOf(s);
  if (const Property* p = Winning(*job, key)) return p->value;
  for (const Property& p : s.emr_defaults) {
    if (p.key == key) return p.value;
  }
  return "";
}

std::string Describe(const Property& p) {
  if (p.origin == Origin::kSparkSubmitParameters) {
    return p.flag == "--conf" ? "--conf in sparkSubmitParameters" : p.flag + " in sparkSubmitParameters";
  }
  return "the " + p.classification + " classification";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> Strings(const nlohmann::json& params, const char* key) {
  std::vector<std::string> out;
  if (params.contains(key) && params[key].is_array()) {
    for (const auto& v : params[key]) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string l(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (!l.empty() && l[0] != '#') out.push_back(l);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

/// The main (Spark) container of a template: the one with the expected name,
/// else the first, as Spark selects it.
const Node* MainContainer(const Node& spec, const std::string& name) {
  const Node* containers = spec.Find("containers");
  if (!containers || !containers->IsSequence() || containers->items.empty()) return nullptr;
  for (const Node& c : containers->items) {
    const Node* n = c.Find("name");
    if (n && n->value == name) return &c;
  }
  return &containers->items.front();
}

// ---- kinds -----------------------------------------------------------------

void SchemaKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  if (s.loaded) {
    for (const SchemaViolation& v : s.loaded->violations) out->push_back(At(v.loc, v.message, v.pointer));
    for (const InputError& e : s.loaded->errors) out->push_back(At(e.location(), e.what()));
  }
  for (const PodTemplateInput& t : s.templates) {
    for (const SchemaViolation& v : Validate(t.doc, SchemaId::kPod, *t.source)) {
      out->push_back(At(v.loc, "pod template: " + v.message, v.pointer));
    }
  }
}

void InjectionKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  if (const Job* job = JobOf(s)) {
    for (const InputError& e : FindInjections(*job)) out->push_back(At(e.location(), e.what()));
  }
}

void PodAllowlistKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const nlohmann::json& p = r.params;
  std::vector<std::string> pod_allow = Lines(EmbeddedData(p.value("podAllowlist", "")));
  std::vector<std::string> container_allow = Lines(EmbeddedData(p.value("containerAllowlist", "")));
  std::vector<std::string> volumes = Strings(p, "reservedVolumes");
  std::vector<std::string> mounts = Strings(p, "reservedMountPaths");
  std::vector<std::string> env = Strings(p, "reservedEnv");
  std::vector<std::string> reserved_containers = Strings(p, "reservedContainers");
  auto allowed = [](const std::vector<std::string>& list, const std::string& f) {
    return std::find(list.begin(), list.end(), f) != list.end();
  };
  for (const PodTemplateInput& t : s.templates) {
    const std::string& role = t.role;
    std::string main_name = p["mainContainers"].value(role, "spark-kubernetes-" + role);
    if (!t.doc.IsMap()) continue;
    for (const auto& [k, v] : t.doc.members) {
      std::string field = "pod." + k.value;
      if (k.value != "spec" && !allowed(pod_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not in EMR's {} pod allowlist: EMR fails the job at submission", field, role)));
      }
    }
    const Node* spec = t.doc.Find("spec");
    if (!spec || !spec->IsMap()) continue;
    for (const auto& [k, v] : spec->members) {
      std::string field = "pod.spec." + k.value;
      if (!allowed(pod_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not in EMR's {} pod allowlist: EMR fails the job at submission", field, role)));
      }
    }
    if (const Node* vols = spec->Find("volumes"); vols && vols->IsSequence()) {
      for (const Node& vol : vols->items) {
        const Node* n = vol.Find("name");
        if (n && allowed(volumes, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("volume name '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* n = c.Find("name");
        if (n && allowed(reserved_containers, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("container name '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
    const Node* main = MainContainer(*spec, main_name);
    if (!main || !main->IsMap()) continue;
    if (const Node* n = main->Find("name"); n && n->value != main_name) {
      out->push_back(At(NodeLoc(t, *n), fmt::format("the first container '{}' becomes the Spark {} container: EMR expects it to be named '{}'",
                                                    n->value, role, main_name)));
    }
    for (const auto& [k, v] : main->members) {
      std::string field = "container." + k.value;
      if (!allowed(container_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not allowed on the Spark {} container by EMR's allowlist", field, role)));
      }
    }
    if (const Node* vm = main->Find("volumeMounts"); vm && vm->IsSequence()) {
      for (const Node& m : vm->items) {
        const Node* path = m.Find("mountPath");
        if (!path) continue;
        for (const std::string& r2 : mounts) {
          if (path->value == r2 || path->value.rfind(r2 + "/", 0) == 0 || r2.rfind(path->value + "/", 0) == 0) {
            out->push_back(At(NodeLoc(t, *path), fmt::format("mount path '{}' overlaps EMR's reserved path '{}'", path->value, r2)));
            break;
          }
        }
      }
    }
    if (const Node* ev = main->Find("env"); ev && ev->IsSequence()) {
      for (const Node& e : ev->items) {
        const Node* n = e.Find("name");
        if (n && allowed(env, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("environment variable '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
  }
}

void InsecureKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  if (const Job* job = JobOf(s)) {
    if (r.params.contains("properties")) {
      for (const auto& [key, bad] : r.params["properties"].items()) {
        for (const Property* p : UserProperties(*job)) {
          if (p->key == key && Lower(p->value) == Lower(bad.get<std::string>())) {
            out->push_back(At(p->loc, fmt::format("{}={} turns off a protection", key, p->value)));
          }
        }
      }
    }
  }
  for (const PodTemplateInput& t : s.templates) {
    const Node* spec = t.doc.Find("spec");
    if (!spec || !spec->IsMap()) continue;
    for (const char* host : {"hostNetwork", "hostPID", "hostIPC"}) {
      if (const Node* n = spec->Find(host); n && n->value == "true") {
        out->push_back(At(NodeLoc(t, *n), fmt::format("pod.spec.{} shares the node's namespaces with the pod", host)));
      }
    }
    if (const Node* sc = spec->Find("securityContext")) {
      if (const Node* u = sc->Find("runAsUser"); u && u->value == "0") {
        out->push_back(At(NodeLoc(t, *u), "the pod runs as root (runAsUser: 0)"));
      }
    }
    if (const Node* vols = spec->Find("volumes"); vols && vols->IsSequence()) {
      for (const Node& v : vols->items) {
        if (const Node* hp = v.FindKey("hostPath")) {
          out->push_back(At(NodeLoc(t, *hp), "a hostPath volume exposes the node's filesystem to the pod"));
        }
      }
    }
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* sc = c.Find("securityContext");
        if (!sc) continue;
        if (const Node* n = sc->Find("privileged"); n && n->value == "true") {
          out->push_back(At(NodeLoc(t, *n), "a privileged container has full access to the node"));
        }
        if (const Node* n = sc->Find("allowPrivilegeEscalation"); n && n->value == "true") {
          out->push_back(At(NodeLoc(t, *n), "allowPrivilegeEscalation lets a process gain more privileges than its parent"));
        }
        if (const Node* n = sc->Find("runAsUser"); n && n->value == "0") {
          out->push_back(At(NodeLoc(t, *n), "the container runs as root (runAsUser: 0)"));
        }
        if (const Node* caps = sc->Find("capabilities")) {
          if (const Node* add = caps->Find("add"); add && add->IsSequence()) {
            for (const Node& cap : add->items) {
              if (cap.value == "SYS_ADMIN" || cap.value == "ALL" || cap.value == "NET_ADMIN") {
                out->push_back(At(NodeLoc(t, cap), fmt::format("capability {} is close to root on the node", cap.value)));
              }
            }
          }
        }
      }
    }
  }
}

void MonitoringKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  const Monitoring& m = job->monitoring;
  Location where = m.loc.line ? m.loc : job->overrides_loc.line ? job->overrides_loc : job->loc;
  if (!m.Logging()) {
    out->push_back(At(where, "no CloudWatch or S3 logging: driver and executor logs are lost with their pods "
                             "(the persistent UI keeps only the Spark UI)"));
  }
  const Property* event_dir = Winning(*job, "spark.eventLog.dir");
  if (!m.PersistentUiEnabled() && !event_dir) {
    out->push_back(At(m.persistent_app_ui.loc, "persistentAppUI is DISABLED and spark.eventLog.dir is not set: "
                                               "this job leaves no Spark history"));
  }
  const Property* enabled = Winning(*job, "spark.ui.prometheus.enabled");
  const Property* scrape = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/scrape");
  const Property* path = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/path");
  const Property* port = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/port");
  bool on = enabled && Lower(enabled->value) == "true";
  if (on && !(scrape && Lower(scrape->value) == "true")) {
    out->push_back(At(enabled->loc, "spark.ui.prometheus.enabled is true but the driver has no prometheus.io/scrape "
                                    "annotation: nothing scrapes the metrics"));
  }
  if (scrape && Lower(scrape->value) == "true") {
    std::string p = path ? path->value : "/metrics";
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    if (p == "/metrics/executors/prometheus" && !on) {
      out->push_back(At(scrape->loc, "the driver is annotated for Prometheus scraping of /metrics/executors/prometheus "
                                     "but spark.ui.prometheus.enabled is not true: the endpoint does not exist"));
    } else if (p == "/metrics/prometheus" && !Winning(*job, "spark.metrics.conf.*.sink.prometheusServlet.class")) {
      out->push_back(At(path ? path->loc : scrape->loc,
                        "/metrics/prometheus needs the PrometheusServlet sink "
                        "(spark.metrics.conf.*.sink.prometheusServlet.class), which is not configured"));
    }
    if (port) {
      std::string ui_port = Effective(s, "spark.ui.port");
      if (ui_port.empty()) ui_port = "4040";
      if (port->value != ui_port) {
        out->push_back(At(port->loc, fmt::format("the prometheus.io/port annotation is {} but the Spark UI listens on {}",
                                                 port->value, ui_port)));
      }
    }
  }
}

bool PassThrough(const RuleSpec& r, const std::string& key) {
  for (const std::string& p : Strings(r.params, "passThroughPrefixes")) {
    if (key.rfind(p, 0) == 0) return true;
  }
  return false;
}

void UnknownKeyKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    if (p->key.rfind("spark.", 0) != 0 || PassThrough(r, p->key) || FindSparkKey(p->key)) continue;
    out->push_back(At(p->loc, fmt::format("unknown Spark property '{}'{}", p->key, DidYouMean(p->key, SparkKeyNames()))));
  }
}

void DeprecatedKeyKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    const SparkKey* k = FindSparkKey(p->key);
    if (!k) continue;
    if (k->status == "deprecated" || k->status == "deprecated-alias") {
      out->push_back(At(p->loc, k->deprecated_by.empty()
                                    ? fmt::format("'{}' is deprecated", p->key)
                                    : fmt::format("'{}' is deprecated; use '{}'", p->key, k->deprecated_by)));
    } else if (k->status == "removed" || k->status == "removed-by-3.5") {
      out->push_back(At(p->loc, fmt::format("'{}' was removed from Spark{}", p->key,
                                            k->deprecated_by.empty() ? "" : "; use '" + k->deprecated_by + "'")));
    }
  }
}

void ValueKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  for (const Property* p : UserProperties(*job)) {
    const SparkKey* k = FindSparkKey(p->key);
    if (!k) continue;
    std::string why = InvalidSparkValue(*k, p->value);
    if (!why.empty()) {
      out->push_back(At(p->loc, fmt::format("invalid value '{}' for {} ({}): {}", p->value, p->key, k->type, why)));
    }
  }
}

void ConflictKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  std::map<std::string, std::vector<const Property*>> by_key;
  for (const Property* p : UserProperties(*job)) by_key[p->key].push_back(p);
  for (const auto& [key, props] : by_key) {
    const Property* winner = Winning(*job, key);
    for (const Property* p : props) {
      if (p == winner || p->value == winner->value) continue;
      out->push_back(At(p->loc, fmt::format("{} is set to '{}' here ({}) but '{}' from {} wins", key, p->value, Describe(*p),
                                            winner->value, Describe(*winner))));
    }
  }
}

/// The Spark version EMR's release ships ("3.3.0-amzn-0"), from
/// compiler/data/oss/emr-spark-versions.tsv; "" when the label is unknown.
std::string SparkVersionOf(const Job& job) {
  const std::string& label = job.release_label.value;
  if (label.rfind("emr-", 0) != 0) return "";
  size_t dot = label.find('.', 4);
  size_t dot2 = dot == std::string::npos ? dot : label.find('.', dot + 1);
  if (dot2 == std::string::npos) return "";
  std::string minor = label.substr(4, dot2 - 4);
  for (const auto& cols : EmbeddedTable("compiler/data/oss/emr-spark-versions.tsv")) {
    if (cols.size() >= 2 && cols[0] == minor) return cols[1];
  }
  return "";
}

/// Compares dotted versions numerically ("3.10" > "3.4"); suffixes ignored.
bool VersionAtLeast(const std::string& version, const std::string& floor) {
  auto parts = [](const std::string& v) {
    std::vector<int> out;
    size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
      int n = 0;
      while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) n = n * 10 + (v[i++] - '0');
      out.push_back(n);
      if (i < v.size() && v[i] == '.') ++i;
    }
    return out;
  };
  return !version.empty() && parts(version) >= parts(floor);
}

void RequiresKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job || !r.params.contains("when")) return;
  std::string key = r.params["when"].value("key", "");
  std::string value = r.params["when"].value("value", "");
  const Property* trigger = Winning(*job, key);
  if (!trigger || Lower(trigger->value) != Lower(value)) return;
  std::vector<std::string> names;
  for (const auto& alt : r.params.value("anyOf", nlohmann::json::array())) {
    std::string k = alt.value("key", "");
    names.push_back(k + "=" + alt.value("value", ""));
    std::string value = Effective(s, k);
    if (Lower(value) == Lower(alt.value("value", ""))) return;
    // Unset, but the release's Spark defaults it to the wanted value
    // (shuffle tracking is on by default from Spark 3.4).
    if (value.empty() && alt.contains("defaultSince") && VersionAtLeast(SparkVersionOf(*job), alt["defaultSince"].get<std::string>())) {
      return;
    }
  }
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : " or ") + n;
  out->push_back(At(trigger->loc, fmt::format("{}={} needs {}{}", key, trigger->value, list,
                                              r.params.contains("because") ? ": " + r.params["because"].get<std::string>() : "")));
}

/// A Kubernetes memory quantity in MiB, or -1.
long long QuantityMiB(const std::string& q) {
  size_t digits = q.find_first_not_of("0123456789");
  if (digits == 0 || (digits != std::string::npos && digits > 15) || (digits == std::string::npos && q.size() > 15)) return -1;
  std::string u = digits == std::string::npos ? "" : q.substr(digits);
  static const char* const kUnits[] = {"", "Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"};
  if (std::find(std::begin(kUnits), std::end(kUnits), u) == std::end(kUnits)) return -1;
  long double n = std::stold(q.substr(0, digits));
  long double bytes = u == "Ki" ? n * 1024 : u == "Mi" ? n * 1048576 : u == "Gi" ? n * 1073741824.0L
                    : u == "Ti" ? n * 1099511627776.0L : u == "k" ? n * 1e3 : u == "M" ? n * 1e6
                    : u == "G" ? n * 1e9 : u == "T" ? n * 1e12 : n;
  return static_cast<long long>(bytes / 1048576);
}

void MemoryLimitKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  const Property* mem_prop = Winning(*job, "spark.executor.memory");
  long long mem = SizeInMiB(Effective(s, "spark.executor.memory"));
  if (mem < 0) return;
  long long overhead;
  std::string explicit_overhead = Effective(s, "spark.executor.memoryOverhead");
  if (!explicit_overhead.empty()) {
    overhead = SizeInMiB(explicit_overhead);
  } else {
    std::string factor = Effective(s, "spark.executor.memoryOverheadFactor");
    if (factor.empty()) factor = Effective(s, "spark.kubernetes.memoryOverheadFactor");
    bool python = job->entry_point.value.size() > 3 &&
                  job->entry_point.value.substr(job->entry_point.value.size() - 3) == ".py";
    double f = factor.empty() ? (python ? 0.4 : 0.1) : std::atof(factor.c_str());
    overhead = std::max<long long>(static_cast<long long>(f * static_cast<double>(mem)), 384);
  }
  long long pod = mem + overhead;
  Location where = mem_prop ? mem_prop->loc : job->loc;
  for (const PodTemplateInput& t : s.templates) {
    if (t.role != "executor") continue;
    const Node* spec = t.doc.Find("spec");
    const Node* main = spec ? MainContainer(*spec, "spark-kubernetes-executor") : nullptr;
    const Node* res = main ? main->Find("resources") : nullptr;
    const Node* lim = res ? res->Find("limits") : nullptr;
    const Node* lmem = lim ? lim->Find("memory") : nullptr;
    if (lmem && QuantityMiB(lmem->value) >= 0 && pod > QuantityMiB(lmem->value)) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead) but the "
                                           "executor pod template limits memory to {}", pod, mem, overhead, lmem->value)));
    }
  }
  if (r.params.contains("maxPodMemory")) {
    long long max = QuantityMiB(r.params["maxPodMemory"].get<std::string>());
    if (max >= 0 && pod > max) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead), more than "
                                           "the {} a node offers", pod, mem, overhead, r.params["maxPodMemory"].get<std::string>())));
    }
  }
}

void NonSparkKeyKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job) return;
  std::vector<const Property*> props;
  CollectUser(job->application_configuration, &props);
  for (const Property* p : props) {
    if (p->key.rfind("spark.", 0) == 0) continue;
    std::string where;
    if (r.params.contains("belongsIn") && r.params["belongsIn"].contains(p->key)) {
      where = fmt::format("; EMR reads it from the {} classification", r.params["belongsIn"][p->key].get<std::string>());
    }
    out->push_back(At(p->loc, fmt::format("'{}' is not a Spark property: spark-submit ignores it in spark-defaults{}", p->key, where)));
  }
}

std::string MutableTag(const RuleSpec& r, const std::string& image) {
  if (image.find('@') != std::string::npos) return "";  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "no tag (means latest)";
  std::string tag = image.substr(colon + 1);
  for (const std::string& m : Strings(r.params, "mutableTags")) {
    if (tag == m) return "tag '" + tag + "'";
  }
  return "";
}

void ImageTagKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  if (const Job* job = JobOf(s)) {
    for (const std::string& key : Strings(r.params, "properties")) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key != key) continue;
        std::string why = MutableTag(r, p->value);
        if (!why.empty()) out->push_back(At(p->loc, fmt::format("image '{}' has {}: what runs can change under you", p->value, why)));
      }
    }
  }
  for (const PodTemplateInput& t : s.templates) {
    const Node* spec = t.doc.Find("spec");
    if (!spec) continue;
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* img = c.Find("image");
        if (!img) continue;
        std::string why = MutableTag(r, img->value);
        if (!why.empty()) out->push_back(At(NodeLoc(t, *img), fmt::format("image '{}' has {}: what runs can change under you", img->value, why)));
      }
    }
  }
}

void ForbiddenKeyKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job || !r.params.contains("keys")) return;
  for (const auto& [key, reason] : r.params["keys"].items()) {
    for (const Property* p : UserProperties(*job)) {
      if (p->key == key) out->push_back(At(p->loc, fmt::format("{} {}", key, reason.get<std::string>())));
    }
  }
}

void OssTargetKind(const RuleSpec&, const LintSubject& s, std::vector<Finding>* out) {
  const Job* job = JobOf(s);
  if (!job || s.target == "emr-eks" || job->spark_sql) return;
  OssContext ctx;
  ctx.namespace_ = s.ctx.namespace_;
  ctx.region = s.ctx.region;
  ctx.job_id = s.ctx.job_id;
  ctx.image = s.oss_image.empty() ? "apache/spark" : s.oss_image;
  OssProperties props;
  try {
    props = OssSparkProperties(*job, ctx);
  } catch (const std::exception&) {
    return;  // an unmappable release label: the schema rule reports it
  }
  // EMR's own defaults: one finding per reason, at the release label they come from.
  std::map<std::string, std::vector<std::string>> defaults_by_reason;
  for (const OssDrop& d : props.dropped) {
    if (d.loc.line > 0) {
      out->push_back(At(d.loc, fmt::format("{} is {} on {}: {}", d.key,
                                           d.replaced ? "replaced by '" + d.replacement + "'" : "dropped", s.target, d.reason)));
    } else {
      defaults_by_reason[d.reason].push_back(d.key);
    }
  }
  Location label = job->release_label.set ? job->release_label.loc : job->loc;
  for (const auto& [reason, keys] : defaults_by_reason) {
    std::string list;
    for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
    out->push_back(At(label, fmt::format("EMR's default{} {} {} not carried to {}: {}", keys.size() == 1 ? "" : "s", list,
                                         keys.size() == 1 ? "is" : "are", s.target, reason)));
  }
  for (const Property& p : props.emr_only_submitted) {
    out->push_back(At(p.loc, fmt::format("{} only works on EMR's image: {}", p.key, EmrOnlyReason(p.key, p.value, false))));
  }
  if (job->entry_point.value.rfind("local:///usr/lib/spark/", 0) == 0 || job->entry_point.value.rfind("local:///usr/share/aws/", 0) == 0) {
    out->push_back(At(job->entry_point.loc, "the entry point is a path inside EMR's image; an apache/spark image keeps "
                                            "Spark under /opt/spark"));
  }
}

}  // namespace

const std::vector<RuleKind>& RuleKinds() {
  static const std::vector<RuleKind> kinds = {
      {"schema", "the job and its pod templates against their JSON Schemas", "", SchemaKind},
      {"injection", "values that would inject lines into spark-defaults.conf or the fluentd config", "", InjectionKind},
      {"pod-allowlist", "user pod template fields against EMR's allowlists and reserved names",
       "podAllowlist: embedded data file of allowed pod fields\ncontainerAllowlist: embedded data file of allowed "
       "main-container fields\nreservedVolumes, reservedMountPaths, reservedEnv, reservedContainers: lists\n"
       "mainContainers: {driver, executor} container names",
       PodAllowlistKind},
      {"insecure", "settings that weaken isolation or authentication",
       "properties: {key: value that is insecure}; pod templates: privileged, hostPath, host namespaces, root",
       InsecureKind},
      {"monitoring", "logging, history and Prometheus wiring", "", MonitoringKind},
      {"spark-key-known", "Spark property names Spark does not know", "passThroughPrefixes: prefixes Spark passes on",
       UnknownKeyKind},
      {"spark-key-deprecated", "deprecated or removed Spark properties", "", DeprecatedKeyKind},
      {"spark-value", "values that Spark cannot parse for the key's type", "", ValueKind},
      {"conflict", "the same property set twice with different values", "", ConflictKind},
      {"requires", "a property value that needs another setting",
       "when: {key, value}\nanyOf: [{key, value, defaultSince}] (effective values, EMR defaults included; defaultSince: the Spark version from which an unset key has that value)\nbecause: why", RequiresKind},
      {"memory-limit", "executor pod memory (memory + overhead) against limits",
       "maxPodMemory: optional Kubernetes quantity", MemoryLimitKind},
      {"non-spark-key", "non-spark.* keys in the spark-defaults classification",
       "belongsIn: {key: classification where EMR reads it}", NonSparkKeyKind},
      {"image-tag", "container images with a mutable tag",
       "properties: image properties to check\nmutableTags: tags that move", ImageTagKind},
      {"forbidden-key", "properties that must not be set", "keys: {key: why}", ForbiddenKeyKind},
      {"oss-target", "what an open-source target (lint --target) leaves out of an EMR job", "", OssTargetKind},
  };
  return kinds;
}

const RuleKind* FindRuleKind(const std::string& name) {
  for (const RuleKind& k : RuleKinds()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

}  // namespace sparkmc
