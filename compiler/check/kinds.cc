// The rule kinds, by name: the one table that rule declarations, `sparkmc
// rules` and the docs read. Each kind lives in kinds_<area>.cc.
#include "compiler/check/kind_util.h"

namespace sparkmc {

using namespace kinds;

const std::vector<RuleKind>& RuleKinds() {
  static const std::vector<RuleKind> kinds = {
      {"schema", "the job and its pod templates against their JSON Schemas", "", SchemaKind},
      {"injection", "values that would inject lines into spark-defaults.conf or the fluentd config", "", InjectionKind},
      {"pod-allowlist", "user pod template fields against EMR's allowlists and reserved names",
       "podAllowlist: embedded data file of allowed pod fields\ncontainerAllowlist: embedded data file of allowed "
       "main-container fields\nreservedVolumes, reservedMountPaths, reservedEnv, reservedContainers: lists\n"
       "mainContainers: {driver, executor} container names",
       PodAllowlistKind, "podAllowlist:data! containerAllowlist:data! mainContainers:map reservedVolumes:strings reservedMountPaths:strings reservedEnv:strings reservedContainers:strings"},
      {"insecure", "settings that weaken isolation or authentication",
       "properties: {key: value that is insecure}; pod templates: privileged, hostPath, host namespaces, root",
       InsecureKind, "properties:map"},
      {"monitoring", "logging, history and Prometheus wiring", "", MonitoringKind},
      {"spark-key-known", "Spark property names Spark does not know", "passThroughPrefixes: prefixes Spark passes on",
       UnknownKeyKind, "passThroughPrefixes:strings"},
      {"spark-key-deprecated", "deprecated or removed Spark properties", "", DeprecatedKeyKind},
      {"spark-value", "values that Spark cannot parse for the key's type", "", ValueKind},
      {"conflict", "the same property set twice with different values", "", ConflictKind},
      {"requires", "a property value that needs another setting",
       "when: {key, value}\nanyOf: [{key, value, defaultSince}] (effective values, EMR defaults included; defaultSince: the Spark version from which an unset key has that value)\nbecause: why", RequiresKind, "when:pair! anyOf:pairs! because:string"},
      {"memory-limit", "executor pod memory (memory + overhead) against limits",
       "maxPodMemory: optional Kubernetes quantity", MemoryLimitKind, "maxPodMemory:string"},
      {"non-spark-key", "non-spark.* keys in the spark-defaults classification",
       "belongsIn: {key: classification where EMR reads it}", NonSparkKeyKind, "belongsIn:map"},
      {"image-tag", "container images with a mutable tag",
       "properties: image properties to check\nmutableTags: tags that move", ImageTagKind, "properties:strings mutableTags:strings"},
      {"forbidden-key", "properties that must not be set", "keys: {key: why}", ForbiddenKeyKind, "keys:map!"},
      {"oss-target", "what an open-source target (lint --target) leaves out of an EMR job", "", OssTargetKind},
  };
  return kinds;
}

const RuleKind* FindRuleKind(const std::string& name) {
  for (const RuleKind& k : RuleKinds()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

}  // namespace sparkmc
