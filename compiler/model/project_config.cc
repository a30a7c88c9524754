#include "compiler/model/project_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "compiler/load/document.h"
#include "compiler/base/quantity.h"
#include "compiler/base/spell.h"
#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

Location At(const SourceFile& src, const Node& n) { return Location{src.path, n.line, n.column}; }

void CheckKeys(const Node& map, const std::vector<std::string>& known, const SourceFile& src) {
  for (const auto& [k, v] : map.members) {
    if (std::find(known.begin(), known.end(), k.value) == known.end()) {
      throw InputError(At(src, k), fmt::format("unknown key '{}' in .sparkmc.yaml{}", k.value,
                                               DidYouMean(k.value, known)));
    }
  }
}

const Node& ExpectMap(const Node& n, const SourceFile& src, const char* what) {
  if (!n.IsMap()) throw InputError(At(src, n), fmt::format("{} must be a mapping, found {}", what, n.TypeName()));
  return n;
}

std::string ExpectString(const Node& n, const SourceFile& src, const char* what) {
  if (!n.IsScalar()) throw InputError(At(src, n), fmt::format("{} must be a string, found {}", what, n.TypeName()));
  return n.value;
}

// A Kubernetes quantity in a nodePools entry, scaled (1000 for cpu in
// millicores, 1 for bytes and counts) and rounded up as the API server rounds
// a quantity to its smallest unit. Counts (pods, extended resources) must be
// whole, as the scheduler counts them.
int64_t NodeQuantity(const Node& n, const SourceFile& src, const std::string& what, double scale, bool whole) {
  if (!n.IsScalar()) throw InputError(At(src, n), fmt::format("{} must be a quantity, found {}", what, n.TypeName()));
  std::optional<double> q = ParseQuantity(n.value);
  if (!q || *q < 0) {
    throw InputError(At(src, n), fmt::format("{} must be a non-negative Kubernetes quantity, not '{}'", what, n.value));
  }
  double scaled = *q * scale;
  if (whole && scaled != std::floor(scaled)) {
    throw InputError(At(src, n), fmt::format("{} must be a whole number, not '{}'", what, n.value));
  }
  if (scaled > 9.0e15) throw InputError(At(src, n), fmt::format("{} '{}' is too large", what, n.value));
  return static_cast<int64_t>(std::ceil(scaled));
}

NodeQuantities ParseNodeQuantities(const Node& map, const SourceFile& src, const char* what) {
  ExpectMap(map, src, what);
  NodeQuantities q;
  q.loc = At(src, map);
  static const std::vector<std::string> kKnown = {"cpu", "memory", "ephemeral-storage", "pods"};
  for (const auto& [k, v] : map.members) {
    const std::string& key = k.value;
    std::string name = fmt::format("{}.{}", what, key);
    if (key == "cpu") q.cpu_millis = NodeQuantity(v, src, name, 1000, false);
    else if (key == "memory") q.memory_bytes = NodeQuantity(v, src, name, 1, false);
    else if (key == "ephemeral-storage") q.ephemeral_storage_bytes = NodeQuantity(v, src, name, 1, false);
    else if (key == "pods") q.pods = NodeQuantity(v, src, name, 1, true);
    else if (key.find('/') != std::string::npos) q.extended[key] = NodeQuantity(v, src, name, 1, true);
    else {
      // Extended resources are domain-qualified (nvidia.com/gpu); anything
      // else is a misspelling of a standard resource.
      throw InputError(At(src, k), fmt::format("unknown resource '{}' in {}{}", key, what, DidYouMean(key, kKnown)));
    }
  }
  return q;
}

NodePoolConfig ParseNodePool(const Node& key, const Node& v, const SourceFile& src) {
  ExpectMap(v, src, "a node pool");
  CheckKeys(v, {"instanceType", "maxPods", "allocatable", "daemonsetOverhead"}, src);
  NodePoolConfig pool;
  pool.name = key.value;
  pool.loc = At(src, key);
  if (const Node* t = v.Find("instanceType")) {
    pool.instance_type = ExpectString(*t, src, "instanceType");
    pool.instance_type_loc = At(src, *t);
    // Checked here, where the config is read, so that a misspelt type is a
    // config error (exit 2 at the key) and never reaches a rule.
    std::vector<std::string> known;
    for (const auto& row : CachedEmbeddedTable("compiler/data/aws/ec2-instance-types.tsv")) known.push_back(row[0]);
    if (std::find(known.begin(), known.end(), pool.instance_type) == known.end()) {
      throw InputError(pool.instance_type_loc,
                       fmt::format("unknown EC2 instance type '{}'{}; sparkmc's table (compiler/data/aws/"
                                   "ec2-instance-types.tsv) does not have it: give the pool's allocatable "
                                   "(cpu, memory, pods) instead",
                                   pool.instance_type, DidYouMean(pool.instance_type, known)));
    }
  }
  if (const Node* m = v.Find("maxPods")) {
    int64_t pods = NodeQuantity(*m, src, "maxPods", 1, true);
    if (pods < 1 || pods > 100000) throw InputError(At(src, *m), fmt::format("maxPods must be between 1 and 100000, not '{}'", m->value));
    pool.max_pods = static_cast<int>(pods);
  }
  if (const Node* a = v.Find("allocatable")) pool.allocatable = ParseNodeQuantities(*a, src, "allocatable");
  if (const Node* d = v.Find("daemonsetOverhead")) pool.daemonset_overhead = ParseNodeQuantities(*d, src, "daemonsetOverhead");
  if (pool.instance_type.empty() == !pool.allocatable) {
    throw InputError(pool.loc, fmt::format("node pool '{}' needs exactly one of instanceType and allocatable", pool.name));
  }
  if (pool.allocatable && pool.max_pods) {
    throw InputError(pool.loc, fmt::format("node pool '{}': maxPods goes with instanceType; give allocatable.pods instead", pool.name));
  }
  return pool;
}

}  // namespace

ProjectConfig ParseProjectConfig(const SourceFile& src) {
  ProjectConfig cfg;
  cfg.path = src.path;
  size_t slash = src.path.rfind('/');
  cfg.dir = slash == std::string::npos ? "." : src.path.substr(0, slash);
  std::vector<Node> docs = ParseDocuments(src);
  if (docs.empty() || docs[0].IsNull()) return cfg;
  const Node& root = ExpectMap(docs[0], src, ".sparkmc.yaml");
  CheckKeys(root, {"virtualClusters", "ignore", "rules", "podTemplates", "sparkImage", "customRules", "ackReferences", "jobTemplates", "nodePools", "releaseFacts"}, src);
  if (const Node* vcs = root.Find("virtualClusters")) {
    for (const auto& [k, v] : ExpectMap(*vcs, src, "virtualClusters").members) {
      ExpectMap(v, src, "a virtual cluster");
      CheckKeys(v, {"namespace", "region"}, src);
      VirtualClusterInfo info;
      if (const Node* ns = v.Find("namespace")) info.namespace_ = ExpectString(*ns, src, "namespace");
      if (const Node* r = v.Find("region")) info.region = ExpectString(*r, src, "region");
      cfg.virtual_clusters[k.value] = info;
    }
  }
  if (const Node* ign = root.Find("ignore")) {
    if (!ign->IsSequence()) throw InputError(At(src, *ign), "ignore must be a list");
    for (const Node& item : ign->items) {
      ExpectMap(item, src, "an ignore entry");
      CheckKeys(item, {"rule", "path", "pointer", "reason"}, src);
      IgnoreEntry e;
      e.loc = At(src, item);
      if (const Node* n = item.Find("rule")) {
        e.rule = ExpectString(*n, src, "rule");
        e.loc = At(src, *n);
      }
      if (const Node* n = item.Find("path")) e.path = ExpectString(*n, src, "path");
      if (const Node* n = item.Find("pointer")) e.pointer = ExpectString(*n, src, "pointer");
      if (const Node* n = item.Find("reason")) e.reason = ExpectString(*n, src, "reason");
      cfg.ignore.push_back(e);
    }
  }
  if (const Node* rules = root.Find("rules")) {
    for (const auto& [k, v] : ExpectMap(*rules, src, "rules").members) {
      RuleSetting s;
      s.loc = At(src, k);
      // YAML 1.1 spellings of a boolean, as people write them in config files.
      auto boolean = [&](const Node& n) {
        std::string b = ExpectString(n, src, "enabled");
        for (char& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (b == "true" || b == "yes" || b == "on") return true;
        if (b == "false" || b == "no" || b == "off") return false;
        throw InputError(At(src, n), fmt::format("enabled must be true or false, not '{}'", n.value));
      };
      if (v.IsScalar()) {
        // `rule-id: off` or `rule-id: warning`
        std::string lower = v.value;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "off" || lower == "false" || lower == "no") s.enabled = false;
        else if (lower == "on" || lower == "true" || lower == "yes") s.enabled = true;
        else s.severity = v.value;
      } else {
        ExpectMap(v, src, "a rule setting");
        CheckKeys(v, {"enabled", "severity"}, src);
        if (const Node* n = v.Find("enabled")) s.enabled = boolean(*n);
        if (const Node* n = v.Find("severity")) s.severity = ExpectString(*n, src, "severity");
      }
      if (!s.severity.empty() && s.severity != "error" && s.severity != "warning" && s.severity != "info") {
        throw InputError(At(src, v), fmt::format("severity must be error, warning or info, not '{}'", s.severity));
      }
      cfg.rules[k.value] = s;
    }
  }
  if (const Node* pts = root.Find("podTemplates")) {
    for (const auto& [k, v] : ExpectMap(*pts, src, "podTemplates").members) {
      cfg.pod_templates[k.value] = ExpectString(v, src, "a pod template path");
    }
  }
  if (const Node* refs = root.Find("ackReferences")) {
    for (const auto& [k, v] : ExpectMap(*refs, src, "ackReferences").members) {
      cfg.ack_references[k.value] = ExpectString(v, src, "an ACK reference's id or ARN");
    }
  }
  if (const Node* tmpls = root.Find("jobTemplates")) {
    for (const auto& [k, v] : ExpectMap(*tmpls, src, "jobTemplates").members) {
      std::string path = ExpectString(v, src, "a job template file");
      cfg.job_templates[k.value] = path.empty() || path[0] == '/' ? path : cfg.dir + "/" + path;
    }
  }
  if (const Node* pools = root.Find("nodePools")) {
    for (const auto& [k, v] : ExpectMap(*pools, src, "nodePools").members) cfg.node_pools.push_back(ParseNodePool(k, v, src));
  }
  if (root.Find("customRules")) cfg.custom_rules.emplace_back(src.path, src.text);
  if (const Node* img = root.Find("sparkImage")) cfg.spark_image = ExpectString(*img, src, "sparkImage");
  if (const Node* facts = root.Find("releaseFacts")) {
    std::string dir = ExpectString(*facts, src, "releaseFacts");
    if (dir.empty()) throw InputError(At(src, *facts), "releaseFacts must name a folder (e.g. .sparkmc/releases)");
    cfg.release_facts = dir[0] == '/' ? dir : cfg.dir + "/" + dir;
    cfg.release_facts_loc = At(src, *facts);
  }
  return cfg;
}

ProjectConfig FindProjectConfig(const std::string& job_path) {
  std::string path = FindProjectConfigPath(job_path);
  return path.empty() ? ProjectConfig{} : ParseProjectConfig(ReadSourceFile(path, 1 << 20));
}

std::string FindProjectConfigPath(const std::string& job_path) {
  // Walk up from the job's folder, made absolute first, so that
  // `sparkmc compile jobs/pi.json` finds ./.sparkmc.yaml as well as
  // jobs/.sparkmc.yaml. The config's path is reported relative to where the
  // walk started, as the user would write it.
  std::error_code ec;
  std::filesystem::path start = std::filesystem::path(job_path).parent_path();
  if (start.empty()) start = ".";
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return "";
  dir = dir.lexically_normal();
  std::filesystem::path shown = start;
  for (int depth = 0; depth < 128; ++depth) {
    std::filesystem::path candidate = dir / ".sparkmc.yaml";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      return (shown / ".sparkmc.yaml").lexically_normal().string();
    }
    if (!dir.has_relative_path()) break;  // reached the root
    dir = dir.parent_path();
    shown /= "..";
  }
  return "";
}

}  // namespace sparkmc
