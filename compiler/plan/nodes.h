// Node shapes: what one node of a pool offers the scheduler. From an EC2
// instance type (compiler/data/aws/ec2-instance-types.tsv) with allocatable
// computed as the EKS AMI's bootstrap computes it
// (compiler/data/aws/eks-allocatable.tsv), or given directly in
// .sparkmc.yaml `nodePools:`.
#ifndef SPARKMC_PLAN_NODES_H_
#define SPARKMC_PLAN_NODES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/error.h"
#include "compiler/model/project_config.h"
#include "compiler/plan/resources.h"

namespace sparkmc {

/// One row of the EC2 instance type table.
struct InstanceType {
  std::string name;         ///< "m6i.4xlarge"
  int vcpu = 0;
  int64_t memory_mib = 0;
  int max_pods = 0;         ///< eni-max-pods.txt: the EKS AMI's default (no prefix delegation).
  std::string family;       ///< general, memory, compute, storage, gpu (see the table's header).
  std::string arch;         ///< x86_64 or arm64 (Graviton).
  int gpus = 0;             ///< nvidia.com/gpu the device plugin advertises.
  std::string source;       ///< Where the row's numbers come from.
};

/// The row for \a type, or empty when the table does not know it.
std::optional<InstanceType> FindInstanceType(std::string_view type);

/// What one node offers. `capacity` is the machine (unset fields when the
/// shape was given as allocatable directly); `allocatable` is capacity less
/// kube-reserved, system-reserved and the hard eviction threshold, which is
/// what the scheduler fits pods into.
struct NodeShape {
  std::string name;           ///< The instance type, or the pool's name.
  std::string instance_type;  ///< "" when allocatable was given directly.
  ResourceList capacity;
  ResourceList allocatable;
  int max_pods = 0;           ///< Pods the kubelet admits on the node.
  std::string source;         ///< Where allocatable came from, for the report.
};

/// The shape of an EKS node of \a type: allocatable as the EKS AMI computes
/// it with the table's max pods (or \a max_pods when > 0, for prefix
/// delegation or a custom --max-pods). Empty when the type is unknown.
std::optional<NodeShape> InstanceTypeShape(std::string_view type, int max_pods = 0);

/// The EKS AMI's kube-reserved cpu (millicores) for a node with \a vcpu cores.
int64_t EksKubeReservedCpuMillis(int vcpu);
/// The EKS AMI's kube-reserved memory (bytes) for a node admitting \a max_pods.
int64_t EksKubeReservedMemoryBytes(int max_pods);
/// The kubelet's hard eviction threshold for memory.available the AMI sets (bytes).
int64_t EksEvictionHardMemoryBytes();

/// A pool of identical nodes: its shape and what daemonsets take on each node.
struct NodePool {
  std::string name;                 ///< Pool name, or the instance type for --nodes.
  NodeShape shape;
  ResourceList daemonset_overhead;  ///< Requests of the daemonsets on each node.
  int daemonset_pods = 0;           ///< Pods they take from max_pods.
  Location loc;                     ///< The nodePools entry; file "" for --nodes.
};

/// The pools `.sparkmc.yaml` declares, in file order. Throws InputError at the
/// instanceType when the type is unknown.
std::vector<NodePool> NodePoolsFromConfig(const ProjectConfig& config);

/// The pools of `--nodes m6i.4xlarge,r6i.8xlarge` (comma-separated instance
/// types, no daemonset overhead). Throws InputError at \a where naming the
/// unknown type, with a spelling suggestion.
std::vector<NodePool> NodePoolsFromInstanceTypes(std::string_view list, const Location& where);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_NODES_H_
