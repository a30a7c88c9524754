// The pods as Spark's pod builders make them. The formula follows
// BasicDriverFeatureStep, BasicExecutorFeatureStep and
// ResourceProfile.getResourcesForClusterManager; the numbers that differ by
// Spark line come from spark_rules.h (compiler/data/spark/pod-resources.tsv).
// Pod templates are merged in pod_templates_merge.cc.
#include "compiler/plan/pods.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <unordered_map>

#include "compiler/base/quantity.h"
#include "compiler/base/text.h"
#include "compiler/plan/pod_merge.h"
#include "compiler/plan/spark_rules.h"

namespace sparkmc {

namespace {

constexpr int64_t kMiB = 1024 * 1024;

class Props {
 public:
  explicit Props(const std::vector<Property>& list) {
    for (const Property& p : list) by_key_[p.key] = &p;  // later entries win
  }
  const Property* Get(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : it->second;
  }
  /// Every property whose key starts with \a prefix, by key.
  std::vector<const Property*> WithPrefix(const std::string& prefix) const {
    std::vector<const Property*> out;
    for (const auto& [k, p] : by_key_) {
      if (k.rfind(prefix, 0) == 0) out.push_back(p);
    }
    std::sort(out.begin(), out.end(), [](const Property* a, const Property* b) { return a->key < b->key; });
    return out;
  }

 private:
  std::unordered_map<std::string, const Property*> by_key_;
};

From PropFrom(const Property& p) {
  std::string text = p.key + "=" + p.value;
  if (p.origin == Origin::kReleaseDefault && p.loc.file.empty()) text += " (EMR release default)";
  return From{text, p.loc};
}

From DefaultFrom(const std::string& what, const SparkRules& rules) {
  return From{fmt::format("{}, Spark {}", what, rules.line), Location{}};
}

[[noreturn]] void Refuse(const Property& p, const std::string& why) {
  throw InputError(p.loc, fmt::format("{}={}: {}", p.key, p.value, why));
}

/// A size in MiB as Spark's bytesConf(ByteUnit.MiB) reads it.
int64_t MiBOf(const Property& p) {
  long long mib = SizeInMiB(p.value, 'm');
  if (mib < 0) Refuse(p, "not a size Spark reads (a whole number with an optional unit: 512m, 4g)");
  return mib;
}

/// A double as java.lang.Double.parseDouble reads the usual spellings
/// (trimmed; a trailing d or f allowed).
bool ParseJavaDouble(std::string_view t, double* out) {
  t = Trim(t);
  if (!t.empty() && (t.back() == 'd' || t.back() == 'D' || t.back() == 'f' || t.back() == 'F')) t.remove_suffix(1);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
  return !t.empty() && ec == std::errc() && end == t.data() + t.size() && std::isfinite(*out);
}

/// A whole number as Spark's intConf reads it (String.trim.toInt).
int64_t IntOf(const Property& p) {
  std::string_view t = Trim(p.value);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v > INT_MAX || v < INT_MIN) {
    Refuse(p, "not a whole number (Spark reads it as an int)");
  }
  return v;
}

/// A boolean as Spark's booleanConf reads it (trimmed, any case).
bool BoolOf(const Property& p) {
  std::string v = Lower(std::string(Trim(p.value)));
  if (v == "true") return true;
  if (v == "false") return false;
  Refuse(p, "not true or false");
}

/// A cpu quantity in millicores (the scheduler rounds up to a millicore).
int64_t CpuMillis(const std::string& text, const Location& loc, const std::string& what) {
  std::optional<double> q = ParseQuantity(text);
  if (!q || *q < 0 || *q > 1e12) throw InputError(loc, fmt::format("{} '{}' is not a cpu quantity", what, text));
  return static_cast<int64_t>(std::ceil(*q * 1000 - 1e-9));
}

/// Scala's Double.toInt: truncation toward zero, saturating.
int64_t ScalaToInt(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(INT_MAX)) return INT_MAX;
  if (d <= static_cast<double>(INT_MIN)) return INT_MIN;
  return static_cast<int64_t>(d);
}

bool IsNonJvm(const PodInputs& in, std::string* type) {
  std::string t = Lower(in.app_type);
  if (t == "python" || t == "r") {
    *type = t;
    return true;
  }
  if (!t.empty()) {
    *type = "java";
    return false;
  }
  // Spark's SparkSubmit/KubernetesClientApplication: a primary resource
  // ending in .py is a PythonMainAppResource, .R / .r an RMainAppResource.
  std::string r = in.main_resource;
  size_t q = r.find_first_of("?#");
  if (q != std::string::npos) r = r.substr(0, q);
  auto ends = [&](const char* ext) {
    size_t n = std::char_traits<char>::length(ext);
    return r.size() > n && r.compare(r.size() - n, n, ext) == 0;
  };
  if (ends(".py")) *type = "python";
  else if (ends(".R") || ends(".r")) *type = "r";
  else *type = "java";
  return *type != "java";
}

struct RoleContext {
  const Props& props;
  const SparkRules& rules;
  bool non_jvm;
  std::string app_type;
};

/// The driver's default factor, which it also hands to the executors as
/// spark.kubernetes.memoryOverheadFactor (BasicDriverFeatureStep
/// defaultOverheadFactor / getAdditionalPodSystemProperties).
double DefaultFactor(const RoleContext& c, From* from) {
  const Property* k8s = c.props.Get("spark.kubernetes.memoryOverheadFactor");
  if (k8s) {
    double f;
    if (!ParseJavaDouble(k8s->value, &f)) Refuse(*k8s, "not a number");
    if (!(f >= 0 && f < 1)) Refuse(*k8s, "Spark requires 0 <= factor < 1");
    *from = PropFrom(*k8s);
    return f;
  }
  if (c.non_jvm) {
    *from = DefaultFrom(fmt::format("default factor {} for a non-JVM ({}) application", c.rules.non_jvm_factor,
                                    c.app_type == "r" ? "R" : "Python"),
                        c.rules);
    return c.rules.non_jvm_factor;
  }
  *from = DefaultFrom(fmt::format("default factor {}", c.rules.k8s_factor_default), c.rules);
  return c.rules.k8s_factor_default;
}

void ComputeMemory(const RoleContext& c, const std::string& role, SparkMemory* m, std::map<std::string, From>* from) {
  m->app_type = c.app_type;
  m->non_jvm = c.non_jvm;
  if (const Property* p = c.props.Get("spark." + role + ".memory")) {
    m->heap_mib = MiBOf(*p);
    (*from)["memory"] = PropFrom(*p);
  } else {
    m->heap_mib = c.rules.memory_default_mib;
    (*from)["memory"] = DefaultFrom(fmt::format("default spark.{}.memory {}Mi", role, m->heap_mib), c.rules);
  }
  m->overhead_minimum_mib = c.rules.min_overhead_mib;
  From min_from = DefaultFrom(fmt::format("minimum {}Mi", c.rules.min_overhead_mib), c.rules);
  if (c.rules.min_overhead_key) {
    if (const Property* p = c.props.Get("spark." + role + ".minMemoryOverhead")) {
      m->overhead_minimum_mib = MiBOf(*p);
      min_from = PropFrom(*p);
    }
  }
  From factor_from;
  m->overhead_factor = DefaultFactor(c, &factor_from);
  if (c.rules.role_factor_key) {
    if (const Property* p = c.props.Get("spark." + role + ".memoryOverheadFactor")) {
      double f;
      if (!ParseJavaDouble(p->value, &f)) Refuse(*p, "not a number");
      if (!(f > 0)) Refuse(*p, "Spark requires a factor greater than 0");
      m->overhead_factor = f;
      factor_from = PropFrom(*p);
    }
  }
  if (const Property* p = c.props.Get("spark." + role + ".memoryOverhead")) {
    m->overhead_mib = MiBOf(*p);
    m->overhead_explicit = true;
    (*from)["memoryOverhead"] = PropFrom(*p);
  } else {
    int64_t factored = ScalaToInt(m->overhead_factor * static_cast<double>(m->heap_mib));
    m->overhead_mib = std::max(factored, m->overhead_minimum_mib);
    std::string text = fmt::format("max({} x {}Mi, {}Mi) = {}Mi; factor from {}; minimum from {}", m->overhead_factor,
                                   m->heap_mib, m->overhead_minimum_mib, m->overhead_mib, factor_from.text, min_from.text);
    (*from)["memoryOverhead"] = From{text, factor_from.loc.file.empty() ? min_from.loc : factor_from.loc};
  }
  if (role != "executor") return;
  if (c.rules.executor_pyspark && c.app_type == "python") {
    if (const Property* p = c.props.Get("spark.executor.pyspark.memory")) {
      m->pyspark_mib = MiBOf(*p);
      m->pyspark_set = true;
      (*from)["pysparkMemory"] = PropFrom(*p);
    }
  }
  if (c.rules.executor_offheap) {
    const Property* on = c.props.Get("spark.memory.offHeap.enabled");
    if (!on) on = c.props.Get("spark.unsafe.offHeap");  // its alternative name
    if (on && BoolOf(*on)) {
      const Property* size = c.props.Get("spark.memory.offHeap.size");
      int64_t mib = 0;
      if (size) {
        std::optional<int64_t> bytes = ParseSparkBytes(size->value, 'b');  // bytesConf(ByteUnit.BYTE)
        if (!bytes) Refuse(*size, "not a size Spark reads (bytes unless a unit is given)");
        mib = *bytes / kMiB;
      }
      if (mib <= 0) {
        throw InputError(size ? size->loc : on->loc,
                         "spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true");
      }
      m->off_heap_mib = mib;
      (*from)["offHeap"] = From{fmt::format("{} with {}", PropFrom(*size).text, PropFrom(*on).text), size->loc};
    }
  }
}

/// spark.{role}.resource.{name}.amount with its vendor: a limit named
/// "<vendor>/<name>" (KubernetesUtils.buildResourcesQuantities and
/// BasicExecutorFeatureStep.buildExecutorResourcesQuantities).
void CustomResources(const RoleContext& c, const std::string& role, ContainerPlan* spark) {
  std::string prefix = "spark." + role + ".resource.";
  for (const Property* p : c.props.WithPrefix(prefix)) {
    const std::string suffix = ".amount";
    if (p->key.size() <= prefix.size() + suffix.size() || p->key.compare(p->key.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string name = p->key.substr(prefix.size(), p->key.size() - prefix.size() - suffix.size());
    const Property* vendor = c.props.Get(prefix + name + ".vendor");
    if (!vendor || vendor->value.empty()) {
      throw InputError(p->loc, fmt::format("Resource: {} was requested, but vendor was not specified ({}{}.vendor)", name,
                                           prefix, name));
    }
    int64_t amount = IntOf(*p);
    std::string key = vendor->value + "/" + name;
    spark->limits.extended[key] = amount;
    spark->from["limits." + key] = PropFrom(*p);
  }
}

PodCount ExecutorCount(const RoleContext& c) {
  PodCount n;
  const Property* instances = c.props.Get("spark.executor.instances");
  const Property* dyn = c.props.Get("spark.dynamicAllocation.enabled");
  n.dynamic = dyn && BoolOf(*dyn);
  if (!n.dynamic) {
    n.count = instances ? IntOf(*instances) : c.rules.executor_instances;
    if (n.count < 0) Refuse(*instances, "a negative number of executors");
    n.from["count"] = instances ? PropFrom(*instances)
                                : DefaultFrom(fmt::format("default {} executors", c.rules.executor_instances), c.rules);
    n.min = n.initial = n.max = n.count;
    return n;
  }
  n.from["dynamic"] = PropFrom(*dyn);
  const Property* min = c.props.Get("spark.dynamicAllocation.minExecutors");
  const Property* init = c.props.Get("spark.dynamicAllocation.initialExecutors");
  const Property* max = c.props.Get("spark.dynamicAllocation.maxExecutors");
  n.min = min ? IntOf(*min) : 0;
  n.from["min"] = min ? PropFrom(*min) : DefaultFrom("default minExecutors 0", c.rules);
  n.max = max ? IntOf(*max) : -1;
  n.from["max"] = max ? PropFrom(*max) : DefaultFrom("default maxExecutors Int.MaxValue (unbounded)", c.rules);
  if (n.min < 0) Refuse(*min, "spark.dynamicAllocation.minExecutors must not be negative");
  if (max && n.max <= 0) Refuse(*max, "spark.dynamicAllocation.maxExecutors must be positive");
  if (max && n.min > n.max) Refuse(*min, fmt::format("more than spark.dynamicAllocation.maxExecutors={}", n.max));
  // Utils.getDynamicAllocationInitialExecutors: the largest of min,
  // initialExecutors (default min) and spark.executor.instances.
  n.initial = n.min;
  n.from["initial"] = n.from["min"];
  if (init && IntOf(*init) > n.initial) {
    n.initial = IntOf(*init);
    n.from["initial"] = PropFrom(*init);
  }
  if (instances && IntOf(*instances) > n.initial) {
    n.initial = IntOf(*instances);
    n.from["initial"] = PropFrom(*instances);
  }
  n.count = n.initial;
  n.from["count"] = n.from["initial"];
  return n;
}

PodRolePlan BuildRole(const RoleContext& c, const PodInputs& in, const std::string& role) {
  PodRolePlan plan;
  plan.role = role;
  ContainerPlan spark;
  spark.spark = true;
  spark.origin = "spark";
  ComputeMemory(c, role, &plan.memory, &spark.from);
  const SparkMemory& m = plan.memory;
  int64_t total_mib = m.heap_mib + m.overhead_mib + m.off_heap_mib + m.pyspark_mib;
  std::string parts = fmt::format("{}Mi heap + {}Mi overhead", m.heap_mib, m.overhead_mib);
  if (m.off_heap_mib) parts += fmt::format(" + {}Mi off-heap", m.off_heap_mib);
  if (m.pyspark_mib) parts += fmt::format(" + {}Mi pyspark", m.pyspark_mib);
  spark.requests.memory_bytes = spark.limits.memory_bytes = total_mib * kMiB;
  spark.requests.has_memory = spark.limits.has_memory = true;
  spark.from["requests.memory"] = From{parts + " (Spark " + c.rules.line + ")", spark.from["memory"].loc};
  spark.from["limits.memory"] = From{"= requests.memory (Spark sets the limit to the request)", Location{}};

  // spark.{role}.cores is read (an int) even when request.cores wins.
  const Property* cores_prop = c.props.Get("spark." + role + ".cores");
  int64_t cores = cores_prop ? IntOf(*cores_prop) : c.rules.cores_default;
  if (cores < 0) Refuse(*cores_prop, "a negative number of cores");
  if (const Property* p = c.props.Get("spark.kubernetes." + role + ".request.cores")) {
    spark.requests.cpu_millis = CpuMillis(p->value, p->loc, p->key);
    spark.from["requests.cpu"] = PropFrom(*p);
  } else if (cores_prop) {
    spark.requests.cpu_millis = cores * 1000;
    spark.from["requests.cpu"] = PropFrom(*cores_prop);
  } else {
    spark.requests.cpu_millis = cores * 1000;
    spark.from["requests.cpu"] = DefaultFrom(fmt::format("default spark.{}.cores {}", role, c.rules.cores_default), c.rules);
  }
  spark.requests.has_cpu = true;
  if (const Property* p = c.props.Get("spark.kubernetes." + role + ".limit.cores")) {
    spark.limits.cpu_millis = CpuMillis(p->value, p->loc, p->key);
    spark.limits.has_cpu = true;
    spark.from["limits.cpu"] = PropFrom(*p);
  }
  CustomResources(c, role, &spark);

  const Property* name = c.props.Get("spark.kubernetes." + role + ".podTemplateContainerName");
  const std::vector<PodTemplateDoc>& templates = role == "driver" ? in.driver_templates : in.executor_templates;
  plan.containers = MergePodTemplates(templates, role, name ? name->value : "", spark, in.adjustments);
  if (role == "executor") {
    plan.count = ExecutorCount(c);
  } else {
    plan.count.count = plan.count.min = plan.count.initial = plan.count.max = 1;
    plan.count.from["count"] = From{"one driver", Location{}};
  }
  SumPod(&plan);
  return plan;
}

}  // namespace

PodPlan ComputePods(const PodInputs& in) {
  PodPlan plan;
  plan.target = in.target;
  plan.spark_version = in.spark_version;
  plan.spark_version_from = in.spark_version_from;
  plan.notes = in.notes;
  bool exact = false;
  const SparkRules& rules = RulesForVersion(in.spark_version, &exact);
  plan.spark_line = rules.line;
  if (in.spark_version.empty()) {
    plan.notes.push_back(fmt::format("the Spark version is unknown: Spark {}'s rules were used", rules.line));
  } else if (!exact) {
    plan.notes.push_back(fmt::format("sparkmc has no verified rules for Spark {}: Spark {}'s were used",
                                     in.spark_version, rules.line));
  }
  Props props(in.properties);
  std::string app_type;
  bool non_jvm = IsNonJvm(in, &app_type);
  RoleContext c{props, rules, non_jvm, app_type};
  plan.pods.push_back(BuildRole(c, in, "driver"));
  plan.pods.push_back(BuildRole(c, in, "executor"));
  return plan;
}

}  // namespace sparkmc
