#include "compiler/plan/fit.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace sparkmc {

namespace {

/// One resource a pod asks for against what an empty node has left for it
/// once the daemonsets are placed.
struct Dimension {
  std::string name;
  int64_t ask;        ///< Per pod.
  int64_t usable;     ///< Node allocatable minus daemonsets (may be < 0).
  int64_t allocatable;
};

// The dimensions the scheduler compares, in the order a tie is reported. A
// resource the node does not declare (allocatable given without memory, or
// ephemeral storage, which an instance type does not fix) is not compared:
// sparkmc does not know it, so it never binds. An extended resource the pod
// asks for and the node lacks is compared against 0: the scheduler refuses.
std::vector<Dimension> Dimensions(const ResourceList& ask, const NodeShape& shape, const ResourceList& ds,
                                  int ds_pods) {
  std::vector<Dimension> dims;
  const ResourceList& a = shape.allocatable;
  if (ask.has_cpu && ask.cpu_millis > 0 && a.has_cpu) {
    dims.push_back({"cpu", ask.cpu_millis, a.cpu_millis - ds.cpu_millis, a.cpu_millis});
  }
  if (ask.has_memory && ask.memory_bytes > 0 && a.has_memory) {
    dims.push_back({"memory", ask.memory_bytes, a.memory_bytes - ds.memory_bytes, a.memory_bytes});
  }
  if (ask.has_ephemeral_storage && ask.ephemeral_storage_bytes > 0 && a.has_ephemeral_storage) {
    dims.push_back({"ephemeral-storage", ask.ephemeral_storage_bytes,
                    a.ephemeral_storage_bytes - ds.ephemeral_storage_bytes, a.ephemeral_storage_bytes});
  }
  for (const auto& [name, count] : ask.extended) {
    if (count <= 0) continue;
    auto have = a.extended.find(name);
    int64_t total = have == a.extended.end() ? 0 : have->second;
    auto taken = ds.extended.find(name);
    int64_t used = taken == ds.extended.end() ? 0 : taken->second;
    dims.push_back({name, count, total - used, total});
  }
  dims.push_back({"pods", 1, static_cast<int64_t>(shape.max_pods) - ds_pods, shape.max_pods});
  return dims;
}

double Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return 100.0 * static_cast<double>(std::max<int64_t>(part, 0)) / static_cast<double>(whole);
}

int NodesFor(int count, int per_node) {
  if (count <= 0) return 0;
  if (per_node <= 0) return -1;
  return (count + per_node - 1) / per_node;
}

}  // namespace

std::string FirstExceeded(const ResourceList& requests, const NodeShape& shape, const ResourceList& daemonset_overhead,
                          int daemonset_pods) {
  for (const Dimension& d : Dimensions(requests, shape, daemonset_overhead, daemonset_pods)) {
    if (d.ask > d.usable) return d.name;
  }
  return "";
}

NodeFit Fit(const PodAsk& driver, const PodAsk& executor, const NodeShape& shape,
            const ResourceList& daemonset_overhead, int daemonset_pods) {
  NodeFit fit;
  fit.shape = shape;
  fit.driver_binding = FirstExceeded(driver.requests, shape, daemonset_overhead, daemonset_pods);
  fit.driver_fits = fit.driver_binding.empty();

  int64_t per_node = std::numeric_limits<int64_t>::max();
  for (const Dimension& d : Dimensions(executor.requests, shape, daemonset_overhead, daemonset_pods)) {
    int64_t n = d.usable <= 0 ? 0 : d.usable / d.ask;
    if (n < per_node) {
      per_node = n;
      fit.binding = d.name;
    }
  }
  // pods is always a dimension, so per_node is set; max_pods bounds it.
  fit.executors_per_node = static_cast<int>(per_node);

  // What is left of allocatable once the daemonsets and executors_per_node
  // executors are placed: no further executor fits in it.
  const ResourceList& a = shape.allocatable;
  const ResourceList& e = executor.requests;
  if (a.has_cpu) {
    int64_t used = daemonset_overhead.cpu_millis + per_node * (e.has_cpu ? e.cpu_millis : 0);
    fit.stranded_cpu_pct = Percent(a.cpu_millis - used, a.cpu_millis);
  }
  if (a.has_memory) {
    int64_t used = daemonset_overhead.memory_bytes + per_node * (e.has_memory ? e.memory_bytes : 0);
    fit.stranded_memory_pct = Percent(a.memory_bytes - used, a.memory_bytes);
  }
  fit.nodes_needed = NodesFor(executor.count, fit.executors_per_node);
  fit.nodes_needed_at_max = NodesFor(std::max(executor.max_count, executor.count), fit.executors_per_node);
  return fit;
}

NodeFit Fit(const PodAsk& driver, const PodAsk& executor, const NodePool& pool) {
  return Fit(driver, executor, pool.shape, pool.daemonset_overhead, pool.daemonset_pods);
}

std::optional<NodeMemoryCeiling> LargestPodMemory(const std::vector<NodePool>& pools) {
  std::optional<NodeMemoryCeiling> best;
  for (const NodePool& p : pools) {
    if (!p.shape.allocatable.has_memory) continue;
    int64_t mib = (p.shape.allocatable.memory_bytes - p.daemonset_overhead.memory_bytes) / (1024 * 1024);
    if (!best || mib > best->mib) {
      best = NodeMemoryCeiling{mib, p.name, p.shape.instance_type.empty() ? "allocatable" : p.shape.instance_type};
    }
  }
  return best;
}

}  // namespace sparkmc
