#include "compiler/check/schema_messages.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "compiler/base/spell.h"

namespace sparkmc::schema_messages {

/// \a s with control characters escaped, so a message stays on one line.
std::string Printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

/// How to name the field at \a segs: "name", or "entryPointArguments[1]".
std::string FieldName(const std::vector<std::string>& segs) {
  if (segs.empty()) return "document";
  const std::string& last = segs.back();
  bool index = !last.empty() && std::all_of(last.begin(), last.end(), ::isdigit);
  if (index && segs.size() >= 2) return Printable(segs[segs.size() - 2]) + "[" + last + "]";
  return Printable(last);
}

/// The enum of property \a field wherever the schema declares it (through a
/// local $ref), as "A, B"; "" when there is none or several disagree.
std::string AllowedValues(const nlohmann::json& doc, const std::string& field) {
  std::set<std::string> lists;
  std::vector<const nlohmann::json*> stack{&doc};
  while (!stack.empty()) {
    const nlohmann::json* j = stack.back();
    stack.pop_back();
    if (j->is_object()) {
      auto props = j->find("properties");
      if (props != j->end() && props->is_object() && props->contains(field)) {
        const nlohmann::json* target = &(*props)[field];
        if (target->contains("$ref") && (*target)["$ref"].is_string()) {
          std::string ref = (*target)["$ref"].get<std::string>();
          if (ref.rfind("#/definitions/", 0) == 0 && doc.contains("definitions") &&
              doc["definitions"].contains(ref.substr(14))) {
            target = &doc["definitions"][ref.substr(14)];
          }
        }
        if (target->contains("enum") && (*target)["enum"].is_array()) {
          std::string list;
          for (const auto& v : (*target)["enum"]) list += (list.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
          lists.insert(list);
        }
      }
      for (const auto& v : *j) stack.push_back(&v);
    } else if (j->is_array()) {
      for (const auto& v : *j) stack.push_back(&v);
    }
  }
  return lists.size() == 1 ? *lists.begin() : "";
}

/// valijson prints limits as doubles ("50.000000"); people write 50.
std::string TidyNumbers(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] >= '0' && s[i] <= '9' && i + 1 < s.size() && s[i + 1] == '.') {
      size_t j = i + 2;
      while (j < s.size() && s[j] == '0') ++j;
      bool word_end = j == s.size() || !std::isalnum(static_cast<unsigned char>(s[j]));
      if (j > i + 2 && word_end) i = j - 1;  // drop ".000000"
    }
  }
  return out;
}

/// The quoted name in valijson's "... constraints: 'NAME'." (an unknown
/// field), found by hand: the name is the user's and may be any length.
bool UnknownFieldName(const std::string& raw, std::string* name) {
  static const std::string marker = "constraints: '";
  size_t at = raw.find(marker);
  if (at == std::string::npos || raw.size() < at + marker.size() + 2 || raw.compare(raw.size() - 2, 2, "'.") != 0) {
    return false;
  }
  *name = raw.substr(at + marker.size(), raw.size() - 2 - at - marker.size());
  return true;
}

/// The name in "Missing required property 'NAME'.".
bool MissingFieldName(const std::string& raw, std::string* name) {
  static const std::string marker = "Missing required property '";
  if (raw.rfind(marker, 0) != 0 || raw.size() < marker.size() + 2 || raw.compare(raw.size() - 2, 2, "'.") != 0) return false;
  *name = raw.substr(marker.size(), raw.size() - 2 - marker.size());
  return true;
}

std::string Describe(const std::string& raw, const std::vector<std::string>& segs, const Node* node,
                     const nlohmann::json& schema_doc, const std::vector<std::string>& property_names,
                     const nlohmann::json& value) {
  std::string field = FieldName(segs);
  if (field == "jobDriver" && raw.find("properties.") != std::string::npos &&
      (raw.find("no more than") != std::string::npos || raw.find("no fewer than") != std::string::npos)) {
    return "jobDriver takes exactly one of sparkSubmitJobDriver and sparkSqlJobDriver";
  }
  std::string name;
  if (raw.find("could not be validated using 'properties' or 'additionalProperties'") != std::string::npos &&
      UnknownFieldName(raw, &name)) {
    std::string shown = name.size() > 80 ? name.substr(0, 77) + "..." : name;
    return fmt::format("unknown field '{}'{}", Printable(shown), DidYouMean(name, property_names));
  }
  if (MissingFieldName(raw, &name)) return fmt::format("missing required field '{}'", name);
  std::string shown;
  if (value.is_string()) shown = value.get<std::string>();
  else if (node && node->IsScalar()) shown = node->value;  // as written: 1e999, not its double
  else if (!value.is_object() && !value.is_array()) shown = value.dump();
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  shown = Printable(shown);
  if (raw.find("'type' constraint") != std::string::npos) {
    std::string found = node ? node->TypeName() : std::string(value.type_name());
    return fmt::format("'{}' has the wrong type ({})", field, found);
  }
  if (raw.find("additional properties schema") != std::string::npos) {
    return fmt::format("invalid member of '{}'", field);
  }
  if (raw.find("'pattern' constraint") != std::string::npos) {
    return fmt::format("invalid value '{}' for '{}': it does not have the form the AWS API requires", shown, field);
  }
  if (raw.find("enum values") != std::string::npos) {
    std::string allowed = AllowedValues(schema_doc, segs.empty() ? "" : segs.back());
    return fmt::format("invalid value '{}' for '{}': {}", shown, field,
                       allowed.empty() ? "not one of the allowed values" : "expected one of " + allowed);
  }
  std::string msg = TidyNumbers(raw);
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  if (!msg.empty() && msg.back() == '.') msg.pop_back();
  if (!shown.empty()) return fmt::format("invalid value '{}' for '{}': {}", shown, field, msg);
  return fmt::format("invalid '{}': {}", field, msg);
}


}  // namespace sparkmc::schema_messages
