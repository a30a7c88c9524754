// What a pod or a node offers or asks for, in Kubernetes' base units: the one
// type the pod computation (pods.h), the node shapes (nodes.h) and the fit
// report share.
#ifndef SPARKMC_PLAN_RESOURCES_H_
#define SPARKMC_PLAN_RESOURCES_H_

#include <cstdint>
#include <map>
#include <string>

namespace sparkmc {

/// A Kubernetes ResourceList (requests, limits or a node's allocatable), with
/// cpu in millicores and memory and ephemeral storage in bytes. Extended
/// resources (nvidia.com/gpu, vpc.amazonaws.com/pod-eni) are counts by name.
/// A field that is absent is not zero: `has_*` says whether it was set.
struct ResourceList {
  int64_t cpu_millis = 0;
  bool has_cpu = false;
  int64_t memory_bytes = 0;
  bool has_memory = false;
  int64_t ephemeral_storage_bytes = 0;
  bool has_ephemeral_storage = false;
  std::map<std::string, int64_t> extended;
};

/// The sum of two lists, as the scheduler adds a pod's containers: a field is
/// set in the sum when it is set in either.
ResourceList Add(const ResourceList& a, const ResourceList& b);

/// cpu in Kubernetes' canonical form: whole cores as "2", else millicores as
/// "1500m".
std::string FormatCpu(int64_t millis);

/// memory in MiB as Kubernetes prints a quantity Spark set in MiB ("1408Mi");
/// bytes that are not a whole MiB print as the exact byte count.
std::string FormatMemory(int64_t bytes);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_RESOURCES_H_
