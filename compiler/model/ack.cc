// ACK's JobRun custom resource as the StartJobRun request it stands for:
// spec's ACK spellings (virtualClusterID, executionRoleARN), references to
// other ACK resources, and configurationOverrides, a YAML string with
// PascalCase keys that the controller matches case-insensitively.
#include "compiler/model/job_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/text.h"

namespace sparkmc {

namespace {

// The request shape below configurationOverrides, for matching ACK's
// case-insensitive keys: each known key and what its value holds.
enum class Shape { kScalar, kOverrides, kConfigList, kConfig, kUserMap, kMonitoring, kObject };

struct KeySpec {
  const char* name;
  Shape shape;
};

std::vector<KeySpec> KeysOf(Shape s) {
  switch (s) {
    case Shape::kOverrides:
      return {{"applicationConfiguration", Shape::kConfigList}, {"monitoringConfiguration", Shape::kMonitoring}};
    case Shape::kConfig:
      return {{"classification", Shape::kScalar}, {"properties", Shape::kUserMap},
              {"configurations", Shape::kConfigList}};
    case Shape::kMonitoring:
      return {{"persistentAppUI", Shape::kScalar},
              {"cloudWatchMonitoringConfiguration", Shape::kObject},
              {"s3MonitoringConfiguration", Shape::kObject},
              {"containerLogRotationConfiguration", Shape::kObject},
              {"managedLogs", Shape::kObject}};
    case Shape::kObject:
      return {{"logGroupName", Shape::kScalar}, {"logStreamNamePrefix", Shape::kScalar},
              {"logUri", Shape::kScalar},       {"rotationSize", Shape::kScalar},
              {"maxFilesToKeep", Shape::kScalar}, {"allowAWSToRetainLogs", Shape::kScalar},
              {"encryptionKeyArn", Shape::kScalar}};
    default:
      return {};
  }
}

/// Renames keys to their request spelling; drops null members (ACK writes
/// `ApplicationConfiguration: null` for "not set").
void Normalize(Node* n, Shape shape, const std::string& file) {
  if (shape == Shape::kConfigList) {
    if (n->IsSequence()) {
      for (Node& item : n->items) Normalize(&item, Shape::kConfig, file);
    }
    return;
  }
  if (!n->IsMap() || shape == Shape::kUserMap || shape == Shape::kScalar) return;
  std::vector<KeySpec> keys = KeysOf(shape);
  std::vector<std::pair<Node, Node>> kept;
  std::vector<std::string> seen;  // lowercased: ACK matches keys case-insensitively
  for (auto& [k, v] : n->members) {
    std::string folded = Lower(k.value);
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
      // PersistentAppUI and persistentAppUI are one key to ACK: the schema
      // would check one and the emitter use the other.
      throw InputError(Location{file, k.line, k.column},
                       fmt::format("duplicate key \"{}\": ACK reads configurationOverrides' keys without regard to case",
                                   k.value.substr(0, 80)));
    }
    seen.push_back(folded);
    if (v.IsNull()) continue;
    for (const KeySpec& spec : keys) {
      if (Lower(k.value) == Lower(spec.name)) {
        k.value = spec.name;
        Normalize(&v, spec.shape, file);
        break;
      }
    }
    kept.emplace_back(std::move(k), std::move(v));
  }
  n->members = std::move(kept);
}

/// Moves positions of a tree parsed from a string scalar back into the file.
void Shift(Node* n, const SourceFile& src, const Node& scalar) {
  std::string first = src.Line(scalar.line);
  bool block = scalar.column - 1 < static_cast<int>(first.size()) &&
               (first[scalar.column - 1] == '|' || first[scalar.column - 1] == '>');
  int indent = 0;
  if (block) {
    for (int l = scalar.line + 1;; ++l) {
      std::string line = src.Line(l);
      if (line.find_first_not_of(' ') != std::string::npos || l > scalar.line + 1000) {
        indent = static_cast<int>(line.find_first_not_of(' '));
        if (indent < 0) indent = 0;
        break;
      }
    }
  }
  bool quoted = !scalar.plain && !block;
  std::vector<Node*> stack{n};
  while (!stack.empty()) {
    Node* cur = stack.back();
    stack.pop_back();
    if (block) {
      cur->line += scalar.line;
      cur->column += indent;
    } else {
      if (cur->line == 1) cur->column += scalar.column - 1 + (quoted ? 1 : 0);
      cur->line += scalar.line - 1;
    }
    for (Node& i : cur->items) stack.push_back(&i);
    for (auto& [k, v] : cur->members) {
      stack.push_back(&k);
      stack.push_back(&v);
    }
  }
}

Node ParseOverridesString(const Node& scalar, const SourceFile& src) {
  SourceFile inner{src.path, scalar.value};
  std::vector<Node> docs;
  try {
    LoadLimits limits;
    limits.strict_json = false;  // ACK reads this string as YAML
    docs = ParseDocuments(inner, limits);
  } catch (const InputError& e) {
    Node where;
    where.line = e.location().line;
    where.column = e.location().column;
    Shift(&where, src, scalar);
    throw InputError(Location{src.path, where.line, where.column},
                     std::string("in configurationOverrides: ") + e.what());
  }
  if (docs.empty() || docs[0].IsNull()) {
    Node empty;
    empty.kind = Node::Kind::kMap;
    empty.line = scalar.line;
    empty.column = scalar.column;
    return empty;
  }
  if (docs.size() > 1) {
    // ACK reads one document; the others would be dropped without a word.
    Node where;
    where.line = docs[1].line;
    where.column = docs[1].column;
    Shift(&where, src, scalar);
    throw InputError(Location{src.path, where.line, where.column},
                     "configurationOverrides holds more than one YAML document: ACK reads only the first");
  }
  Node root = std::move(docs[0]);
  Shift(&root, src, scalar);
  Normalize(&root, Shape::kOverrides, src.path);
  return root;
}


}  // namespace

bool IsAckJobRun(const Node& doc) {
  const Node* kind = doc.Find("kind");
  const Node* api = doc.Find("apiVersion");
  return (kind && kind->value == "JobRun") ||
         (api && api->value.rfind("emrcontainers.services.k8s.aws/", 0) == 0);
}

Node AckToRequest(const Node& doc, const SourceFile& source) {
  Node req;
  req.kind = Node::Kind::kMap;
  req.line = doc.line;
  req.column = doc.column;
  const Node* spec = doc.Find("spec");
  if (!spec || !spec->IsMap()) return req;
  // ACK spells some members differently from the API (ID, ARN).
  static const std::pair<const char*, const char*> kRenames[] = {
      {"name", "name"},
      {"virtualClusterID", "virtualClusterId"},
      {"executionRoleARN", "executionRoleArn"},
      {"releaseLabel", "releaseLabel"},
      {"jobDriver", "jobDriver"},
      {"tags", "tags"},
  };
  for (const auto& [k, v] : spec->members) {
    if (k.value == "configurationOverrides") {
      if (v.IsScalar()) {
        // Kept even when empty, so findings about missing settings can point here.
        req.members.emplace_back(Node::ScalarAt("configurationOverrides", k), ParseOverridesString(v, source));
      }
      continue;
    }
    if (k.value == "virtualClusterRef" || k.value == "executionRoleRef") {
      // The controller resolves the reference in the cluster; offline, the
      // request gets a stand-in at the reference's place (unless the spec
      // also names the value itself), and the Job records what it names.
      const char* field = k.value == "virtualClusterRef" ? "virtualClusterID" : "executionRoleARN";
      if (spec->Find(field)) continue;
      Node stand_in = Node::ScalarAt(k.value == "virtualClusterRef" ? kStandInVirtualClusterId : kStandInRoleArn, k);
      stand_in.plain = false;
      Node key = Node::ScalarAt(k.value == "virtualClusterRef" ? "virtualClusterId" : "executionRoleArn", k);
      req.members.emplace_back(std::move(key), std::move(stand_in));
      continue;
    }
    const char* name = nullptr;
    for (const auto& [from, to] : kRenames) {
      if (k.value == from) name = to;
    }
    if (!name) continue;  // the ACK schema has already judged the spec's own keys
    Node value = v;
    if (k.value == "jobDriver" && value.IsMap()) {
      // `entryPointArguments:` with nothing after it is null in ACK: no arguments.
      for (auto& [dk, dv] : value.members) {
        auto& members = dv.members;
        for (size_t i = 0; i < members.size(); ++i) {
          if (members[i].second.IsNull()) {
            members.erase(members.begin() + static_cast<long>(i));
            --i;
          }
        }
      }
    }
    Node key = k;
    key.value = name;
    req.members.emplace_back(std::move(key), std::move(value));
  }
  return req;
}

}  // namespace sparkmc
