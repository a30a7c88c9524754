#include "compiler/model/project_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "compiler/load/document.h"
#include "compiler/base/spell.h"

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

}  // namespace

ProjectConfig ParseProjectConfig(const SourceFile& src) {
  ProjectConfig cfg;
  cfg.path = src.path;
  size_t slash = src.path.rfind('/');
  cfg.dir = slash == std::string::npos ? "." : src.path.substr(0, slash);
  std::vector<Node> docs = ParseDocuments(src);
  if (docs.empty() || docs[0].IsNull()) return cfg;
  const Node& root = ExpectMap(docs[0], src, ".sparkmc.yaml");
  CheckKeys(root, {"virtualClusters", "ignore", "rules", "podTemplates", "sparkImage", "customRules", "ackReferences", "jobTemplates"}, src);
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
  if (root.Find("customRules")) cfg.custom_rules.emplace_back(src.path, src.text);
  if (const Node* img = root.Find("sparkImage")) cfg.spark_image = ExpectString(*img, src, "sparkImage");
  return cfg;
}

ProjectConfig FindProjectConfig(const std::string& job_path) {
  // Walk up from the job's folder, made absolute first, so that
  // `sparkmc compile jobs/pi.json` finds ./.sparkmc.yaml as well as
  // jobs/.sparkmc.yaml. The config's path is reported relative to where the
  // walk started, as the user would write it.
  std::error_code ec;
  std::filesystem::path start = std::filesystem::path(job_path).parent_path();
  if (start.empty()) start = ".";
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return ProjectConfig{};
  dir = dir.lexically_normal();
  std::filesystem::path shown = start;
  for (int depth = 0; depth < 128; ++depth) {
    std::filesystem::path candidate = dir / ".sparkmc.yaml";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      std::string path = (shown / ".sparkmc.yaml").lexically_normal().string();
      return ParseProjectConfig(ReadSourceFile(path, 1 << 20));
    }
    if (!dir.has_relative_path()) break;  // reached the root
    dir = dir.parent_path();
    shown /= "..";
  }
  return ProjectConfig{};
}

}  // namespace sparkmc
