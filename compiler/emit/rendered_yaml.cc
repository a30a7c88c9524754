#include "compiler/emit/rendered_yaml.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "compiler/data/embedded.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

namespace sparkmc {

namespace {

/// Stand-ins are plain-safe words no template holds: "sparkmcv<index>z".
constexpr std::string_view kMark = "sparkmcv";

std::string StandIn(size_t index) { return std::string(kMark) + std::to_string(index) + "z"; }

std::atomic<size_t> skeleton_parses{0};
std::atomic<SkeletonHook> skeleton_hook{nullptr};

constexpr const char* kTablePath = "compiler/data/emr/pod-template-skeletons.txt";

/// FNV-1a, 64 bits: the table's lines are found by the hash of their text,
/// and the text itself is compared before a line is used.
std::string HashOf(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// A skeleton's tree is kept as ToJson reads it, except for the scalars that
// hold stand-ins: those stay text, marked with whether they were plain, as
// {"\x01plain": text} or {"\x01quoted": text}, for Fill to finish.
constexpr const char* kPlainMark = "\x01plain";
constexpr const char* kQuotedMark = "\x01quoted";

/// The tree of \a n as above; false when a key holds a stand-in (or starts
/// like a mark): then the tree alone cannot say what the text reads as.
bool Encode(const Node& n, nlohmann::json* out) {
  switch (n.kind) {
    case Node::Kind::kNull:
      *out = nullptr;
      return true;
    case Node::Kind::kScalar:
      if (n.value.find(kMark) == std::string::npos) *out = ToJson(n);
      else *out = nlohmann::json{{n.plain ? kPlainMark : kQuotedMark, n.value}};
      return true;
    case Node::Kind::kSequence:
      *out = nlohmann::json::array();
      for (const Node& i : n.items) {
        nlohmann::json item;
        if (!Encode(i, &item)) return false;
        out->push_back(std::move(item));
      }
      return true;
    case Node::Kind::kMap:
      *out = nlohmann::json::object();
      for (const auto& [k, v] : n.members) {
        if (k.value.find(kMark) != std::string::npos || k.value.rfind('\x01', 0) == 0) return false;
        if (!Encode(v, &(*out)[k.value])) return false;
      }
      return true;
  }
  return false;
}

/// The tree of \a skeleton from the built-in table, or null when the table
/// does not hold it (a release's pieces from a fact store, a test's own
/// template): reading the 5 KB pod templates with yaml-cpp was a third of a
/// `sparkmc compile`, and the table holds every skeleton the built-in
/// releases render. An entry is "@HASH TEXT_BYTES TREE_BYTES\n", the text,
/// then the tree as JSON; it is used only when its text is the skeleton.
std::shared_ptr<const nlohmann::json> FromTable(const std::string& skeleton) {
  std::string_view table = EmbeddedData(kTablePath);
  std::string head = "\n@" + HashOf(skeleton) + " ";
  for (size_t at = table.find(head); at != std::string_view::npos; at = table.find(head, at + 1)) {
    size_t eol = table.find('\n', at + 1);
    if (eol == std::string_view::npos) break;
    size_t text_bytes = 0, tree_bytes = 0;
    const char* p = table.data() + at + head.size();
    const char* stop = table.data() + eol;
    auto [mid, e1] = std::from_chars(p, stop, text_bytes);
    if (e1 != std::errc() || mid == stop || *mid != ' ') continue;
    auto [last, e2] = std::from_chars(mid + 1, stop, tree_bytes);
    size_t rest = table.size() - (eol + 1);
    if (e2 != std::errc() || last != stop || text_bytes > rest || tree_bytes > rest - text_bytes) continue;
    if (table.substr(eol + 1, text_bytes) != skeleton) continue;  // a hash collision
    return std::make_shared<const nlohmann::json>(nlohmann::json::parse(table.substr(eol + 1 + text_bytes, tree_bytes)));
  }
  return nullptr;
}

std::shared_ptr<const nlohmann::json> Parse(const std::string& skeleton) {
  LoadLimits limits;
  limits.strict_json = false;
  std::vector<Node> docs;
  try {
    ++skeleton_parses;
    docs = ParseDocuments(SourceFile{"<template>", skeleton}, limits);
  } catch (const InputError&) {
    return nullptr;  // the text itself will say what is wrong with it
  }
  nlohmann::json tree;
  if (docs.size() != 1 || !Encode(docs[0], &tree)) return nullptr;
  return std::make_shared<const nlohmann::json>(std::move(tree));
}

/// The skeletons' trees, by their text. A handful per process: the text
/// depends on the sections a job keeps and the release's pieces.
std::shared_ptr<const nlohmann::json> SkeletonTree(const std::string& skeleton) {
  if (SkeletonHook hook = skeleton_hook.load()) hook(skeleton);
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const nlohmann::json>> trees;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = trees.find(skeleton);
    if (it != trees.end()) return it->second;
  }
  std::shared_ptr<const nlohmann::json> tree = FromTable(skeleton);
  if (!tree) tree = Parse(skeleton);
  if (!tree) return nullptr;
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

/// Puts the values in place of the stand-ins in the scalar \a n. False when
/// the tree cannot say what the rendered text reads as.
bool FillScalar(Node* n, const std::vector<const std::string*>& values) {
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

/// Fills every marked scalar of \a j (see Encode) and reads it as ToJson does.
bool Fill(nlohmann::json* j, const std::vector<const std::string*>& values) {
  if (j->is_object() && j->size() == 1 && (j->begin().key() == kPlainMark || j->begin().key() == kQuotedMark)) {
    Node n;
    n.kind = Node::Kind::kScalar;
    n.plain = j->begin().key() == kPlainMark;
    n.value = j->begin()->get<std::string>();
    if (!FillScalar(&n, values)) return false;
    *j = ToJson(n);
    return true;
  }
  if (j->is_structured()) {
    for (auto& item : *j) {
      if (!Fill(&item, values)) return false;
    }
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
  std::shared_ptr<const nlohmann::json> tree = SkeletonTree(RenderTemplate(text, skeleton, TemplateContext::kYaml));
  if (tree) {
    nlohmann::json filled = *tree;
    if (Fill(&filled, values)) out.object = std::move(filled);
  }
  return out;
}

size_t RenderedYamlSkeletonParses() { return skeleton_parses.load(); }

void SetSkeletonHook(SkeletonHook hook) { skeleton_hook.store(hook); }

std::string SkeletonTable(std::vector<std::string> skeletons) {
  std::sort(skeletons.begin(), skeletons.end());
  skeletons.erase(std::unique(skeletons.begin(), skeletons.end()), skeletons.end());
  std::string out =
      "# The pod-template skeletons the built-in releases render, each with the tree\n"
      "# yaml-cpp reads it as (compiler/emit/rendered_yaml.cc). Generated: do not edit.\n"
      "# tests/skeleton_table_test.cc fails when it is out of date, and rewrites it\n"
      "# when run with SPARKMC_UPDATE_SKELETONS=1.\n";
  for (const std::string& text : skeletons) {
    std::shared_ptr<const nlohmann::json> tree = Parse(text);
    if (!tree) continue;  // the text will be read as text
    std::string json = tree->dump();
    out += "@" + HashOf(text) + " " + std::to_string(text.size()) + " " + std::to_string(json.size()) + "\n" + text + json + "\n";
  }
  return out;
}

}  // namespace sparkmc
