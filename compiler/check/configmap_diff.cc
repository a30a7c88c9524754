#include "compiler/check/configmap_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>

#include "compiler/base/text.h"
#include "compiler/base/utf8.h"
#include "compiler/emit/properties.h"

namespace sparkmc {

namespace {

constexpr const char* kAbsent = "(absent)";

/// A node as JSON with every scalar a string and ownerReferences removed:
/// Kubernetes reads the captured `0.9` as the string "0.9".
nlohmann::json Canonical(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull: return nullptr;
    case Node::Kind::kScalar: return n.value;
    case Node::Kind::kSequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const Node& i : n.items) a.push_back(Canonical(i));
      return a;
    }
    case Node::Kind::kMap: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, v] : n.members) {
        if (k.value != "ownerReferences") o[k.value] = Canonical(v);
      }
      return o;
    }
  }
  return nullptr;
}

std::string Short(const nlohmann::json& j) {
  if (j.is_null()) return kAbsent;
  std::string s = j.is_string() ? j.get<std::string>() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

/// Every element of \a a is an object with a distinct string "name".
bool Named(const nlohmann::json& a) {
  std::set<std::string> names;
  for (const auto& e : a) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) return false;
    if (!names.insert(e["name"].get<std::string>()).second) return false;
  }
  return !a.empty();
}

void DiffJson(const nlohmann::json& e, const nlohmann::json& g, const std::string& path,
              const std::function<void(const std::string&, const nlohmann::json&, const nlohmann::json&)>& report) {
  if (e == g) return;
  if (e.is_object() && g.is_object()) {
    for (const auto& [k, v] : e.items()) {
      std::string p = path.empty() ? k : path + "." + k;
      DiffJson(v, g.contains(k) ? g[k] : nlohmann::json(), p, report);
    }
    for (const auto& [k, v] : g.items()) {
      if (!e.contains(k)) report(path.empty() ? k : path + "." + k, nullptr, v);
    }
    return;
  }
  if (e.is_array() && g.is_array() && Named(e) && Named(g)) {
    // Containers, env vars, volumes and mounts by name, so one added entry is
    // one difference, not a shift of every entry after it.
    std::map<std::string, const nlohmann::json*> gm;
    std::vector<std::string> eorder, gorder;
    for (const auto& x : g) gm[x["name"].get<std::string>()] = &x;
    for (const auto& x : g) gorder.push_back(x["name"].get<std::string>());
    std::set<std::string> seen;
    for (const auto& x : e) {
      std::string n = x["name"].get<std::string>();
      eorder.push_back(n);
      seen.insert(n);
      auto it = gm.find(n);
      DiffJson(x, it == gm.end() ? nlohmann::json() : *it->second, path + "[" + n + "]", report);
    }
    for (const auto& x : g) {
      std::string n = x["name"].get<std::string>();
      if (!seen.count(n)) report(path + "[" + n + "]", nullptr, x);
    }
    if (eorder.size() == gorder.size() && std::set<std::string>(eorder.begin(), eorder.end()) ==
                                              std::set<std::string>(gorder.begin(), gorder.end()) && eorder != gorder) {
      nlohmann::json eo = eorder, go = gorder;
      report(path + " (order)", eo, go);
    }
    return;
  }
  if (e.is_array() && g.is_array()) {
    for (size_t i = 0; i < std::max(e.size(), g.size()); ++i) {
      DiffJson(i < e.size() ? e[i] : nlohmann::json(), i < g.size() ? g[i] : nlohmann::json(),
               path + "[" + std::to_string(i) + "]", report);
    }
    return;
  }
  report(path, e, g);
}

}  // namespace

std::vector<ConfigMapDiff> DiffConfigMaps(const Node& expected, const Node& got, const std::string& file) {
  std::vector<ConfigMapDiff> out;
  auto at = [&](const Node* n) { return n ? Location{file, n->line, n->column} : Location{file, expected.line, expected.column}; };
  const Node* em = expected.Find("metadata");
  const Node* gm = got.Find("metadata");
  for (const char* f : {"name", "namespace", "labels"}) {
    const Node* e = em ? em->Find(f) : nullptr;
    const Node* g = gm ? gm->Find(f) : nullptr;
    nlohmann::json ej = e ? Canonical(*e) : nlohmann::json(), gj = g ? Canonical(*g) : nlohmann::json();
    if (ej != gj) {
      DiffJson(ej, gj, std::string("metadata.") + f, [&](const std::string& p, const nlohmann::json& a, const nlohmann::json& b) {
        out.push_back(ConfigMapDiff{"", p, Short(a), Short(b), at(e ? e : em)});
      });
    }
  }
  const Node* ed = expected.Find("data");
  const Node* gd = got.Find("data");
  static const Node kEmpty;
  if (!ed) ed = &kEmpty;
  if (!gd) gd = &kEmpty;
  std::string kind;
  if (const Node* l = em ? em->Find("labels") : nullptr) {
    if (const Node* c = l->Find("emr-containers.amazonaws.com/job.configuration")) kind = c->value;
  }
  for (const auto& [k, v] : gd->members) {
    if (!ed->Find(k.value)) out.push_back(ConfigMapDiff{k.value, "the key", kAbsent, "present", at(ed)});
  }
  for (const auto& [k, v] : ed->members) {
    const std::string& key = k.value;
    const Node* gv = gd->Find(key);
    if (!gv) {
      out.push_back(ConfigMapDiff{key, "the key", "present", kAbsent, at(&k)});
      continue;
    }
    const std::string& e = v.value;
    const std::string& g = gv->value;
    Location where = at(&v);
    if (key == "spark-defaults.conf") {
      std::map<std::string, std::string> ep, gp;
      for (auto& [pk, pv] : ReadProperties(e)) ep[pk] = pv;
      for (auto& [pk, pv] : ReadProperties(g)) gp[pk] = pv;
      for (const auto& [pk, pv] : ep) {
        auto it = gp.find(pk);
        if (it == gp.end() || it->second != pv) {
          out.push_back(ConfigMapDiff{key, pk, pv, it == gp.end() ? kAbsent : it->second, where});
        }
      }
      for (const auto& [pk, pv] : gp) {
        if (!ep.count(pk)) out.push_back(ConfigMapDiff{key, pk, kAbsent, pv, where});
      }
    } else if (kind == "pod-template" && (key == "driver" || key == "executor")) {
      nlohmann::json ej, gj;
      try {
        std::vector<Node> a = ParseDocuments(SourceFile{file + " data." + key, e});
        ej = a.empty() ? nlohmann::json() : Canonical(a[0]);
      } catch (const InputError& err) {
        out.push_back(ConfigMapDiff{key, "the pod template", std::string("not YAML: ") + err.what(), "a Pod", where});
        continue;
      }
      std::vector<Node> b = ParseDocuments(SourceFile{"sparkmc data." + key, g});
      gj = b.empty() ? nlohmann::json() : Canonical(b[0]);
      DiffJson(ej, gj, "", [&](const std::string& p, const nlohmann::json& a, const nlohmann::json& c) {
        out.push_back(ConfigMapDiff{key, p.empty() ? "the pod template" : p, Short(a), Short(c), where});
      });
    } else if (key.find("allowlist") != std::string::npos) {
      std::vector<std::string> el = SplitLines(e), gl = SplitLines(g);
      std::set<std::string> es(el.begin(), el.end()), gs(gl.begin(), gl.end());
      for (const std::string& l : es) {
        if (!gs.count(l)) out.push_back(ConfigMapDiff{key, l, "listed", "not listed", where});
      }
      for (const std::string& l : gs) {
        if (!es.count(l)) out.push_back(ConfigMapDiff{key, l, "not listed", "listed", where});
      }
    } else {
      std::vector<std::string> el = SplitLines(e), gl = SplitLines(g);
      for (size_t i = 0; i < std::max(el.size(), gl.size()); ++i) {
        std::string a = i < el.size() ? el[i] : kAbsent, b = i < gl.size() ? gl[i] : kAbsent;
        if (a == b) continue;
        out.push_back(ConfigMapDiff{key, fmt::format("line {}", i + 1), a, b, where});
        // Past the first differing line the rest may only be shifted: one
        // difference and the count of lines that differ say enough.
        if (el.size() != gl.size()) {
          out.back().what += fmt::format(" (and the {} lines after; {} lines in the capture, {} from sparkmc)",
                                         std::max(el.size(), gl.size()) - i - 1, el.size(), gl.size());
          break;
        }
      }
    }
  }
  return out;
}

Node ManifestNode(const Manifest& m) {
  // JSON is YAML; the writer's object read back with positions.
  std::vector<Node> docs = ParseDocuments(SourceFile{"sparkmc", m.object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  return docs.empty() ? Node{} : docs[0];
}

std::string DescribeDiff(const ConfigMapDiff& d) {
  std::string where = d.data_key.empty() ? "" : "data." + d.data_key + ": ";
  return TerminalSafe(fmt::format("{}{}: the capture has '{}', sparkmc wrote '{}'", where, d.what, d.expected, d.got));
}

}  // namespace sparkmc
