#include "compiler/check/schema.h"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <charconv>
#include <algorithm>
#include <memory>
#include <mutex>
#include <system_error>
#include <atomic>
#include <map>
#include <set>

#include "compiler/data/embedded.h"
#include "compiler/base/spell.h"
#include "compiler/check/schema_messages.h"
#include "compiler/base/text.h"

namespace sparkmc {

namespace {

using schema_messages::FieldName;
using schema_messages::Printable;
using schema_messages::UnknownFieldName;

const char* SchemaPath(SchemaId id) {
  switch (id) {
    case SchemaId::kStartJobRun: return "schemas/start-job-run.schema.json";
    case SchemaId::kAckJobRun: return "schemas/ack-jobrun.schema.json";
    case SchemaId::kPod: return "schemas/k8s/pod-v1.json";
    case SchemaId::kConfigMap: return "schemas/k8s/configmap-v1.json";
    case SchemaId::kSarif: return "schemas/sarif-2.1.0.json";
    case SchemaId::kJob: return "schemas/k8s/job-batch-v1.json";
    case SchemaId::kRole: return "schemas/k8s/role-rbac-v1.json";
    case SchemaId::kRoleBinding: return "schemas/k8s/rolebinding-rbac-v1.json";
    case SchemaId::kServiceAccount: return "schemas/k8s/serviceaccount-v1.json";
    case SchemaId::kSparkApplication: return "schemas/spark-operator/sparkapplication-v1beta2.json";
    case SchemaId::kPodTemplate: return "schemas/k8s/pod-v1.json";
  }
  return "";
}

struct LoadedSchema {
  nlohmann::json doc;
  valijson::Schema schema;
  std::map<std::string, size_t> long_fields;  ///< See CollectLongFields (job schemas only).
  /// Every name under "properties", for suggestions: collected on the first
  /// violation (most runs have none, and the Pod schema is large).
  const std::vector<std::string>& PropertyNames() const;

 private:
  mutable std::once_flag names_once;
  mutable std::vector<std::string> property_names;
};

void CollectNames(const nlohmann::json& j, std::set<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "properties" && it->is_object()) {
        for (auto p = it->begin(); p != it->end(); ++p) out->insert(p.key());
      }
      CollectNames(*it, out);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) CollectNames(e, out);
  }
}

void CollectLongFields(const nlohmann::json& doc, const nlohmann::json& j, std::map<std::string, size_t>* out);

const std::vector<std::string>& LoadedSchema::PropertyNames() const {
  std::call_once(names_once, [this] {
    std::set<std::string> names;
    CollectNames(doc, &names);
    property_names.assign(names.begin(), names.end());
  });
  return property_names;
}

/// The slice of a schema that cmake/slice_schema.cc writes at build time for
/// the objects sparkmc emits (null if none): what it accepts, the full
/// schema accepts, and it is an eighth of the Pod schema's size.
const char* SlicePath(SchemaId id) { return id == SchemaId::kPod ? "schemas-sliced/k8s/pod-v1.json" : nullptr; }

/// The schema without its annotations (CMakeLists.txt), which is what is
/// validated against: the same constraints in a sixth of the text.
std::string CompactPath(SchemaId id) { return "schemas-compact/" + std::string(SchemaPath(id)).substr(sizeof("schemas/") - 1); }

std::atomic<size_t> slice_refusals{0};

std::unique_ptr<LoadedSchema> Build(SchemaId id, bool sliced) {
  auto slot = std::make_unique<LoadedSchema>();
  slot->doc = nlohmann::json::parse(EmbeddedData(sliced ? std::string(SlicePath(id)) : CompactPath(id)));
  if (id == SchemaId::kPodTemplate) {
    // A pod template is not a Pod: Spark (and EMR on EKS) merge it into the
    // pod they build, which brings its own Spark container. A template may
    // set only pod-level fields (nodeSelector, tolerations, restartPolicy)
    // and no containers at all, so spec.containers is not required here.
    // Emitted Pods keep the strict schema (kPod).
    nlohmann::json& spec = slot->doc["definitions"]["io.k8s.api.core.v1.PodSpec"];
    if (spec.contains("required") && spec["required"].is_array()) {
      nlohmann::json& required = spec["required"];
      required.erase(std::remove(required.begin(), required.end(), nlohmann::json("containers")), required.end());
      if (required.empty()) spec.erase("required");
    }
  }
  std::string draft = slot->doc.value("$schema", "");
  // Ours are draft-07; the Kubernetes, CRD and SARIF schemas are draft-04
  // (the Kubernetes ones say only "http://json-schema.org/schema#").
  valijson::SchemaParser parser(draft.find("draft-07") != std::string::npos ? valijson::SchemaParser::kDraft7
                                                                            : valijson::SchemaParser::kDraft4);
  valijson::adapters::NlohmannJsonAdapter adapter(slot->doc);
  parser.populateSchema(adapter, slot->schema);
  // Only the job schemas' long strings are cut (see Run).
  if (id == SchemaId::kStartJobRun || id == SchemaId::kAckJobRun) CollectLongFields(slot->doc, slot->doc, &slot->long_fields);
  return slot;
}

/// Each schema (and slice) is built once per process, on first use; one
/// being built does not hold up another (see SchemaPreload).
const LoadedSchema& Load(SchemaId id, bool sliced = false) {
  constexpr int kSchemas = static_cast<int>(SchemaId::kPodTemplate) + 1;
  struct Slot {
    std::once_flag once;
    std::unique_ptr<LoadedSchema> schema;
  };
  static Slot slots[2 * kSchemas];
  Slot& slot = slots[static_cast<int>(id) + (sliced ? kSchemas : 0)];
  std::call_once(slot.once, [&] { slot.schema = Build(id, sliced); });
  return *slot.schema;
}


/// Turns valijson's context ("<root>", "[jobDriver]", "[0]") into path segments.
std::vector<std::string> Segments(const std::vector<std::string>& context) {
  std::vector<std::string> out;
  for (const std::string& c : context) {
    if (c == "<root>") continue;
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']') out.push_back(c.substr(1, c.size() - 2));
    else out.push_back(c);
  }
  return out;
}

std::string Pointer(const std::vector<std::string>& segs) {
  std::string p;
  for (std::string s : segs) {
    std::string esc;
    for (char c : s) {
      if (c == '~') esc += "~0";
      else if (c == '/') esc += "~1";
      else esc += c;
    }
    p += "/" + esc;
  }
  return p;
}

const Node* Resolve(const Node& doc, const std::vector<std::string>& segs) {
  const Node* cur = &doc;
  for (const std::string& s : segs) {
    if (cur->IsMap()) {
      cur = cur->Find(s);
    } else if (cur->IsSequence()) {
      size_t idx = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), idx);
      if (ec != std::errc() || end != s.data() + s.size()) return nullptr;
      if (idx >= cur->items.size()) return nullptr;
      cur = &cur->items[idx];
    } else {
      return nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

/// Strings longer than this never reach valijson's `pattern` checks unless
/// their field's pattern is safe for them: libstdc++'s regex recurses once per
/// character and overflows the stack on long input.
constexpr size_t kLongString = 4096;
constexpr size_t kLongKey = 1024;

/// Replaces strings over kLongString by "" (so patterns never see them),
/// except where \a long_ok allows them (their field has no pattern that
/// recurses, and they are within the field's maxLength), and records every
/// string over its field's limit in \a out with its path.
void CutLongStrings(nlohmann::json* v, const std::map<std::string, size_t>& long_ok, std::vector<std::string>* path,
                    std::vector<std::pair<std::vector<std::string>, size_t>>* out) {
  if (v->is_string()) {
    size_t n = v->get_ref<const std::string&>().size();
    if (n <= kLongString) return;
    // The field's name: the member itself, or the list or map holding it.
    size_t limit = 0;
    for (size_t back = 1; back <= 2 && back <= path->size() && limit == 0; ++back) {
      auto it = long_ok.find((*path)[path->size() - back]);
      if (it != long_ok.end()) limit = it->second;
    }
    if (limit == 0 || n > limit) {
      out->emplace_back(*path, n);
      *v = std::string();
    }
  } else if (v->is_object()) {
    // No member name of the API is over 1,024 characters (property names:
    // String1024); longer ones are reported here and kept from the patterns.
    std::vector<std::string> too_long;
    for (auto it = v->begin(); it != v->end(); ++it) {
      path->push_back(it.key());
      if (it.key().size() > kLongKey) {
        out->emplace_back(*path, it.key().size());
        too_long.push_back(it.key());
      } else {
        CutLongStrings(&it.value(), long_ok, path, out);
      }
      path->pop_back();
    }
    for (const std::string& k : too_long) v->erase(k);
  } else if (v->is_array()) {
    for (size_t i = 0; i < v->size(); ++i) {
      path->push_back(std::to_string(i));
      CutLongStrings(&(*v)[i], long_ok, path, out);
      path->pop_back();
    }
  }
}

/// The maxLength of the string schema \a j (through a local $ref), or 0.
size_t MaxLengthOf(const nlohmann::json& doc, const nlohmann::json& j, bool* safe) {
  if (!j.is_object()) return 0;
  const nlohmann::json* t = &j;
  if (t->contains("$ref") && (*t)["$ref"].is_string()) {
    std::string ref = (*t)["$ref"].get<std::string>();
    if (ref.rfind("#/definitions/", 0) == 0 && doc.contains("definitions") && doc["definitions"].contains(ref.substr(14))) {
      t = &doc["definitions"][ref.substr(14)];
    }
  }
  if (!t->is_object() || !t->contains("type") || (*t)["type"] != "string") return 0;
  if (t->contains("pattern") && !(*t)["pattern"].is_string()) return 0;
  std::string pattern = t->value("pattern", "");
  *safe = pattern.empty() || pattern == "\\S";  // a search for one character does not recurse
  return t->contains("maxLength") && (*t)["maxLength"].is_number_unsigned() ? (*t)["maxLength"].get<size_t>()
                                                                            : std::string::npos;
}

/// Fields whose strings may be longer than kLongString, by member name (or
/// the name of the list or map holding them), with their maxLength.
void CollectLongFields(const nlohmann::json& doc, const nlohmann::json& j, std::map<std::string, size_t>* out) {
  if (j.is_object()) {
    auto consider = [&](const std::string& name, const nlohmann::json& schema) {
      bool safe = false;
      size_t max = MaxLengthOf(doc, schema, &safe);
      if (safe && max > kLongString) (*out)[name] = max;
    };
    if (j.contains("properties") && j["properties"].is_object()) {
      for (auto p = j["properties"].begin(); p != j["properties"].end(); ++p) {
        consider(p.key(), p.value());
        if (p.value().contains("items")) consider(p.key(), p.value()["items"]);
      }
    }
    for (const auto& v : j) CollectLongFields(doc, v, out);
  } else if (j.is_array()) {
    for (const auto& v : j) CollectLongFields(doc, v, out);
  }
}

template <typename Fn>
std::vector<SchemaViolation> Run(const nlohmann::json& input, nlohmann::json* own, SchemaId id, Fn locate) {
  const LoadedSchema& schema = Load(id);
  // One validator per thread and schema: it caches compiled patterns.
  thread_local std::map<SchemaId, std::unique_ptr<valijson::Validator>> validators;
  auto& validator = validators[id];
  if (!validator) validator = std::make_unique<valijson::Validator>(valijson::Validator::kStrongTypes);
  // Validated in place: only a job document is changed (its long strings
  // cut), on the caller's own copy when it has one.
  nlohmann::json copy;
  const nlohmann::json* target = &input;
  std::vector<std::pair<std::vector<std::string>, size_t>> long_strings;
  std::vector<std::string> path;
  // Only the job schemas carry repeating patterns (the Kubernetes and SARIF
  // schemas have none that matter here), and only job files are hostile.
  if (id == SchemaId::kStartJobRun || id == SchemaId::kAckJobRun) {
    if (!own) {
      copy = input;
      own = &copy;
    }
    CutLongStrings(own, schema.long_fields, &path, &long_strings);
    target = own;
  }
  const nlohmann::json& value = *target;
  valijson::adapters::NlohmannJsonAdapter adapter(value);
  valijson::ValidationResults results;
  try {
    validator->validate(schema.schema, adapter, &results);
  } catch (const std::exception& e) {
    // valijson throws when a `format` meets a non-string; report, don't crash.
    results.pushError({"<root>"}, std::string("document cannot be validated: ") + e.what());
  }
  std::vector<SchemaViolation> out;
  for (const auto& [segs, n] : long_strings) {
    size_t limit = 0;
    for (size_t back = 1; back <= 2 && back <= segs.size() && limit == 0; ++back) {
      auto it = schema.long_fields.find(segs[segs.size() - back]);
      if (it != schema.long_fields.end()) limit = it->second;
    }
    if (limit == std::string::npos) limit = 0;
    SchemaViolation sv;
    sv.pointer = Pointer(segs);
    const Node* node = nullptr;
    sv.loc = locate(segs, std::string(), &node);
    bool key = !segs.empty() && segs.back().size() > kLongKey;
    sv.message = key ? fmt::format("a field name of {} characters: names are at most {}", n, kLongKey)
               : limit ? fmt::format("'{}' is {} characters, over its limit of {}", FieldName(segs), n, limit)
                       : fmt::format("'{}' is {} characters, longer than any field of a job allows", FieldName(segs), n);
    out.push_back(sv);
  }
  std::vector<std::pair<std::vector<std::string>, std::string>> errors;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) errors.emplace_back(Segments(e.context), e.description);
  // Keep only the deepest errors: a parent's "failed to validate property x"
  // adds nothing to the child's own error.
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < errors.size(); ++i) {
    const auto& [segs, raw] = errors[i];
    if (raw.rfind("Failed to validate against schema associated with property", 0) == 0 ||
        raw.rfind("Failed to validate item #", 0) == 0 ||
        raw.rfind("Failed to validate against child schema", 0) == 0) {
      continue;
    }
    bool has_deeper = false;
    for (size_t j = 0; j < errors.size(); ++j) {
      if (j != i && errors[j].first.size() > segs.size() &&
          std::equal(segs.begin(), segs.end(), errors[j].first.begin()) &&
          errors[j].second.rfind("Failed to validate", 0) != 0) {
        has_deeper = true;
      }
    }
    if (has_deeper && raw.find("anyOf") != std::string::npos) continue;
    const nlohmann::json* v = &value;
    for (const std::string& s : segs) {
      if (v->is_object() && v->contains(s)) v = &(*v)[s];
      else if (v->is_array()) {
        size_t idx = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), idx);
        if (ec != std::errc() || end != s.data() + s.size()) break;
        if (idx < v->size()) v = &(*v)[idx];
      }
    }
    if (raw.find("additional properties schema") != std::string::npos && v->is_object()) {
      // A map of strings (properties, tags) with a member of another type:
      // valijson names only the map; name the member.
      bool named = false;
      for (auto it = v->begin(); it != v->end(); ++it) {
        if (it->is_string()) continue;
        std::vector<std::string> member = segs;
        member.push_back(it.key());
        SchemaViolation sv;
        sv.pointer = Pointer(member);
        const Node* node = nullptr;
        sv.loc = locate(member, std::string(), &node);
        std::string type = node ? node->TypeName() : std::string(it->type_name());
        sv.message = fmt::format("'{}' has the wrong type ({}): values in '{}' are strings; quote it",
                                 Printable(it.key()), type, FieldName(segs));
        if (seen.insert({sv.pointer, sv.message}).second) out.push_back(sv);
        named = true;
      }
      if (named) continue;
    }
    SchemaViolation sv;
    sv.pointer = Pointer(segs);
    const Node* node = nullptr;
    sv.loc = locate(segs, raw, &node);
    sv.message = schema_messages::Describe(raw, segs, node, schema.doc, schema.PropertyNames(), *v);
    if (seen.insert({sv.pointer, sv.message}).second) out.push_back(sv);
  }
  return out;
}

/// Whether the slice of schema \a id accepts \a doc (no messages: valijson
/// stops at the first error).
bool SliceAccepts(const nlohmann::json& doc, SchemaId id) {
  const LoadedSchema& slice = Load(id, /*sliced=*/true);
  thread_local std::map<SchemaId, std::unique_ptr<valijson::Validator>> validators;
  auto& validator = validators[id];
  if (!validator) validator = std::make_unique<valijson::Validator>(valijson::Validator::kStrongTypes);
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  try {
    return validator->validate(slice.schema, adapter, nullptr);
  } catch (const std::exception&) {
    return false;  // the full schema says what is wrong
  }
}

}  // namespace

std::vector<SchemaViolation> Validate(const Node& doc, SchemaId id, const SourceFile& source) {
  nlohmann::json value = ToJson(doc);
  return Run(value, &value, id, [&](const std::vector<std::string>& segs, const std::string& raw, const Node** out) {
    const Node* n = Resolve(doc, segs);
    *out = n;
    std::string name;
    if (n && n->IsMap() && UnknownFieldName(raw, &name)) {
      if (const Node* k = n->FindKey(name)) n = k;
    }
    if (!n) n = &doc;
    return Location{n->source ? n->source->path : source.path, n->line, n->column};
  });
}

std::vector<SchemaViolation> ValidateJson(const nlohmann::json& doc, SchemaId id) {
  // The slice is a fast first check: it accepts only what the full schema
  // accepts, so a pass is the full schema's verdict too; a refusal (a field
  // the slice left out, or a real violation) is judged by the full schema.
  if (SlicePath(id)) {
    if (SliceAccepts(doc, id)) return {};
    ++slice_refusals;
  }
  return Run(doc, nullptr, id, [](const std::vector<std::string>&, const std::string&, const Node** out) {
    *out = nullptr;
    return Location{};
  });
}

bool SchemaForKind(const std::string& kind, SchemaId* id) {
  static const std::pair<const char*, SchemaId> kKinds[] = {
      {"ConfigMap", SchemaId::kConfigMap},           {"Pod", SchemaId::kPod},
      {"Job", SchemaId::kJob},                       {"Role", SchemaId::kRole},
      {"RoleBinding", SchemaId::kRoleBinding},       {"ServiceAccount", SchemaId::kServiceAccount},
      {"SparkApplication", SchemaId::kSparkApplication},
  };
  for (const auto& [name, schema] : kKinds) {
    if (kind == name) {
      *id = schema;
      return true;
    }
  }
  return false;
}

std::string_view SchemaText(SchemaId id) { return EmbeddedData(SchemaPath(id)); }

size_t SchemaSliceRefusals() { return slice_refusals.load(); }

SchemaPreload::SchemaPreload(std::vector<SchemaId> ids) {
  try {
    thread_ = std::thread([ids] {
      // The embedded schemas parse; should one not, its first real use
      // reports it in the caller's thread.
      try {
        for (SchemaId id : ids) Load(id, SlicePath(id) != nullptr);
      } catch (const std::exception&) {
      }
    });
  } catch (const std::system_error&) {
    // No thread to be had: the schemas are built on first use instead.
  }
}

SchemaPreload::~SchemaPreload() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace sparkmc
