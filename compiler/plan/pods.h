// The pods a job asks the cluster for: the driver and one executor, every
// container with its requests and limits, computed as Spark's pod builders
// (BasicDriverFeatureStep, BasicExecutorFeatureStep, KubernetesUtils) compute
// them for the job's Spark version, and how many executors run. Every number
// remembers where it came from. `sparkmc plan` prints this; the sizing rules
// in check and the fit report (fit.h) read it.
#ifndef SPARKMC_PLAN_PODS_H_
#define SPARKMC_PLAN_PODS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/error.h"
#include "compiler/load/document.h"
#include "compiler/model/job.h"
#include "compiler/plan/resources.h"

namespace sparkmc {

/// Where one number came from: a property as written (`text` =
/// "spark.executor.memory=4g", `loc` its position), or a default of Spark or
/// EMR (`text` = "default factor 0.1, Spark 3.5", `loc.file` empty).
struct From {
  std::string text;
  Location loc;
};

/// One container of a pod. Keys of `from` name the number they explain:
/// "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
/// "requests.<resource>" / "limits.<resource>" for kept template keys, and for
/// the Spark container the parts of its memory: "memory" (heap),
/// "memoryOverhead", "pysparkMemory", "offHeap".
struct ContainerPlan {
  std::string name;
  bool spark = false;  ///< Spark's own container (driver or executor JVM).
  bool init = false;   ///< An init container (runs before, not beside, the others).
  /// An init container with restartPolicy Always (a native sidecar): it keeps
  /// running beside the others, so the scheduler adds it to their sum.
  bool sidecar = false;
  /// Where the container was declared: "spark" (built by Spark), "emr" (EMR's
  /// own pod template, e.g. the fluentd sidecar), "template" (the user's pod
  /// template).
  std::string origin;
  ResourceList requests;
  ResourceList limits;
  std::map<std::string, From> from;
};

/// The memory of the Spark container as Spark adds it up, in MiB, so rules can
/// judge the parts (heap + overhead + pyspark + off-heap = requests.memory).
struct SparkMemory {
  int64_t heap_mib = 0;
  int64_t overhead_mib = 0;
  bool overhead_explicit = false;  ///< spark.{role}.memoryOverhead was set.
  double overhead_factor = 0;      ///< The factor used (also when explicit, for reference).
  int64_t overhead_minimum_mib = 0;
  int64_t pyspark_mib = 0;         ///< spark.executor.pyspark.memory (executor only; 0 = unset).
  bool pyspark_set = false;
  int64_t off_heap_mib = 0;        ///< Added only where the version adds it.
  bool non_jvm = false;            ///< A Python or R application.
  std::string app_type;            ///< "java", "python" or "r".
};

/// How many pods of a role run. The driver: 1. Executors: spark.executor.instances,
/// or dynamic allocation's bounds (max is -1 when unbounded, Spark's Int.MaxValue).
struct PodCount {
  int64_t count = 1;  ///< Static count, or with dynamic allocation the initial count.
  bool dynamic = false;
  int64_t min = 0;
  int64_t initial = 0;
  int64_t max = 0;
  std::map<std::string, From> from;  ///< "count", "min", "initial", "max".
};

/// One pod role: the driver, or one executor (all executors are alike).
struct PodRolePlan {
  std::string role;  ///< "driver" or "executor".
  PodCount count;
  std::vector<ContainerPlan> containers;  ///< Spark's container first, then sidecars, then init containers.
  SparkMemory memory;
  /// What the scheduler reserves for one pod: per resource, the larger of the
  /// sum over the regular containers and the largest init container.
  ResourceList total_requests;
  ResourceList total_limits;
  /// Limits are complete only when every regular container sets that limit;
  /// a container without one is unbounded.
  bool cpu_limit_unbounded = false;
  bool memory_limit_unbounded = false;

  const ContainerPlan* SparkContainer() const {
    for (const ContainerPlan& c : containers) {
      if (c.spark) return &c;
    }
    return nullptr;
  }
};

/// The pods of one job for one target.
struct PodPlan {
  std::string spark_version;  ///< As known: "3.5.1", or "3.5" from a release line.
  std::string spark_line;     ///< "3.3", "3.4", "3.5": the rules applied.
  From spark_version_from;
  std::string target;         ///< emr-eks, spark-operator or spark-submit.
  std::vector<PodRolePlan> pods;  ///< driver, then executor.
  /// What sparkmc could not know and says so (a remote pod template, an
  /// unknown Spark version whose nearest rules were used, ...).
  std::vector<std::string> notes;

  const PodRolePlan* Role(const std::string& role) const {
    for (const PodRolePlan& p : pods) {
      if (p.role == role) return &p;
    }
    return nullptr;
  }
};

/// A pod template for one role as it reaches Spark: the user's file, or EMR's
/// own (which the emitter writes), already parsed.
struct PodTemplateDoc {
  std::string origin;  ///< "template" or "emr".
  std::shared_ptr<const SourceFile> source;
  Node doc;
};

/// A change to the containers of EMR's own pod template ("emr" origin, not
/// Spark's container): `remove`, or `key` ("requests.memory", "requests.cpu")
/// set to the quantity `value`.
struct SidecarAdjustment {
  std::string role;  ///< "driver", "executor", or "" for both.
  bool remove = false;
  std::string key;
  std::string value;
  From from;
};

/// What the computation reads.
struct PodInputs {
  /// The Spark properties in effect (EMR's defaults, the user's classification
  /// and sparkSubmitParameters, later entries win), each with its position.
  std::vector<Property> properties;
  std::string spark_version;  ///< "3.5.1" or "3.5"; "" = unknown.
  From spark_version_from;
  std::string target = "emr-eks";
  /// The main application resource (entryPoint / mainApplicationFile), which
  /// decides Python/R: Spark treats a ".py" resource as Python, ".R" as R.
  std::string main_resource;
  /// An explicit application type (spark-operator's spec.type: "Python",
  /// "R", "Java", "Scala"); "" = from main_resource.
  std::string app_type;
  std::vector<PodTemplateDoc> driver_templates;    ///< Merged in order.
  std::vector<PodTemplateDoc> executor_templates;
  /// Changes EMR makes to its own sidecars (emr-containers-defaults'
  /// logging.request.memory / logging.request.cores, executor.logging).
  std::vector<SidecarAdjustment> adjustments;
  std::vector<std::string> notes;  ///< Passed through to PodPlan::notes.
};

/// The pods as Spark builds them. Throws InputError for a value Spark would
/// refuse (a memory string it cannot parse, a negative count), at the value.
PodPlan ComputePods(const PodInputs& inputs);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_PODS_H_
