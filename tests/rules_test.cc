// Every rule fires on its fixture exactly where `# expect: <rule-id>` says
// (the line after the comment), and stays quiet on its quiet fixture; every
// declared rule has both fixtures (clang-tidy's CHECK-MESSAGES, as data).
#include <gtest/gtest.h>

#include <dirent.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "compiler/check/rules.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::vector<std::string> Files(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.rfind(prefix, 0) == 0) out.push_back(dir + "/" + n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// (file, line) pairs marked `# expect: id` in \a files.
std::set<std::pair<std::string, int>> Expected(const std::vector<std::string>& files, const std::string& id) {
  std::set<std::pair<std::string, int>> out;
  for (const std::string& f : files) {
    std::istringstream in(ReadFile(f));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find("# expect: " + id) != std::string::npos) out.insert({f, n + 1});
    }
  }
  return out;
}

std::set<std::pair<std::string, int>> Found(const std::string& job, const std::string& id, RunResult* r,
                                            bool with_args = true) {
  // A rule directory may hold `args`: extra lint flags for its fire fixture.
  std::vector<std::string> argv = {"lint", job, "-f", "json", "--fail-on", "info"};
  std::string dir = job.substr(0, job.rfind('/'));
  std::istringstream extra(with_args ? ReadFile(dir + "/args") : "");
  std::string word;
  while (extra >> word) argv.push_back(word);
  *r = RunSparkmc(argv);
  // A lint that crashed (3, a signal) or refused the fixture (2) must not
  // read as "no findings": only 0 and 1 are answers, and the report must be
  // JSON with a findings list, none of them an internal error.
  EXPECT_TRUE(r->exit_code == 0 || r->exit_code == 1) << job << ": lint exited " << r->exit_code << "\n" << r->err;
  std::set<std::pair<std::string, int>> out;
  nlohmann::json j = nlohmann::json::parse(r->out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << job << ": lint -f json printed no JSON:\n" << r->out << r->err;
  if (j.is_discarded()) return out;
  EXPECT_TRUE(j.contains("findings") && j["findings"].is_array()) << r->out;
  if (!j.contains("findings") || !j["findings"].is_array()) return out;
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f.value("rule", ""), "internal-error") << job << ": " << f.dump();
    if (f["rule"] == id) out.insert({f["file"].get<std::string>(), f["line"].get<int>()});
  }
  return out;
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const RuleSpec& r : BuiltinRules()) ids.push_back(r.id);
  return ids;
}

class RuleFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, FiresWhereExpected) {
  std::string dir = SourcePath("tests/rules/" + GetParam());
  std::vector<std::string> fire = Files(dir, "fire");
  ASSERT_FALSE(fire.empty()) << "no fire fixture for " << GetParam();
  auto expected = Expected(fire, GetParam());
  ASSERT_FALSE(expected.empty()) << "fire fixtures mark no `# expect: " << GetParam() << "`";
  RunResult r;
  auto found = Found(dir + "/fire.yaml", GetParam(), &r);
  EXPECT_EQ(found, expected) << r.out << r.err;
  // It fired, with --fail-on info: exit 1.
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

TEST_P(RuleFixtures, StaysQuiet) {
  std::string dir = SourcePath("tests/rules/" + GetParam());
  ASSERT_FALSE(Files(dir, "quiet").empty()) << "no quiet fixture for " << GetParam();
  RunResult r;
  auto found = Found(dir + "/quiet.yaml", GetParam(), &r, /*with_args=*/ReadFile(dir + "/args").empty());
  EXPECT_TRUE(found.empty()) << r.out;
  // Found has checked the exit code (0 or 1: other rules may speak) and the JSON.
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtures, ::testing::ValuesIn(RuleIds()), [](const auto& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

TEST(RuleCatalogue, EveryRuleIsDocumented) {
  std::set<std::string> kinds;
  for (const RuleSpec& r : BuiltinRules()) {
    EXPECT_EQ(r.file, "rules/" + r.id + ".yaml");
    EXPECT_FALSE(r.summary.empty());
    EXPECT_FALSE(r.rationale.empty());
    EXPECT_EQ(r.remediation.back(), '.') << r.id;
    EXPECT_NE(RuleDoc(r).find("## " + r.id), std::string::npos);
    kinds.insert(r.kind);
  }
  // The required ids all exist.
  for (const char* id : {"allowlist-violation", "missing-monitoring", "unknown-spark-property", "deprecated-spark-property",
                         "invalid-spark-value", "conflicting-setting", "dynamic-allocation-without-shuffle-tracking",
                         "executor-memory-exceeds-limit", "non-spark-key-in-spark-defaults", "insecure-setting",
                         "mutable-image-tag", "schema", "config-injection"}) {
    auto ids = RuleIds();
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  // Every kind in code is used by some rule.
  for (const RuleKind& k : RuleKinds()) EXPECT_TRUE(kinds.count(k.name)) << k.name;
}

TEST(RuleCatalogue, GeneratedDocsAreCurrent) {
  RunResult r = RunSparkmc({"rules", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(ReadFile(SourcePath("docs/rules.md")), r.out) << "regenerate: build/sparkmc rules --format markdown > docs/rules.md";
}

TEST(RuleCatalogue, BadDeclarationsAreRefused) {
  auto error = [](const std::string& text) -> std::string {
    SourceFile src{"r.yaml", text};
    try {
      ParseRule(ParseDocuments(src)[0], src);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  const std::string ok = "id: x\nkind: conflict\nseverity: warning\nsummary: s\nrationale: r\nremediation: Do it.\n";
  EXPECT_EQ(error(ok), "");
  EXPECT_EQ(error(ok + "colour: red\n"), "unknown key 'colour' in rule declaration");
  EXPECT_NE(error("id: x\nkind: conflcit\nseverity: warning\nsummary: s\nrationale: r\nremediation: Do it.\n").find("did you mean 'conflict'"),
            std::string::npos);
  EXPECT_EQ(error("id: x\nkind: conflict\nseverity: loud\nsummary: s\nrationale: r\nremediation: Do it.\n"),
            "severity must be error, warning or info");
  EXPECT_EQ(error("id: x\nkind: conflict\nseverity: warning\nsummary: s\nrationale: r\nremediation: Do it\n"),
            "a remediation is a sentence ending with a period");
}

}  // namespace
}  // namespace sparkmc::test
