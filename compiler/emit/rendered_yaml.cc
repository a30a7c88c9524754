#include "compiler/emit/rendered_yaml.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "compiler/emit/yaml_writer.h"
#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

namespace sparkmc {

namespace {

/// Stand-ins are plain-safe words no template holds: "sparkmcv<index>z".
constexpr std::string_view kMark = "sparkmcv";

std::string StandIn(size_t index) { return std::string(kMark) + std::to_string(index) + "z"; }

std::atomic<size_t> skeleton_parses{0};

/// The parsed skeletons, by their text. A handful per process: the text
/// depends on the sections a job keeps and the release's pieces.
std::shared_ptr<const Node> SkeletonTree(const std::string& skeleton) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const Node>> trees;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = trees.find(skeleton);
    if (it != trees.end()) return it->second;
  }
  LoadLimits limits;
  limits.strict_json = false;
  std::vector<Node> docs;
  try {
    ++skeleton_parses;
    docs = ParseDocuments(SourceFile{"<template>", skeleton}, limits);
  } catch (const InputError&) {
    return nullptr;  // the text itself will say what is wrong with it
  }
  if (docs.size() != 1) return nullptr;
  auto tree = std::make_shared<const Node>(std::move(docs[0]));
  std::lock_guard<std::mutex> lock(mu);
  if (trees.size() >= 256) trees.clear();  // bounded, whatever the inputs
  return trees.emplace(skeleton, tree).first->second;
}

/// The index of the stand-in at \a at in \a s, and its end; false if none.
bool StandInAt(const std::string& s, size_t at, size_t* index, size_t* end) {
  if (s.compare(at, kMark.size(), kMark) != 0) return false;
  size_t i = at + kMark.size();
  size_t n = 0;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = n * 10 + static_cast<size_t>(s[i] - '0');
    ++i;
    digits = true;
    if (n > 1000000) return false;
  }
  if (!digits || i >= s.size() || s[i] != 'z') return false;
  *index = n;
  *end = i + 1;
  return true;
}

/// A value written the same way in every position: plain, quoted or in a
/// block, the text holds the value itself.
bool Inert(const std::string& v) { return YamlScalar(v) == v && YamlQuotedBody(v) == v; }

/// Puts the values in place of the stand-ins in \a n. False when the tree
/// cannot say what the rendered text reads as.
bool Fill(Node* n, const std::vector<const std::string*>& values) {
  if (n->IsScalar() && n->value.find(kMark) != std::string::npos) {
    size_t index, end;
    if (n->plain && StandInAt(n->value, 0, &index, &end) && end == n->value.size()) {
      // A value alone in a plain scalar: written by YamlScalar (`key: {{x}}`,
      // `- {{x}}`) or as it is (elsewhere; only plain-safe values may be).
      if (index >= values.size()) return false;
      const std::string& v = *values[index];
      if (YamlScalar(v) == v) {
        n->value = v;
        return true;
      }
      if (v.empty() || YamlPlainSafe(v)) return false;  // either way would read differently
      n->value = v;  // quoted by YamlScalar: a string
      n->plain = false;
      return true;
    }
    std::string out;
    size_t pos = 0;
    while (true) {
      size_t at = n->value.find(kMark, pos);
      if (at == std::string::npos) break;
      if (!StandInAt(n->value, at, &index, &end) || index >= values.size()) return false;
      const std::string& v = *values[index];
      // Inside a longer plain scalar a value is written as it is (the
      // renderer allows only plain-safe ones there); in quotes or a block
      // its escaping decides, so only an inert one is known.
      if (!n->plain && !Inert(v)) return false;
      out.append(n->value, pos, at - pos);
      out += v;
      pos = end;
    }
    out.append(n->value, pos, std::string::npos);
    n->value = std::move(out);
    return true;
  }
  for (Node& i : n->items) {
    if (!Fill(&i, values)) return false;
  }
  for (auto& [k, v] : n->members) {
    if (!Fill(&k, values) || !Fill(&v, values)) return false;
  }
  return true;
}

}  // namespace

RenderedYaml RenderYamlDocument(std::string_view text, const TemplateVars& vars) {
  RenderedYaml out;
  // The partials the render asks for, kept for the skeleton's render (asking
  // again could note a fact twice).
  std::map<std::string, std::string> partials;
  bool foreign = text.find(kMark) != std::string_view::npos;
  TemplateVars real = vars;
  if (vars.partial) {
    real.partial = [&](const std::string& name) {
      std::string t = vars.partial(name);
      foreign |= t.find(kMark) != std::string::npos;
      partials[name] = t;
      return t;
    };
  }
  out.text = RenderTemplate(text, real, TemplateContext::kYaml);
  if (foreign) return out;  // a template that holds the stand-ins' own words
  TemplateVars skeleton = vars;
  std::vector<const std::string*> values;
  for (auto& [name, value] : skeleton.values) {
    values.push_back(&vars.values.at(name));
    value = StandIn(values.size() - 1);
  }
  if (vars.partial) {
    skeleton.partial = [&](const std::string& name) {
      auto it = partials.find(name);
      return it != partials.end() ? it->second : vars.partial(name);
    };
  }
  std::shared_ptr<const Node> tree = SkeletonTree(RenderTemplate(text, skeleton, TemplateContext::kYaml));
  if (tree) {
    Node filled = *tree;
    if (Fill(&filled, values)) out.object = ToJson(filled);
  }
  return out;
}

size_t RenderedYamlSkeletonParses() { return skeleton_parses.load(); }

}  // namespace sparkmc
