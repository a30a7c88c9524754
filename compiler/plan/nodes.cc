#include "compiler/plan/nodes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/base/spell.h"
#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

constexpr std::string_view kInstanceTypes = "compiler/data/aws/ec2-instance-types.tsv";
constexpr std::string_view kEksAllocatable = "compiler/data/aws/eks-allocatable.tsv";
constexpr int64_t kMiB = 1024 * 1024;

int64_t ToInt(const std::string& s) {
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

/// The EKS AMI's constants (eks-allocatable.tsv), read once.
struct EksFormula {
  struct CpuRange {
    int64_t from, to, per_ten_thousand;  // to == 0: the node's capacity
  };
  std::vector<CpuRange> cpu_ranges;
  int64_t memory_per_pod_mib = 0;
  int64_t memory_base_mib = 0;
  int64_t eviction_memory_mib = 0;
  int64_t ephemeral_mib = 0;
  int default_max_pods = 0;
};

const EksFormula& Formula() {
  static const EksFormula formula = [] {
    EksFormula f;
    for (const auto& row : EmbeddedTable(kEksAllocatable)) {
      const std::string& key = row[0];
      if (key == "cpu-range") f.cpu_ranges.push_back({ToInt(row[1]), ToInt(row[2]), ToInt(row[3])});
      else if (key == "memory-per-pod-mib") f.memory_per_pod_mib = ToInt(row[1]);
      else if (key == "memory-base-mib") f.memory_base_mib = ToInt(row[1]);
      else if (key == "eviction-memory-mib") f.eviction_memory_mib = ToInt(row[1]);
      else if (key == "kube-reserved-ephemeral-mib") f.ephemeral_mib = ToInt(row[1]);
      else if (key == "default-max-pods") f.default_max_pods = static_cast<int>(ToInt(row[1]));
    }
    return f;
  }();
  return formula;
}

const std::map<std::string, InstanceType, std::less<>>& Table() {
  static const std::map<std::string, InstanceType, std::less<>> table = [] {
    std::map<std::string, InstanceType, std::less<>> t;
    for (const auto& row : EmbeddedTable(kInstanceTypes)) {
      InstanceType it;
      it.name = row[0];
      it.vcpu = static_cast<int>(ToInt(row[1]));
      it.memory_mib = ToInt(row[2]);
      it.max_pods = static_cast<int>(ToInt(row[3]));
      it.family = row[4];
      it.arch = row[5];
      it.gpus = static_cast<int>(ToInt(row[6]));
      it.source = row[7];
      t.emplace(it.name, std::move(it));
    }
    return t;
  }();
  return table;
}

ResourceList FromQuantities(const NodeQuantities& q) {
  ResourceList r;
  if (q.cpu_millis) { r.cpu_millis = *q.cpu_millis; r.has_cpu = true; }
  if (q.memory_bytes) { r.memory_bytes = *q.memory_bytes; r.has_memory = true; }
  if (q.ephemeral_storage_bytes) { r.ephemeral_storage_bytes = *q.ephemeral_storage_bytes; r.has_ephemeral_storage = true; }
  r.extended = q.extended;
  return r;
}

std::vector<std::string> TypeNames() {
  std::vector<std::string> names;
  for (const auto& [name, it] : Table()) names.push_back(name);
  return names;
}

[[noreturn]] void UnknownType(const Location& loc, std::string_view type) {
  throw InputError(loc, fmt::format("unknown EC2 instance type '{}'{}; sparkmc's table "
                                    "(compiler/data/aws/ec2-instance-types.tsv) does not have it: give the "
                                    "pool's allocatable (cpu, memory, pods) instead",
                                    type, DidYouMean(std::string(type), TypeNames())));
}

}  // namespace

std::optional<InstanceType> FindInstanceType(std::string_view type) {
  const auto& t = Table();
  auto it = t.find(type);
  if (it == t.end()) return std::nullopt;
  return it->second;
}

int64_t EksKubeReservedCpuMillis(int vcpu) {
  // bootstrap.sh's get_cpu_millicores_to_reserve: per range, truncated.
  int64_t total = static_cast<int64_t>(vcpu) * 1000;
  int64_t reserved = 0;
  for (const auto& r : Formula().cpu_ranges) {
    int64_t end = r.to == 0 ? total : r.to;
    if (total > r.from) reserved += (std::min(total, end) - r.from) * r.per_ten_thousand / 100 / 100;
  }
  return reserved;
}

int64_t EksKubeReservedMemoryBytes(int max_pods) {
  const EksFormula& f = Formula();
  return (f.memory_per_pod_mib * max_pods + f.memory_base_mib) * kMiB;
}

int64_t EksEvictionHardMemoryBytes() { return Formula().eviction_memory_mib * kMiB; }

std::optional<NodeShape> InstanceTypeShape(std::string_view type, int max_pods) {
  std::optional<InstanceType> it = FindInstanceType(type);
  if (!it) return std::nullopt;
  NodeShape shape;
  shape.name = it->name;
  shape.instance_type = it->name;
  shape.max_pods = max_pods > 0 ? max_pods : it->max_pods;
  shape.capacity.cpu_millis = static_cast<int64_t>(it->vcpu) * 1000;
  shape.capacity.has_cpu = true;
  shape.capacity.memory_bytes = it->memory_mib * kMiB;
  shape.capacity.has_memory = true;
  if (it->gpus > 0) shape.capacity.extended["nvidia.com/gpu"] = it->gpus;
  shape.allocatable = shape.capacity;
  shape.allocatable.cpu_millis -= EksKubeReservedCpuMillis(it->vcpu);
  shape.allocatable.memory_bytes -= EksKubeReservedMemoryBytes(shape.max_pods) + EksEvictionHardMemoryBytes();
  // Ephemeral storage depends on the root volume, which an instance type
  // does not fix: left unset, so it never binds.
  shape.source = fmt::format("{} ({} vCPU, {} MiB; {}), max pods {}{}, allocatable as the EKS AMI's bootstrap.sh "
                             "computes it: capacity - kubeReserved (cpu {}m, memory {}Mi) - evictionHard 100Mi",
                             it->name, it->vcpu, it->memory_mib, it->source, shape.max_pods,
                             max_pods > 0 ? " (maxPods)" : " (eni-max-pods.txt)", EksKubeReservedCpuMillis(it->vcpu),
                             EksKubeReservedMemoryBytes(shape.max_pods) / kMiB);
  return shape;
}

std::vector<NodePool> NodePoolsFromConfig(const ProjectConfig& config) {
  std::vector<NodePool> pools;
  for (const NodePoolConfig& c : config.node_pools) {
    NodePool pool;
    pool.name = c.name;
    pool.loc = c.loc;
    if (!c.instance_type.empty()) {
      std::optional<NodeShape> shape = InstanceTypeShape(c.instance_type, c.max_pods);
      if (!shape) UnknownType(c.instance_type_loc, c.instance_type);
      pool.shape = *shape;
    } else {
      const NodeQuantities& a = *c.allocatable;
      pool.shape.name = c.name;
      pool.shape.allocatable = FromQuantities(a);
      pool.shape.max_pods = a.pods ? static_cast<int>(*a.pods) : Formula().default_max_pods;
      pool.shape.source = fmt::format("allocatable given in {}:{}:{}{}", a.loc.file, a.loc.line, a.loc.column,
                                      a.pods ? "" : fmt::format(", pods the kubelet's default {}", pool.shape.max_pods));
    }
    pool.daemonset_overhead = FromQuantities(c.daemonset_overhead);
    pool.daemonset_pods = c.daemonset_overhead.pods ? static_cast<int>(*c.daemonset_overhead.pods) : 0;
    pools.push_back(std::move(pool));
  }
  return pools;
}

std::vector<NodePool> NodePoolsFromInstanceTypes(std::string_view list, const Location& where) {
  std::vector<NodePool> pools;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) throw InputError(where, "--nodes needs comma-separated EC2 instance types, e.g. m6i.4xlarge,r6i.8xlarge");
    std::optional<NodeShape> shape = InstanceTypeShape(item);
    if (!shape) UnknownType(where, item);
    NodePool pool;
    pool.name = shape->name;
    pool.shape = *shape;
    pool.loc = where;
    pools.push_back(std::move(pool));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return pools;
}

}  // namespace sparkmc
