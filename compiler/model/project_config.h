// .sparkmc.yaml: what EMR knows and a job file does not (which namespace and
// region a virtual cluster lives in), plus lint settings. Found by walking up
// from the job file, the way .clang-tidy and .editorconfig are found.
#ifndef SPARKMC_MODEL_PROJECT_CONFIG_H_
#define SPARKMC_MODEL_PROJECT_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/load/source.h"

namespace sparkmc {

struct VirtualClusterInfo {
  std::string namespace_;
  std::string region;
};

struct IgnoreEntry {
  std::string rule;     ///< Rule id, or "" for every rule.
  std::string path;     ///< File glob (fnmatch, relative to the config file), or "".
  std::string pointer;  ///< JSON pointer prefix in the job, or "".
  std::string reason;
  Location loc;
};

struct RuleSetting {
  bool enabled = true;
  std::string severity;  ///< "" keeps the rule's own.
  Location loc;          ///< Of the rule id, for "no such rule".
};

/// Resources written in a nodePools entry (`allocatable:` or
/// `daemonsetOverhead:`), parsed as Kubernetes quantities: cpu in millicores
/// (rounded up, as the API server rounds), memory and ephemeral storage in
/// bytes, pods and extended resources (nvidia.com/gpu) as counts.
struct NodeQuantities {
  std::optional<int64_t> cpu_millis;
  std::optional<int64_t> memory_bytes;
  std::optional<int64_t> ephemeral_storage_bytes;
  std::optional<int64_t> pods;
  std::map<std::string, int64_t> extended;
  Location loc;  ///< The mapping.
};

/// One `nodePools:` entry: an EC2 instance type (allocatable computed as the
/// EKS AMI does) or allocatable given directly, and what daemonsets take on
/// every node.
struct NodePoolConfig {
  std::string name;
  Location loc;                      ///< The pool's name.
  std::string instance_type;         ///< "" when `allocatable` is given.
  Location instance_type_loc;
  int max_pods = 0;                  ///< `maxPods`, 0 when not written.
  std::optional<NodeQuantities> allocatable;
  NodeQuantities daemonset_overhead; ///< `pods` = daemonset pods per node.
};

struct ProjectConfig {
  std::string path;  ///< The file, "" when none was found.
  std::string dir;   ///< Its directory.
  std::map<std::string, VirtualClusterInfo> virtual_clusters;
  std::vector<IgnoreEntry> ignore;
  std::map<std::string, RuleSetting> rules;
  std::map<std::string, std::string> pod_templates;  ///< S3 URI -> local file.
  std::string spark_image;  ///< For open-source targets.
  /// `releaseFacts`: the folder of release facts learned from the user's own
  /// cluster (`sparkmc capture import`), relative to this file; "" = none.
  std::string release_facts;
  Location release_facts_loc;
  /// ACK references resolved offline: the name of a referenced VirtualCluster
  /// -> its id, of a referenced IAM Role -> its ARN (`ackReferences`).
  std::map<std::string, std::string> ack_references;
  /// Job template id -> the CreateJobTemplate request file that made it
  /// (`jobTemplates`, paths relative to the config file).
  std::map<std::string, std::string> job_templates;
  /// The text of the config file when it declares customRules (parsed by the
  /// rules stage, which owns the rule format): path -> text.
  std::vector<std::pair<std::string, std::string>> custom_rules;
  /// The node pools jobs run on (`nodePools`), in file order: the sizing
  /// rules and `sparkmc plan` fit pods against them.
  std::vector<NodePoolConfig> node_pools;
};

/// Parses a .sparkmc.yaml. Throws InputError on any unknown key or bad type.
ProjectConfig ParseProjectConfig(const SourceFile& source);

/// The nearest .sparkmc.yaml at or above the directory of \a job_path, parsed;
/// an empty config when there is none.
ProjectConfig FindProjectConfig(const std::string& job_path);

/// The path FindProjectConfig would read for \a job_path (as it reports it),
/// or "" when there is none: a run caches configs by it.
std::string FindProjectConfigPath(const std::string& job_path);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_PROJECT_CONFIG_H_
