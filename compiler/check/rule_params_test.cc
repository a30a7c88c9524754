// A kind's parameter table: the one declaration that parses, validates and
// documents a rule's params.
#include "compiler/check/rule_params.h"

#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"
#include "compiler/load/json_view.h"

namespace sparkmc::test {
namespace {

struct Example {
  std::string name;
  std::optional<std::string> label;
  std::vector<std::string> tags;
  std::map<std::string, std::string> notes;
  double share = -1;
  static std::vector<ParamField> Fields() {
    return {Param<&Example::name>("name", kRequired, "what it is called"),
            Param<&Example::label>("label", kOptional, "shown when given"),
            Param<&Example::tags>("tags", kOptional, "free words"),
            Param<&Example::notes>("notes", kOptional, "{key: note}"),
            Param<&Example::share>("share", kOptional, "a percentage").Between(0, 100)};
  }
};

std::string Parse(const std::string& yaml, Example* out) {
  SourceFile src{"x.yaml", yaml};
  Node doc = ParseDocuments(src)[0];
  try {
    ParseParams("example", Example::Fields(), &doc, Location{"x.yaml", 1, 1}, out);
  } catch (const InputError& e) {
    return std::to_string(e.location().line) + ":" + std::to_string(e.location().column) + ": " + e.what();
  }
  return "";
}

TEST(RuleParams, FillsTheStructByTheTable) {
  Example e;
  ASSERT_EQ(Parse("name: n\ntags: [a, b]\nnotes: {k: v}\nshare: 12.5\n", &e), "");
  EXPECT_EQ(e.name, "n");
  EXPECT_FALSE(e.label.has_value());
  EXPECT_EQ(e.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(e.notes.at("k"), "v");
  EXPECT_EQ(e.share, 12.5);
  Example quoted;
  ASSERT_EQ(Parse("name: n\nlabel: \"\"\nshare: \"25\"\n", &quoted), "");
  EXPECT_EQ(quoted.label, std::string());  // given, though empty
  EXPECT_EQ(quoted.share, 25);
}

TEST(RuleParams, RefusesWhatTheTableDoesNotSay) {
  Example e;
  EXPECT_EQ(Parse("label: l\n", &e), "1:1: kind 'example' needs the parameter 'name'");
  EXPECT_EQ(Parse("name: n\nnmae: m\n", &e), "2:1: kind 'example' takes no parameter 'nmae', did you mean 'name'?");
  EXPECT_EQ(Parse("name: true\n", &e), "1:7: parameter 'name' of kind 'example' must be a string");
  EXPECT_EQ(Parse("name: n\ntags: [a, [b]]\n", &e), "2:7: parameter 'tags' of kind 'example' must be a list of strings");
  EXPECT_EQ(Parse("name: n\nshare: 101\n", &e), "2:8: parameter 'share' of kind 'example' must be a number from 0 to 100");
  EXPECT_EQ(Parse("name: n\nshare: 5%\n", &e), "2:8: parameter 'share' of kind 'example' must be a number from 0 to 100");
  // Of two bad parameters, the first by name is reported, whatever the file's order.
  EXPECT_EQ(Parse("name: n\ntags: 1\nlabel: 2\n", &e), "3:8: parameter 'label' of kind 'example' must be a string");
}

TEST(RuleParams, DocsComeFromTheSameTable) {
  EXPECT_EQ(ParamDocs(Example::Fields()),
            "- `name` (string, required): what it is called\n"
            "- `label` (string): shown when given\n"
            "- `tags` (list of strings): free words\n"
            "- `notes` (mapping of strings): {key: note}\n"
            "- `share` (number, 0 to 100): a percentage\n");
}

TEST(RuleParams, EveryKindDocumentsEveryField) {
  for (const RuleKind& k : RuleKinds()) {
    for (const ParamField& f : k.fields) EXPECT_GT(std::string(f.description).size(), 10u) << k.name << "." << f.name;
  }
  for (const RuleSpec& r : BuiltinRules()) {
    ASSERT_TRUE(r.check) << r.id;
    std::string doc = RuleDoc(r);
    for (const ParamField& f : FindRuleKind(r.kind)->fields) {
      EXPECT_NE(doc.find("- `" + std::string(f.name) + "` ("), std::string::npos) << r.id << ": " << f.name;
    }
  }
}

TEST(RuleParams, BuiltInRulesKeepTheirLinesThroughJson) {
  // The built-in rules are embedded as JSON (cmake/yaml2json.cc) with their
  // positions, so a bad one is reported at its line in rules/<id>.yaml.
  const std::string text = RuleDeclaration("requires", "  when: {key: a, value: b}\n  anyOf:\n    - {key: c, value: [d]}\n");
  SourceFile src{"rules/t.yaml", text};
  Node yaml = ParseDocuments(src)[0];
  Node json = FromJson(ToJson(yaml));
  RestorePositions(PositionsOf(yaml), &json);
  std::string direct = DeclarationError("requires", "  when: {key: a, value: b}\n  anyOf:\n    - {key: c, value: [d]}\n");
  EXPECT_EQ(direct, "rules/t.yaml:10:5: parameter 'anyOf' of kind 'requires' must be a list of {key, value} mappings");
  try {
    ParseRule(json, src);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().line, 10);
    EXPECT_EQ(e.location().column, 5);
  }
}

}  // namespace
}  // namespace sparkmc::test
