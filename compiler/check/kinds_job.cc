// Rule kinds about the job as a whole: its shape, monitoring, required
// companions, memory, classifications and forbidden keys.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/plan/fit.h"
#include "compiler/check/injection.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/model/release_facts.h"
#include "compiler/emit/emr_facts.h"

namespace sparkmc::kinds {

namespace {

class SchemaCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit SchemaCheck(Params) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void SchemaCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  if (s.loaded) {
    for (const SchemaViolation& v : s.loaded->violations) out->push_back(At(v.loc, v.message, v.pointer));
    for (const InputError& e : s.loaded->errors) out->push_back(At(e.location(), e.what()));
  }
  // A label the AWS API accepts but sparkmc cannot map to EMR's images and
  // defaults: compile would refuse it, so lint says so too.
  if (const Job* job = JobOf(s); job && job->release_label.set && s.loaded->violations.empty()) {
    if (std::string why = CheckReleaseLabel(job->release_label.value); !why.empty()) out->push_back(At(job->release_label.loc, why));
  }
  for (const PodTemplateInput& t : s.templates) {
    for (const SchemaViolation& v : Validate(t.doc, SchemaId::kPodTemplate, *t.source)) {
      out->push_back(At(v.loc, "pod template: " + v.message, v.pointer));
    }
  }
}

class InjectionCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit InjectionCheck(Params) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    if (const Job* job = JobOf(s)) {
      for (const InputError& e : FindInjections(*job)) out->push_back(At(e.location(), e.what()));
    }
  }
};

class MonitoringCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit MonitoringCheck(Params) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void MonitoringCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  const sparkmc::Monitoring& m = job->monitoring;
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

struct RequiresParams {
  KeyValue when;
  std::vector<KeyValue> any_of;
  std::optional<std::string> because;
  static std::vector<ParamField> Fields() {
    return {Param<&RequiresParams::when>("when", kRequired, "the setting that needs another: `{key, value}`, "
                                                            "compared with the user's value that wins, ignoring case"),
            Param<&RequiresParams::any_of>("anyOf", kRequired,
                                           "the settings of which one must hold, as effective values (EMR's defaults "
                                           "included); `defaultSince`: the Spark version from which an unset key has "
                                           "that value"),
            Param<&RequiresParams::because>("because", kOptional, "why, appended to the message")};
  }
};

class RequiresCheck : public RuleCheck {
 public:
  using Params = RequiresParams;
  explicit RequiresCheck(Params p) : p_(std::move(p)) {
    for (const KeyValue& alt : p_.any_of) alternatives_ += (alternatives_.empty() ? "" : " or ") + alt.key + "=" + alt.value;
    if (p_.because) alternatives_ += ": " + *p_.because;
  }

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    const Job* job = JobOf(s);
    if (!job) return;
    const Property* trigger = Winning(*job, p_.when.key);
    if (!trigger || Lower(trigger->value) != Lower(p_.when.value)) return;
    for (const KeyValue& alt : p_.any_of) {
      std::string value = Effective(s, alt.key);
      if (Lower(value) == Lower(alt.value)) return;
      // Unset, but the release's Spark defaults it to the wanted value
      // (shuffle tracking is on by default from Spark 3.4).
      if (value.empty() && !alt.default_since.empty() && VersionAtLeast(SparkVersionOf(*job), alt.default_since)) return;
    }
    out->push_back(At(trigger->loc, fmt::format("{}={} needs {}", p_.when.key, trigger->value, alternatives_)));
  }

 private:
  Params p_;
  std::string alternatives_;  ///< "k=v or k2=v2: because", once.
};

/// A memory overhead factor as Spark reads a double; 0.1 when malformed or
/// not a finite, non-negative number (Spark would refuse the job; the
/// spark-value rule reports it).
double ParseFactor(const std::string& text) {
  std::string_view t = Trim(text);
  double f = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), f);
  if (ec != std::errc() || end != t.data() + t.size() || !(f >= 0 && f < 1e6)) return 0.1;
  return f;
}

struct MemoryLimitParams {
  std::optional<MemoryQuantity> max_pod_memory;
  std::optional<MemoryQuantity> fallback_pod_memory;
  static std::vector<ParamField> Fields() {
    return {Param<&MemoryLimitParams::max_pod_memory>("maxPodMemory", kOptional,
                                                      "the most memory a node offers a pod, overriding the node pools "
                                                      ".sparkmc.yaml declares"),
            Param<&MemoryLimitParams::fallback_pod_memory>(
                "fallbackPodMemory", kOptional,
                "the ceiling used when neither maxPodMemory nor nodePools is given; without any of the three, "
                "executor pods are checked against their pod template's limit only")};
  }
};

class MemoryLimitCheck : public RuleCheck {
 public:
  using Params = MemoryLimitParams;
  explicit MemoryLimitCheck(Params p) : p_(std::move(p)) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  Params p_;
};

void MemoryLimitCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
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
    double f = factor.empty() ? (python ? 0.4 : 0.1) : ParseFactor(factor);
    overhead = std::max<long long>(static_cast<long long>(f * static_cast<double>(mem)), 384);
  }
  long long pod = mem + overhead;
  Location where = mem_prop ? mem_prop->loc : job->loc;
  for (const PodTemplateInput& t : s.templates) {
    if (t.role != "executor") continue;
    const Node* spec = t.doc.Find("spec");
    const Node* main = spec ? MainContainer(*spec, "spark-kubernetes-executor", OpenSourceTarget(s)) : nullptr;
    const Node* res = main ? main->Find("resources") : nullptr;
    const Node* lim = res ? res->Find("limits") : nullptr;
    const Node* lmem = lim ? lim->Find("memory") : nullptr;
    if (lmem && QuantityMiB(lmem->value) >= 0 && pod > QuantityMiB(lmem->value)) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead) but the "
                                           "executor pod template limits memory to {}", pod, mem, overhead, lmem->value)));
    }
  }
  // The ceiling: maxPodMemory when the rule gives it, else the largest node
  // pool .sparkmc.yaml declares (allocatable less daemonsets), else the
  // rule's fallback.
  std::optional<NodeMemoryCeiling> nodes = p_.max_pod_memory ? std::nullopt : LargestPodMemory(s.node_pools);
  if (nodes) {
    if (pod > nodes->mib) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead), more "
                                           "than the {}Mi the largest declared node pool ({}, {}) offers a pod",
                                           pod, mem, overhead, nodes->mib, nodes->pool, nodes->shape)));
    }
  } else if (const std::optional<MemoryQuantity>& cap = p_.max_pod_memory ? p_.max_pod_memory : p_.fallback_pod_memory;
             cap && pod > cap->mib) {
    out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead), more than "
                                         "the {} a node offers", pod, mem, overhead, cap->text)));
  }
}

struct NonSparkKeyParams {
  std::map<std::string, std::string> belongs_in;
  static std::vector<ParamField> Fields() {
    return {Param<&NonSparkKeyParams::belongs_in>(
        "belongsIn", kOptional,
        "`{key: classification}`, where EMR reads a key instead; an entry ending in '.' covers every key it starts")};
  }
};

class NonSparkKeyCheck : public RuleCheck {
 public:
  using Params = NonSparkKeyParams;
  explicit NonSparkKeyCheck(Params p) : p_(std::move(p)) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  Params p_;
};

void NonSparkKeyCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  std::vector<const Property*> props;
  CollectUser(job->application_configuration, &props);
  for (const Property* p : props) {
    if (p->key.rfind("spark.", 0) == 0) continue;
    // belongsIn: an exact key, else the longest entry ending in '.' that
    // the key starts with (jobsubmitter.node.selector.<label>).
    std::string where;
    std::string best;
    for (const auto& [key, classification] : p_.belongs_in) {
      bool covers = key == p->key || (!key.empty() && key.back() == '.' && p->key.rfind(key, 0) == 0);
      if (covers && (where.empty() || key == p->key || (best != p->key && key.size() > best.size()))) {
        best = key;
        where = fmt::format("; EMR reads it from the {} classification", classification);
      }
    }
    out->push_back(At(p->loc, fmt::format("'{}' is not a Spark property: spark-submit ignores it in spark-defaults{}", p->key, where)));
  }
}

struct ForbiddenKeyParams {
  std::map<std::string, std::string> keys;
  static std::vector<ParamField> Fields() {
    return {Param<&ForbiddenKeyParams::keys>("keys", kRequired,
                                             "`{key: why}`: the properties that must not be set, each with the reason "
                                             "the message gives")};
  }
};

class ForbiddenKeyCheck : public RuleCheck {
 public:
  using Params = ForbiddenKeyParams;
  explicit ForbiddenKeyCheck(Params p) : p_(std::move(p)) {}

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    const Job* job = JobOf(s);
    if (!job) return;
    for (const auto& [key, reason] : p_.keys) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key == key) out->push_back(At(p->loc, fmt::format("{} {}", key, reason)));
      }
    }
  }

 private:
  Params p_;
};

class ReleaseCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit ReleaseCheck(Params) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void ReleaseCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job || !job->release_label.set) return;
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job->release_label.value, &why);
  if (!label || FactsFor(*label).known) return;  // a malformed label is the schema rule's
  out->push_back(At(job->release_label.loc,
                    fmt::format("sparkmc has no facts for release line emr-{}: compile would use emr-6.8.0's defaults "
                                "and pod templates, which it may not share", label->Line())));
}

}  // namespace

RuleKind SchemaKind() {
  return MakeRuleKind<SchemaCheck>("schema", "the job and its pod templates against their JSON Schemas");
}
RuleKind InjectionKind() {
  return MakeRuleKind<InjectionCheck>("injection",
                                 "values that would inject lines into spark-defaults.conf or the fluentd config");
}
RuleKind MonitoringKind() { return MakeRuleKind<MonitoringCheck>("monitoring", "logging, history and Prometheus wiring"); }
RuleKind RequiresKind() { return MakeRuleKind<RequiresCheck>("requires", "a property value that needs another setting"); }
RuleKind MemoryLimitKind() {
  return MakeRuleKind<MemoryLimitCheck>("memory-limit", "executor pod memory (memory + overhead) against limits");
}
RuleKind NonSparkKeyKind() {
  return MakeRuleKind<NonSparkKeyCheck>("non-spark-key", "non-spark.* keys in the spark-defaults classification");
}
RuleKind ForbiddenKeyKind() { return MakeRuleKind<ForbiddenKeyCheck>("forbidden-key", "properties that must not be set"); }
RuleKind ReleaseKind() {
  return MakeRuleKind<ReleaseCheck>("release", "release labels sparkmc has no facts for (compiler/data/emr/release-facts.tsv)");
}

}  // namespace sparkmc::kinds
