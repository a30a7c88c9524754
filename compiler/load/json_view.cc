#include "compiler/load/json_view.h"

#include <algorithm>
#include <charconv>
#include <cmath>

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
  // std::from_chars with its range check: "1e999" and 20-digit integers must
  // not throw (std::stod did). An integer beyond 64 bits is read as a double;
  // a double beyond its range as an infinity, which no schema's number or
  // string type accepts, so the schema reports it at its place.
  std::string_view t = s;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  if (IsIntegerText(s)) {
    long long i = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
    if (ec == std::errc() && end == t.data() + t.size()) return i;
  }
  if (IsIntegerText(s) || IsFloatText(s)) {
    double d = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (ec == std::errc::result_out_of_range) {
      bool negative = t[0] == '-';
      size_t e = t.find_first_of("eE");
      bool tiny = e != std::string_view::npos && e + 1 < t.size() && t[e + 1] == '-';
      return tiny ? 0.0 : (negative ? -HUGE_VAL : HUGE_VAL);
    }
    if (ec == std::errc() && end == t.data() + t.size()) return d;
  }
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
  nlohmann::json scalar = ToJson(node);
  if (scalar.is_string()) return scalar.get<std::string>();
  if (scalar.is_boolean()) return scalar.get<bool>();
  if (scalar.is_number_integer()) return scalar.get<long long>();
  if (scalar.is_number_float()) return scalar.get<double>();
  return nullptr;
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

namespace {

/// Visits \a n's nodes in JSON's order: members by key (as nlohmann's object
/// keeps them), each key before its value, sequence items in order.
template <class N, class F>
void VisitInJsonOrder(N& n, const F& visit) {
  visit(n);
  if (n.IsSequence()) {
    for (auto& item : n.items) VisitInJsonOrder(item, visit);
  } else if (n.IsMap()) {
    std::vector<decltype(&n.members.front())> members;
    for (auto& m : n.members) members.push_back(&m);
    std::stable_sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->first.value < b->first.value; });
    for (auto* m : members) {
      visit(m->first);
      VisitInJsonOrder(m->second, visit);
    }
  }
}

}  // namespace

nlohmann::json PositionsOf(const Node& node) {
  nlohmann::json out = nlohmann::json::array();
  VisitInJsonOrder(node, [&](const Node& n) { out.push_back({n.line, n.column}); });
  return out;
}

void RestorePositions(const nlohmann::json& positions, Node* node) {
  size_t i = 0;
  VisitInJsonOrder(*node, [&](Node& n) {
    if (i < positions.size() && positions[i].is_array() && positions[i].size() == 2) {
      n.line = positions[i][0].get<int>();
      n.column = positions[i][1].get<int>();
    }
    ++i;
  });
}

}  // namespace sparkmc
