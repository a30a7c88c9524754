// RenderYamlDocument's object is what its text reads as: compared with
// reading the text (ParseDocuments, then ToJson) for the embedded pod
// templates under every combination of sections, and for values that need
// quoting, escaping, look like numbers or are empty.
#include "compiler/emit/rendered_yaml.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "compiler/data/embedded.h"
#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

namespace sparkmc {
namespace {

nlohmann::json Read(const std::string& text) {
  LoadLimits limits;
  limits.strict_json = false;
  std::vector<Node> docs = ParseDocuments(SourceFile{"t", text}, limits);
  return docs.size() == 1 ? ToJson(docs[0]) : nlohmann::json();
}

/// The names {{x}} and flags {{#f}} / {{^f}} a template uses.
void Names(std::string_view text, std::set<std::string>* values, std::set<std::string>* flags) {
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    size_t close = text.find("}}", pos);
    if (close == std::string_view::npos) break;
    std::string tag(text.substr(pos + 2, close - pos - 2));
    pos = close + 2;
    if (tag.empty() || tag[0] == '!' || tag[0] == '/' || tag[0] == '>') continue;
    if (tag[0] == '#' || tag[0] == '^') flags->insert(tag.substr(1));
    else values->insert(tag);
  }
}

const std::vector<std::string> kValues = {
    "abc123", "us-east-1", "0000000000000000001", "123456789012", "true", "null", "", "1.5", "a: b", "x #y",
    "quote\"d", "back\\slash", "line\nbreak", "- dash", "repo.example.com/spark/emr-6.8.0:latest", "caf\xC3\xA9", "~",
    "[list]", "{map}", "'single'", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`", "0x1F", "1e5", ".inf"};

TEST(RenderedYaml, ObjectIsWhatTheTextReadsAs) {
  int templates = 0;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    std::string path(f.path);
    if (path.find("pod") == std::string::npos || path.size() < 10 || path.compare(path.size() - 10, 10, ".yaml.tmpl") != 0) {
      continue;
    }
    std::set<std::string> values, flags;
    Names(f.content, &values, &flags);
    std::vector<std::string> flag_list(flags.begin(), flags.end());
    ++templates;
    int built = 0;
    size_t combos = flag_list.size() > 8 ? 256 : (size_t{1} << flag_list.size());
    for (size_t mask = 0; mask < combos; ++mask) {
      // Every value in turn, in one position (the mask picks which), the
      // others ordinary words.
      for (size_t k = 0; k < kValues.size(); ++k) {
        TemplateVars vars;
        for (size_t i = 0; i < flag_list.size(); ++i) vars.flags[flag_list[i]] = (mask >> i) & 1;
        size_t j = 0;
        for (const std::string& v : values) {
          vars.values[v] = j == (mask + k) % values.size() ? kValues[k] : "word" + std::to_string(j);
          ++j;
        }
        RenderedYaml r;
        try {
          r = RenderYamlDocument(f.content, vars);
        } catch (const std::logic_error&) {
          // A value the renderer refuses in that position (its own test);
          // RenderTemplate refuses it too.
          EXPECT_THROW(RenderTemplate(f.content, vars, TemplateContext::kYaml), std::logic_error);
          continue;
        } catch (const InputError&) {
          continue;  // a value that breaks the text (the injection checks keep it out of compile)
        }
        EXPECT_EQ(r.text, RenderTemplate(f.content, vars, TemplateContext::kYaml));
        nlohmann::json read;
        try {
          read = Read(r.text);
        } catch (const InputError&) {
          continue;
        }
        if (r.object) {
          ASSERT_EQ(*r.object, read) << path << " mask " << mask << " values from " << k << "\n" << r.text;
          ++built;
        }
      }
    }
    EXPECT_GT(built, 0) << path;  // most renders are known without reading the text
  }
  EXPECT_GT(templates, 0);
}

TEST(RenderedYaml, EachPositionAndTheSkeletonParsedOnce) {
  const char* kText =
      "a: {{x}}\nb: pre-{{x}}-post\nc: \"in {{x}} quotes\"\nd:\n  - {{x}}\n  - {{y}}\ne: [{{y}}]\n{{#on}}\nf: {{y}}\n{{/on}}\n";
  for (const std::string& x : {std::string("plain"), std::string("12"), std::string("a: b"), std::string("")}) {
    TemplateVars vars;
    vars.values["x"] = x;
    vars.values["y"] = "v";
    vars.flags["on"] = true;
    RenderedYaml r;
    try {
      r = RenderYamlDocument(kText, vars);
    } catch (const std::logic_error&) {
      continue;  // not plain-safe inside "pre-{{x}}-post": refused, as RenderTemplate refuses it
    }
    if (r.object) EXPECT_EQ(*r.object, Read(r.text)) << r.text;
    // "12" and "" alone in a plain scalar: YamlScalar quotes them, a raw
    // substitution would not, and the tree cannot tell which was used.
    EXPECT_EQ(r.object.has_value(), x == "plain") << x;
  }
  // Jobs that keep the same sections share one skeleton.
  size_t before = RenderedYamlSkeletonParses();
  for (int i = 0; i < 20; ++i) {
    TemplateVars vars;
    vars.values["x"] = "job" + std::to_string(i);
    vars.values["y"] = "w" + std::to_string(i);
    vars.flags["on"] = false;
    RenderedYaml r = RenderYamlDocument(kText, vars);
    ASSERT_TRUE(r.object.has_value());
    EXPECT_EQ(*r.object, Read(r.text));
  }
  EXPECT_LE(RenderedYamlSkeletonParses() - before, 1u);
}

}  // namespace
}  // namespace sparkmc
