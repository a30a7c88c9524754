#include "tests/semantic_equal.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "compiler/emit/properties.h"

namespace sparkmc::test {

namespace {

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

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

}  // namespace

Node ParseYamlText(const std::string& text, const std::string& name) {
  SourceFile src{name, text};
  std::vector<Node> docs = ParseDocuments(src);
  return docs.empty() ? Node{} : docs[0];
}

std::string ConfigMapDifference(const Node& expected, const Node& got) {
  const Node* em = expected.Find("metadata");
  const Node* gm = got.Find("metadata");
  if (!em || !gm) return "metadata missing";
  for (const char* f : {"name", "namespace", "labels"}) {
    if (!em->Find(f) || !gm->Find(f) || Canonical(*em->Find(f)) != Canonical(*gm->Find(f))) {
      return std::string("metadata.") + f + " differs";
    }
  }
  const Node* ed = expected.Find("data");
  const Node* gd = got.Find("data");
  if (!ed || !gd) return "data missing";
  std::set<std::string> ek, gk;
  for (const auto& [k, v] : ed->members) ek.insert(k.value);
  for (const auto& [k, v] : gd->members) gk.insert(k.value);
  if (ek != gk) return "data keys differ";
  std::string kind = em->Find("labels")->Find("emr-containers.amazonaws.com/job.configuration")->value;
  for (const auto& [k, v] : ed->members) {
    const std::string& e = v.value;
    const std::string& g = gd->Find(k.value)->value;
    bool same;
    if (k.value == "spark-defaults.conf") {
      auto ep = ReadProperties(e), gp = ReadProperties(g);
      same = std::map<std::string, std::string>(ep.begin(), ep.end()) ==
             std::map<std::string, std::string>(gp.begin(), gp.end());
    } else if (kind == "pod-template" && (k.value == "driver" || k.value == "executor")) {
      same = Canonical(ParseYamlText(e)) == Canonical(ParseYamlText(g));
      if (!same) {
        return "data." + k.value + " differs:\nexpected " + Canonical(ParseYamlText(e)).dump() + "\ngot      " +
               Canonical(ParseYamlText(g)).dump();
      }
    } else if (k.value.find("allowlist") != std::string::npos) {
      auto el = Lines(e), gl = Lines(g);
      same = std::set<std::string>(el.begin(), el.end()) == std::set<std::string>(gl.begin(), gl.end());
    } else {
      same = Lines(e) == Lines(g);
    }
    if (!same) return "data." + k.value + " differs";
  }
  return "";
}

}  // namespace sparkmc::test
