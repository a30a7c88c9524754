// The sizing rules: the pods as Spark builds them (ComputePods) against the
// node shapes the project declares. Without `nodePools` in .sparkmc.yaml the
// node rules stay quiet: sparkmc does not guess a cluster.
#include "compiler/check/kinds_sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "compiler/check/injection.h"
#include "compiler/check/kind_util.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/plan/fit.h"
#include "compiler/plan/job_inputs.h"
#include "compiler/plan/pods.h"

namespace sparkmc::kinds {

namespace {


/// "3.3.0-amzn-0" -> "3.3.0": the Apache version EMR's build is based on.
std::string ApacheVersion(const std::string& emr_spark) { return emr_spark.substr(0, emr_spark.find('-')); }

/// The pods as `sparkmc plan` computes them. On EMR on EKS the inputs are
/// plan's own (EmrEksPodInputs: EMR's spark-defaults with the classification,
/// sparkSubmitParameters over them, EMR's templates with the fluentd
/// sidecar); on the open-source targets, the job's properties over EMR's
/// defaults. The user's pod templates are added as lint read them.
std::optional<PodPlan> ComputePlanOf(const LintSubject& s) {
  const Job* job = JobOf(s);
  if (!job) return std::nullopt;
  try {
    // What plan refuses (an unmappable label, a value that would break out
    // of EMR's manifests) it cannot size: the release and injection rules
    // report those.
    if (!s.loaded->violations.empty() || !s.loaded->errors.empty()) return std::nullopt;  // the schema rule's
    if (!CheckReleaseLabel(job->release_label.value).empty() || !FindInjections(*job).empty()) return std::nullopt;
    PodInputs in;
    if (s.target == "emr-eks") {
      in = EmrEksPodInputs(*job, s.ctx);
    } else {
      in.properties = s.emr_defaults;
      in.properties.insert(in.properties.end(), job->submit_properties.begin(), job->submit_properties.end());
      in.spark_version = ApacheVersion(SparkVersionOf(*job));
      in.spark_version_from = From{"release label " + job->release_label.value, job->release_label.loc};
      in.target = s.target;
      in.main_resource = job->entry_point.value;
    }
    for (const PodTemplateInput& t : s.templates) {
      PodTemplateDoc doc{"template", t.source, t.doc};
      (t.role == "driver" ? in.driver_templates : in.executor_templates).push_back(doc);
    }
    return ComputePods(in);
  } catch (const InputError&) {
    return std::nullopt;  // a value Spark refuses: the spark-value rule reports it
  } catch (const std::logic_error&) {
    // EMR's templates refuse a value compile would refuse first (an unmappable
    // label, a virtual cluster id unsafe in YAML); lint reports those elsewhere.
    return std::nullopt;
  }
}

const std::optional<PodPlan>& PlanOf(const LintSubject& s) {
  if (!s.plan) s.plan = ComputePlanOf(s);
  return *s.plan;
}

PodAsk AskOf(const PodRolePlan& role) {
  PodAsk ask;
  ask.requests = role.total_requests;
  ask.count = static_cast<int>(std::min<int64_t>(role.count.count, std::numeric_limits<int>::max()));
  int64_t max = role.count.dynamic ? (role.count.max < 0 ? std::numeric_limits<int>::max() : role.count.max)
                                   : role.count.count;
  ask.max_count = static_cast<int>(std::min<int64_t>(max, std::numeric_limits<int>::max()));
  return ask;
}

/// Where the number behind \a resource of \a role was written: the Spark
/// container's requests, else the heap for memory (the part users write),
/// else any container's, else the job.
Location WhereOf(const PodRolePlan& role, const std::string& resource, const Job& job) {
  std::vector<std::string> keys = {"requests." + resource};
  if (resource == "memory") keys.push_back("memory");
  if (const ContainerPlan* spark = role.SparkContainer()) {
    for (const std::string& k : keys) {
      auto it = spark->from.find(k);
      if (it != spark->from.end() && !it->second.loc.file.empty()) return it->second.loc;
    }
  }
  for (const ContainerPlan& c : role.containers) {
    auto it = c.from.find(keys[0]);
    if (it != c.from.end() && !it->second.loc.file.empty()) return it->second.loc;
  }
  return job.loc;
}

std::string Amount(const ResourceList& r, const std::string& resource) {
  if (resource == "cpu") return FormatCpu(r.cpu_millis);
  if (resource == "memory") return FormatMemory(r.memory_bytes);
  if (resource == "ephemeral-storage") return FormatMemory(r.ephemeral_storage_bytes);
  auto it = r.extended.find(resource);
  return std::to_string(it == r.extended.end() ? 0 : it->second);
}

/// What is left of a pool's allocatable for \a resource once daemonsets run.
std::string Left(const NodePool& p, const std::string& resource) {
  if (resource == "pods") return std::to_string(p.shape.max_pods - p.daemonset_pods);
  ResourceList left = p.shape.allocatable;
  left.cpu_millis -= p.daemonset_overhead.cpu_millis;
  left.memory_bytes -= p.daemonset_overhead.memory_bytes;
  left.ephemeral_storage_bytes -= p.daemonset_overhead.ephemeral_storage_bytes;
  for (const auto& [name, n] : p.daemonset_overhead.extended) left.extended[name] -= n;
  return Amount(left, resource);
}

std::string ShapeName(const NodePool& p) {
  return p.shape.instance_type.empty() ? "allocatable" : p.shape.instance_type;
}

// --- pod-does-not-fit -------------------------------------------------------

class PodFitCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit PodFitCheck(Params) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    if (s.node_pools.empty()) return;
    const std::optional<PodPlan>& plan = PlanOf(s);
    if (!plan) return;
    for (const PodRolePlan& role : plan->pods) {
      std::vector<std::string> misses;
      std::string first;
      for (const NodePool& p : s.node_pools) {
        std::string r = FirstExceeded(role.total_requests, p.shape, p.daemonset_overhead, p.daemonset_pods);
        if (r.empty()) break;
        if (first.empty()) first = r;
        misses.push_back(fmt::format("{} ({}) has {} {} left after daemonsets, the pod asks {}", p.name, ShapeName(p),
                                     Left(p, r), r, r == "pods" ? "1" : Amount(role.total_requests, r)));
      }
      if (misses.size() != s.node_pools.size()) continue;  // some pool holds it
      out->push_back(At(WhereOf(role, first, *JobOf(s)),
                        fmt::format("the {} pod (requests cpu {}, memory {}) fits no declared node pool, so it would "
                                    "stay Pending: {}",
                                    role.role, FormatCpu(role.total_requests.cpu_millis),
                                    FormatMemory(role.total_requests.memory_bytes), fmt::join(misses, "; "))));
    }
  }
};

// --- executor-stranding ------------------------------------------------------

struct StrandingParams {
  double max_stranded_percent = 0;
  static std::vector<ParamField> Fields() {
    return {Param<&StrandingParams::max_stranded_percent>(
                "maxStrandedPercent", kRequired,
                "the share (0 to 100) of a node's allocatable cpu or memory that may stay unusable once its "
                "executors are placed")
                .Between(0, 100)};
  }
};

class StrandingCheck : public RuleCheck {
 public:
  using Params = StrandingParams;
  explicit StrandingCheck(Params p) : max_pct_(p.max_stranded_percent) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    if (s.node_pools.empty()) return;
    const std::optional<PodPlan>& plan = PlanOf(s);
    if (!plan) return;
    const PodRolePlan* exec = plan->Role("executor");
    const PodRolePlan* driver = plan->Role("driver");
    if (!exec) return;
    // The pool that wastes least: the warning holds only when every pool
    // that holds an executor at all strands more than the threshold.
    const NodePool* best = nullptr;
    NodeFit best_fit;
    for (const NodePool& p : s.node_pools) {
      NodeFit f = Fit(driver ? AskOf(*driver) : PodAsk{}, AskOf(*exec), p);
      if (f.executors_per_node < 1) continue;
      double worst = std::max(f.stranded_cpu_pct, f.stranded_memory_pct);
      if (worst <= max_pct_) return;
      if (!best || worst < std::max(best_fit.stranded_cpu_pct, best_fit.stranded_memory_pct)) {
        best = &p;
        best_fit = f;
      }
    }
    if (!best) return;  // no pool holds an executor: pod-does-not-fit's finding
    out->push_back(At(WhereOf(*exec, best_fit.binding, *JobOf(s)),
                      fmt::format("{} executors (cpu {}, memory {}) fit on a {} node ({}), bound by {}; {:.1f}% of its "
                                  "cpu and {:.1f}% of its memory stay unusable, more than {}%",
                                  best_fit.executors_per_node, FormatCpu(exec->total_requests.cpu_millis),
                                  FormatMemory(exec->total_requests.memory_bytes), best->name, ShapeName(*best),
                                  best_fit.binding, best_fit.stranded_cpu_pct, best_fit.stranded_memory_pct,
                                  max_pct_)));
  }

 private:
  double max_pct_;
};

// --- pyspark-memory-overhead -------------------------------------------------

struct PysparkOverheadParams {
  MemoryQuantity min_python_worker_memory;
  static std::vector<ParamField> Fields() {
    return {Param<&PysparkOverheadParams::min_python_worker_memory>(
        "minPythonWorkerMemory", kRequired,
        "the least memory overhead each concurrently running Python worker should have, after the JVM's share "
        "(Spark's minimum overhead), when spark.executor.pyspark.memory is unset; a policy, not a Spark fact")};
  }
};

/// A positive number as Spark reads a count or an amount; \a fallback otherwise.
double Amount(const std::string& text, double fallback) {
  double v = 0;
  std::string_view t = Trim(text);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc() && end == t.data() + t.size() && v > 0 ? v : fallback;
}

/// Tasks one executor runs at once, hence Python workers: cores / spark.task.cpus,
/// and for each resource an executor has (spark.executor.resource.X.amount),
/// its amount / spark.task.resource.X.amount.
int64_t ConcurrentTasks(const LintSubject& s, int64_t cores) {
  double slots = static_cast<double>(cores) / Amount(Effective(s, "spark.task.cpus"), 1);
  const Job* job = JobOf(s);
  for (const Property* p : UserProperties(*job)) {
    const std::string prefix = "spark.executor.resource.", suffix = ".amount";
    if (p->key.rfind(prefix, 0) != 0 || p->key.size() <= prefix.size() + suffix.size() ||
        p->key.compare(p->key.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string name = p->key.substr(prefix.size(), p->key.size() - prefix.size() - suffix.size());
    std::string per_task = Effective(s, "spark.task.resource." + name + ".amount");
    if (per_task.empty()) continue;
    slots = std::min(slots, Amount(Effective(s, p->key), 1) / Amount(per_task, 1));
  }
  return std::max<int64_t>(1, static_cast<int64_t>(slots));
}

class PysparkOverheadCheck : public RuleCheck {
 public:
  using Params = PysparkOverheadParams;
  explicit PysparkOverheadCheck(Params p) : p_(std::move(p)) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    // Cheap tests first: sizing the pods runs EMR's emitter, and most jobs
    // set no overhead of their own.
    if (!JobOf(s) || Effective(s, "spark.executor.memoryOverhead").empty() ||
        !Effective(s, "spark.executor.pyspark.memory").empty()) {
      return;
    }
    const std::optional<PodPlan>& plan = PlanOf(s);
    if (!plan) return;
    const PodRolePlan* exec = plan->Role("executor");
    // Only an overhead someone chose (spark.executor.memoryOverhead): Spark's
    // own default for Python (factor 0.4) is Spark's judgement, not a mistake.
    if (!exec || exec->memory.app_type != "python" || exec->memory.pyspark_set || !exec->memory.overhead_explicit) return;
    const SparkMemory& m = exec->memory;
    const ContainerPlan* spark = exec->SparkContainer();
    int64_t cores = spark && spark->requests.has_cpu ? std::max<int64_t>(1, spark->requests.cpu_millis / 1000) : 1;
    int64_t workers = ConcurrentTasks(s, cores);
    // The JVM keeps Spark's minimum overhead for itself; the Python workers
    // share the rest (Spark does not limit them without pyspark.memory).
    int64_t per_worker = (m.overhead_mib - m.overhead_minimum_mib) / workers;
    if (per_worker >= p_.min_python_worker_memory.mib) return;
    Location where = JobOf(s)->loc;
    if (spark) {
      for (const char* k : {"memoryOverhead", "memory"}) {
        auto it = spark->from.find(k);
        if (it != spark->from.end() && !it->second.loc.file.empty()) {
          where = it->second.loc;
          break;
        }
      }
    }
    out->push_back(At(where, fmt::format("without spark.executor.pyspark.memory the executor's {} concurrent Python "
                                         "workers share its memory overhead ({}Mi) beside the JVM's {}Mi: {}Mi each, "
                                         "less than {}",
                                         workers, m.overhead_mib, m.overhead_minimum_mib, std::max<int64_t>(per_worker, 0),
                                         p_.min_python_worker_memory.text)));
  }

 private:
  Params p_;
};

}  // namespace

RuleKind PodFitKind() {
  return MakeRuleKind<PodFitCheck>("pod-fit", "the driver and executor pods' requests against the declared node pools");
}

RuleKind StrandingKind() {
  return MakeRuleKind<StrandingCheck>("stranding", "cpu and memory left unusable on each node once executors are packed");
}

RuleKind PysparkOverheadKind() {
  return MakeRuleKind<PysparkOverheadCheck>("pyspark-overhead",
                                            "a Python job's executor memory overhead against its concurrent Python workers");
}

}  // namespace sparkmc::kinds
