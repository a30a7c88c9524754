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
       "main-container fields (sidecars are not restricted)\nreservedVolumes, reservedMountPaths, reservedEnv, "
       "reservedContainers: lists of names EMR on EKS reserves\n"
       "mainContainers: {driver, executor} the Spark container's name per role; EMR on EKS finds it by this name "
       "only and treats every other container as a sidecar (lint --target spark-operator or spark-submit: the "
       "first container, as open-source Spark takes it)",
       PodAllowlistKind, "podAllowlist:data! containerAllowlist:data! mainContainers:map reservedVolumes:strings reservedMountPaths:strings reservedEnv:strings reservedContainers:strings"},
      {"insecure", "settings that weaken isolation or authentication",
       "properties: {key: value that is insecure}\n"
       "sensitiveHostPaths: embedded data file (path, why, source) of host paths a hostPath volume must not mount; "
       "an entry ending in '/' covers everything below it, others only that path; paths are normalised "
       "lexically (//, ., .., trailing /) first\n"
       "extraSensitiveHostPaths: {path: why}, more entries of the same form\n"
       "sensitiveHostPathSuffixes: {suffix: why}, host paths ending so (runtime sockets anywhere)\n"
       "without any of the three, every hostPath is reported; pod templates are also checked for privileged, "
       "privilege escalation, host namespaces, root and dangerous capabilities",
       InsecureKind, "properties:map sensitiveHostPaths:data extraSensitiveHostPaths:map sensitiveHostPathSuffixes:map"},
      {"monitoring", "logging, history and Prometheus wiring", "", MonitoringKind},
      {"spark-key-known", "Spark property names Spark does not know",
       "passThroughPrefixes: prefixes Spark passes on (key prefixes, matched as text)\n"
       "thirdPartyNamespaces: embedded data file (prefix, project, enabled_by, source) of namespaces that plugins, "
       "extensions and connectors read themselves; a key under one is not unknown, and is an info note when the "
       "job's effective properties do not enable its reader (enabled_by: KEY~=TEXT, KEY=VALUE, '*' for one name "
       "segment, alternatives joined by '|', '-' for no test)\n"
       "allowedPrefixes: more key prefixes to accept, for a project's own libraries",
       UnknownKeyKind, "passThroughPrefixes:strings thirdPartyNamespaces:data allowedPrefixes:strings"},
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
      {"release", "release labels sparkmc has no facts for (compiler/data/emr/release-facts.tsv)", "", ReleaseKind},
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
