// Build-time helper: writes a slice of a JSON Schema, the fast first check
// for objects sparkmc emits (see ValidateJson in compiler/check/schema.h).
//
// Parsing the 240 KB Kubernetes Pod schema and building valijson's schema
// from it was over half of a `sparkmc compile`, yet an emitted pod template
// uses a few dozen of its ~1,000 properties. The slice keeps only:
//   - properties whose names occur as keys in the given template files, plus
//     every required one; where it drops a property from an object that
//     admits unknown members, it closes that object (additionalProperties:
//     false), so a dropped member is refused rather than let through;
//   - the definitions still reachable;
//   - no annotations (description, x-kubernetes-*), which valijson ignores.
// So whatever the slice accepts, the full schema accepts: every constraint
// that remains is the full schema's own, and only allOf/anyOf/items/
// properties (where a stricter part cannot make the whole more permissive)
// are sliced through. Subschemas under oneOf, not, dependencies and if/then/
// else are copied whole; a $ref inside one is refused, since the definition
// it names might be sliced. When the slice refuses, sparkmc asks the full
// schema, so the verdict is always the full schema's.
//
// Usage: slice_schema IN.json OUT.json [TEMPLATE...]
// With no templates, every property is kept and only annotations go: the
// same constraints, which is what sparkmc validates against.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

/// Every `name:` key of a YAML template (block style, as the EMR pod
/// templates are written): an over-approximation is harmless, it only keeps
/// more of the schema.
void HarvestKeys(const std::string& text, std::set<std::string>* out) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t i = line.find_first_not_of(' ');
    while (i != std::string::npos && line.compare(i, 2, "- ") == 0) i = line.find_first_not_of(' ', i + 2);
    if (i == std::string::npos) continue;
    size_t colon = line.find(':', i);
    if (colon == std::string::npos || colon == i) continue;
    std::string key = line.substr(i, colon - i);
    if (key.find_first_of(" {}\"'#") == std::string::npos) out->insert(key);
  }
}

bool IsAnnotation(const std::string& keyword) {
  return keyword == "description" || keyword.rfind("x-kubernetes-", 0) == 0;
}

void RefuseRefs(const json& j) {
  if (j.is_object()) {
    if (j.contains("$ref")) throw std::runtime_error("a $ref under oneOf/not/dependencies/if: not sliced, extend the slicer");
    for (const auto& v : j) RefuseRefs(v);
  } else if (j.is_array()) {
    for (const auto& v : j) RefuseRefs(v);
  }
}

class Slicer {
 public:
  Slicer(const json& root, const std::set<std::string>* keep) : root_(root), keep_(keep) {}

  json Run() {
    json out = Slice(root_);
    json defs = json::object();
    // Definitions reachable from what is kept, each sliced once; a $ref under
    // a keyword copied as it is (propertyNames, say) counts too.
    FindRefs(out);
    for (size_t i = 0; i < pending_.size(); ++i) {
      const std::string name = pending_[i];
      defs[name] = Slice(root_.at("definitions").at(name));
      FindRefs(defs[name]);
    }
    if (!defs.empty()) out["definitions"] = defs;
    return out;
  }

 private:
  void Ref(const std::string& ref) {
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("only local #/definitions/ refs are sliced: " + ref);
    std::string name = ref.substr(prefix.size());
    if (!root_.contains("definitions") || !root_["definitions"].contains(name)) throw std::runtime_error("dangling $ref " + ref);
    if (seen_.insert(name).second) pending_.push_back(name);
  }

  void FindRefs(const json& j) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "$ref" && it->is_string()) Ref(it->get<std::string>());
        else FindRefs(*it);
      }
    } else if (j.is_array()) {
      for (const auto& v : j) FindRefs(v);
    }
  }

  json Slice(const json& schema) {
    if (!schema.is_object()) return schema;
    json out = json::object();
    bool dropped = false;
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      const std::string& k = it.key();
      const json& v = it.value();
      if (IsAnnotation(k) || k == "definitions") continue;
      if (k == "$ref") {
        out[k] = v;  // the definition is found by FindRefs
      } else if (k == "properties") {
        out[k] = Properties(schema, &dropped);
      } else if (k == "items" || k == "additionalProperties") {
        if (v.is_array()) {
          json items = json::array();
          for (const auto& s : v) items.push_back(Slice(s));
          out[k] = items;
        } else {
          out[k] = Slice(v);
        }
      } else if (k == "allOf" || k == "anyOf") {
        json parts = json::array();
        for (const auto& s : v) parts.push_back(Slice(s));
        out[k] = parts;
      } else if (k == "oneOf" || k == "not" || k == "if" || k == "then" || k == "else" || k == "dependencies" ||
                 k == "patternProperties") {
        if (keep_) {
          RefuseRefs(v);  // not sliced through: copied whole
          out[k] = v;
        } else {
          out[k] = StripEach(k, v);
        }
      } else {
        out[k] = v;
      }
    }
    if (dropped) out["additionalProperties"] = false;
    return out;
  }

  /// Annotations stripped below \a k, where nothing is dropped.
  json StripEach(const std::string& k, const json& v) {
    if (k == "oneOf") {
      json parts = json::array();
      for (const auto& s : v) parts.push_back(Slice(s));
      return parts;
    }
    if (k == "dependencies" || k == "patternProperties") {  // names to schemas (or, for dependencies, to names)
      json out = json::object();
      for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = it->is_object() ? Slice(*it) : *it;
      return out;
    }
    return Slice(v);
  }

  json Properties(const json& schema, bool* dropped) {
    const json& props = schema["properties"];
    // Dropping is sound only where unknown members are otherwise free: an
    // additionalProperties schema or patternProperties would then judge
    // the dropped member instead of its own schema.
    bool may_drop = keep_ && !schema.contains("patternProperties") &&
                    (!schema.contains("additionalProperties") || schema["additionalProperties"] == json(true));
    std::set<std::string> required;
    if (schema.contains("required")) {
      for (const auto& r : schema["required"]) required.insert(r.get<std::string>());
    }
    json out = json::object();
    for (auto it = props.begin(); it != props.end(); ++it) {
      if (may_drop && !keep_->count(it.key()) && !required.count(it.key())) {
        *dropped = true;
        continue;
      }
      out[it.key()] = Slice(it.value());
    }
    return out;
  }

  const json& root_;
  const std::set<std::string>* keep_;
  std::set<std::string> seen_;
  std::vector<std::string> pending_;
};

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s IN.json OUT.json [TEMPLATE...]\n", argv[0]);
    return 2;
  }
  try {
    json schema = json::parse(ReadFile(argv[1]));
    std::set<std::string> keep;
    for (int i = 3; i < argc; ++i) HarvestKeys(ReadFile(argv[i]), &keep);
    json sliced = Slicer(schema, argc > 3 ? &keep : nullptr).Run();
    std::ofstream out(argv[2], std::ios::binary);
    out << sliced.dump() << "\n";
    return out ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[1], e.what());
    return 2;
  }
}
