#include "compiler/check/rule_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "compiler/base/error.h"
#include "compiler/base/quantity.h"
#include "compiler/base/spell.h"
#include "compiler/data/embedded.h"
#include "compiler/load/json_view.h"

namespace sparkmc {

namespace {

/// How a parameter of \a field's type is described to a rule's author ("a list of strings").
std::string ParamTypeName(const ParamField& field) {
  switch (field.type) {
    case ParamType::kString: return "a string";
    case ParamType::kStrings: return "a list of strings";
    case ParamType::kMap: return "a mapping of strings";
    case ParamType::kData: return "the path of one of sparkmc's data files (e.g. compiler/data/emr/driver-pod-allowlist.txt)";
    case ParamType::kPair: return "a mapping with key and value";
    case ParamType::kPairs: return "a list of {key, value} mappings";
    case ParamType::kQuantity: return "a Kubernetes memory quantity (e.g. 256Gi)";
    case ParamType::kNumber: return fmt::format("a number from {} to {}", field.min, field.max);
  }
  return "";
}

/// The short form the docs use.
const char* DocTypeName(ParamType type) {
  switch (type) {
    case ParamType::kString: return "string";
    case ParamType::kStrings: return "list of strings";
    case ParamType::kMap: return "mapping of strings";
    case ParamType::kData: return "data file";
    case ParamType::kPair: return "{key, value}";
    case ParamType::kPairs: return "list of {key, value, defaultSince}";
    case ParamType::kQuantity: return "quantity";
    case ParamType::kNumber: return "number";
  }
  return "";
}

// A string as a JSON reader sees it: a quoted scalar, or a plain one YAML's
// core schema does not read as a number, boolean or null.
bool IsString(const Node& n) { return n.IsScalar() && ToJson(n).is_string(); }

bool ReadPair(const Node& n, KeyValue* out) {
  if (!n.IsMap() || !n.Find("key") || !n.Find("value")) return false;
  for (const auto& [k, v] : n.members) {
    if (!IsString(v)) return false;
    if (k.value == "key") out->key = v.value;
    else if (k.value == "value") out->value = v.value;
    else if (k.value == "defaultSince") out->default_since = v.value;
    else return false;
  }
  return true;
}

/// Reads \a n as \a field's type into \a out; false when it is not one.
bool Read(const ParamField& field, const Node& n, ParamValue* out) {
  switch (field.type) {
    case ParamType::kNumber: {
      // As written in the rule ("25" or 25): the whole text, a finite number in range.
      if (!n.IsScalar() || (!IsString(n) && !ToJson(n).is_number())) return false;
      const std::string& t = n.value;
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out->number);
      return !t.empty() && ec == std::errc() && end == t.data() + t.size() && out->number >= field.min &&
             out->number <= field.max;
    }
    case ParamType::kString:
      out->text = n.value;
      return IsString(n);
    case ParamType::kData:
      out->text = n.value;
      return IsString(n) && HasEmbeddedData(n.value);
    case ParamType::kQuantity:
      out->text = n.value;
      out->mib = QuantityMiB(n.value);
      return IsString(n) && out->mib >= 0;
    case ParamType::kStrings:
      if (!n.IsSequence()) return false;
      for (const Node& item : n.items) {
        if (!IsString(item)) return false;
        out->strings.push_back(item.value);
      }
      return true;
    case ParamType::kMap:
      if (!n.IsMap()) return false;
      for (const auto& [k, v] : n.members) {
        if (!IsString(v)) return false;
        out->map[k.value] = v.value;
      }
      return true;
    case ParamType::kPair:
      out->pairs.emplace_back();
      return ReadPair(n, &out->pairs.back());
    case ParamType::kPairs:
      if (!n.IsSequence()) return false;
      for (const Node& item : n.items) {
        out->pairs.emplace_back();
        if (!ReadPair(item, &out->pairs.back())) return false;
      }
      return true;
  }
  return false;
}

}  // namespace

void ParseParams(const char* kind, const std::vector<ParamField>& fields, const Node* params, const Location& at,
                 void* out) {
  auto loc = [&](const Node& n) { return n.line ? Location{at.file, n.line, n.column} : at; };
  std::vector<std::string> names;
  for (const ParamField& f : fields) names.push_back(f.name);
  if (params) {
    if (!params->IsMap()) throw InputError(loc(*params), "params must be a mapping");
    // By name, so which of two bad parameters is reported does not depend on their order.
    std::vector<const std::pair<Node, Node>*> members;
    for (const auto& m : params->members) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->first.value < b->first.value; });
    for (const auto* m : members) {
      // Not a structured binding: C++17 lambdas cannot capture one (clang refuses).
      const Node& key = m->first;
      const Node& value = m->second;
      auto f = std::find_if(fields.begin(), fields.end(), [&](const ParamField& f) { return key.value == f.name; });
      if (f == fields.end()) {
        throw InputError(loc(key), fmt::format("kind '{}' takes no parameter '{}'{}", kind, key.value, DidYouMean(key.value, names)));
      }
      ParamValue v;
      if (!Read(*f, value, &v)) {
        throw InputError(loc(value), fmt::format("parameter '{}' of kind '{}' must be {}", key.value, kind, ParamTypeName(*f)));
      }
      f->store(out, std::move(v));
    }
  }
  for (const ParamField& f : fields) {
    if (f.required && !(params && params->Find(f.name))) {
      throw InputError(params && params->line ? loc(*params) : at, fmt::format("kind '{}' needs the parameter '{}'", kind, f.name));
    }
  }
}

std::string ParamDocs(const std::vector<ParamField>& fields) {
  std::string out;
  for (const ParamField& f : fields) {
    std::string type = DocTypeName(f.type);
    if (f.type == ParamType::kNumber) type += fmt::format(", {} to {}", f.min, f.max);
    out += fmt::format("- `{}` ({}{}): {}\n", f.name, type, f.required ? ", required" : "", f.description);
  }
  return out;
}

}  // namespace sparkmc
