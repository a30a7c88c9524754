// How a job's pods fit a node shape: executors per node, what binds, what is
// left stranded, how many nodes the job needs. The scheduler's arithmetic
// (a pod fits when each of its requests is at most what is left of the
// node's allocatable), applied to identical executors.
#ifndef SPARKMC_PLAN_FIT_H_
#define SPARKMC_PLAN_FIT_H_

#include <optional>
#include <string>
#include <vector>

#include "compiler/plan/nodes.h"
#include "compiler/plan/resources.h"

namespace sparkmc {

/// One pod role's requests (the pod-level sum of its containers) and count.
struct PodAsk {
  ResourceList requests;
  int count = 1;      ///< Planned pods (executor instances, or DA's initial).
  int max_count = 1;  ///< With dynamic allocation its maxExecutors; else = count.
};

struct NodeFit {
  NodeShape shape;
  bool driver_fits = false;
  /// The first resource (cpu, memory, ephemeral-storage, an extended resource,
  /// "pods") the driver asks more of than a node offers; "" when it fits.
  std::string driver_binding;
  /// Executors one empty node holds (after daemonsets): the minimum over cpu,
  /// memory, ephemeral storage, extended resources and pods.
  int executors_per_node = 0;
  /// The resource that gives that minimum ("cpu", "memory",
  /// "ephemeral-storage", "nvidia.com/gpu", "pods"); on a tie, the first in
  /// that order.
  std::string binding;
  /// Share of allocatable cpu and memory (0..100) that no executor can use
  /// once executors_per_node executors and the daemonsets are placed.
  double stranded_cpu_pct = 0;
  double stranded_memory_pct = 0;
  /// Nodes for `count` and `max_count` executors (the driver not counted:
  /// it often runs in another pool); -1 when no executor fits a node.
  int nodes_needed = 0;
  int nodes_needed_at_max = 0;
};

/// How \a driver and \a executor fit on \a shape with \a daemonset_overhead
/// (and \a daemonset_pods) taken on every node.
NodeFit Fit(const PodAsk& driver, const PodAsk& executor, const NodeShape& shape,
            const ResourceList& daemonset_overhead, int daemonset_pods = 0);

/// The same for a pool (its shape and daemonset overhead).
NodeFit Fit(const PodAsk& driver, const PodAsk& executor, const NodePool& pool);

/// The first resource \a requests asks more of than \a shape offers after
/// \a daemonset_overhead ("" when the pod fits an empty node).
std::string FirstExceeded(const ResourceList& requests, const NodeShape& shape,
                          const ResourceList& daemonset_overhead, int daemonset_pods = 0);

/// The most memory one pod can request on any of \a pools: the largest
/// allocatable memory less daemonsets, and the pool offering it. Empty when
/// no pool declares memory.
struct NodeMemoryCeiling {
  int64_t mib = 0;
  std::string pool;   ///< The pool's name.
  std::string shape;  ///< Its instance type, or "allocatable".
};
std::optional<NodeMemoryCeiling> LargestPodMemory(const std::vector<NodePool>& pools);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_FIT_H_
