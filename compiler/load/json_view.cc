#include "compiler/load/json_view.h"

#include "compiler/base/text.h"

namespace sparkmc {

nlohmann::json ToJson(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull:
      return nullptr;
    case Node::Kind::kSequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const Node& i : node.items) a.push_back(ToJson(i));
      return a;
    }
    case Node::Kind::kMap: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, v] : node.members) o[k.value] = ToJson(v);
      return o;
    }
    case Node::Kind::kScalar:
      break;
  }
  if (!node.plain) return node.value;
  const std::string& s = node.value;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.size() < 19 && IsIntegerText(s)) return std::stoll(s);
  if (s.size() < 40 && IsFloatText(s)) return std::stod(s);
  return s;
}

nlohmann::ordered_json ToOrderedJson(const Node& node) {
  if (node.IsMap()) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (const auto& [k, v] : node.members) o[k.value] = ToOrderedJson(v);
    return o;
  }
  if (node.IsSequence()) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const Node& i : node.items) a.push_back(ToOrderedJson(i));
    return a;
  }
  return nlohmann::ordered_json::parse(ToJson(node).dump());
}

Node FromJson(const nlohmann::json& value) {
  Node n;
  if (value.is_null()) return n;
  if (value.is_object()) {
    n.kind = Node::Kind::kMap;
    for (auto it = value.begin(); it != value.end(); ++it) {
      Node key;
      key.kind = Node::Kind::kScalar;
      key.value = it.key();
      n.members.emplace_back(std::move(key), FromJson(it.value()));
    }
  } else if (value.is_array()) {
    n.kind = Node::Kind::kSequence;
    for (const auto& item : value) n.items.push_back(FromJson(item));
  } else {
    n.kind = Node::Kind::kScalar;
    n.plain = !value.is_string();
    n.value = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return n;
}

}  // namespace sparkmc
