// The CI report formats as a user runs them: JUnit XML against its schema,
// SARIF with suppressed findings and GitHub's limits, GitHub annotations
// capped as GitHub shows them, the summary counts, --no-inline-suppressions.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>

#include <map>
#include <set>
#include <sstream>

#include "compiler/check/rules.h"
#include "compiler/check/schema.h"
#include "compiler/model/submit_args.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

/// A StartJobRun request whose spark-defaults classification holds \a lines
/// (each "key: value", possibly with a comment), from line 12 on.
std::string JobWith(const std::vector<std::string>& lines) {
  std::string s =
      "virtualClusterId: jk518skp01ys9ka8b0npx9nt0\nname: j\nexecutionRoleArn: arn:aws:iam::123456789012:role/r\n"
      "releaseLabel: emr-6.8.0-latest\njobDriver:\n  sparkSubmitJobDriver:\n    entryPoint: local:///app.py\n"
      "configurationOverrides:\n  applicationConfiguration:\n    - classification: spark-defaults\n      properties:\n";
  for (const std::string& l : lines) s += "        " + l + "\n";
  s += "  monitoringConfiguration:\n    s3MonitoringConfiguration:\n      logUri: s3://logs-bucket/spark/\n";
  return s;
}

constexpr int kFirstPropertyLine = 12;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

bool HaveXmllint() { return std::system("command -v xmllint >/dev/null 2>&1") == 0; }

/// xmllint's exit code checking \a file against schemas/junit.xsd; its complaints in \a err.
int ValidateJunit(const std::string& file, std::string* err) {
  std::string dir = TempDir();
  std::string cmd = "xmllint --noout --schema " + ShellQuote(SourcePath("schemas/junit.xsd")) + " " + ShellQuote(file) +
                    " >/dev/null 2>" + dir + "/err";
  int status = std::system(cmd.c_str());
  *err = ReadFile(dir + "/err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define REQUIRE_XMLLINT()                                                                                       \
  if (!HaveXmllint()) GTEST_SKIP() << "xmllint not found: install libxml2-utils to check JUnit reports against " \
                                      "schemas/junit.xsd"

TEST(Report, JunitValidatesAgainstTheSchema) {
  REQUIRE_XMLLINT();
  std::string dir = TempDir();
  WriteFile(dir + "/values.yaml", "replicaCount: 2\n");  // not a job: skipped
  std::string out = dir + "/lint.xml";
  RunResult r = RunSparkmc({"lint", "-f", "junit", "-o", out, "testdata/lint/located.json", "examples/pi.json",
                            "testdata/lint/clean.yaml", "testdata/lint/suppressed.yaml", dir + "/values.yaml"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // located.json has errors
  EXPECT_EQ(r.out, "");
  std::string xml = ReadFile(out);
  std::string err;
  EXPECT_EQ(ValidateJunit(out, &err), 0) << err << xml;

  // One test case per (file, rule), every finding with line:column.
  EXPECT_NE(xml.find("<testcase name=\"invalid-spark-value\" classname=\"testdata/lint/located.json\" "
                     "file=\"testdata/lint/located.json\" time=\"0\">\n      <failure type=\"error\" message=\"8:68: "),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("(and 1 more)\">8:68: error: invalid value '1.5g' for spark.executor.memory"), std::string::npos) << xml;
  EXPECT_NE(xml.find("\n13:94: error: "), std::string::npos) << xml;
  // Warnings fail their test case too, typed as warnings.
  EXPECT_NE(xml.find("classname=\"examples/pi.json\" file=\"examples/pi.json\" time=\"0\">\n      <failure type=\"warning\""),
            std::string::npos)
      << xml;
  // A clean file passes, a skipped one is skipped: every file shows.
  EXPECT_NE(xml.find("<testcase name=\"lint\" classname=\"testdata/lint/clean.yaml\" file=\"testdata/lint/clean.yaml\" time=\"0\"/>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("classname=\"" + dir + "/values.yaml\" file=\"" + dir + "/values.yaml\" time=\"0\">\n      <skipped message=\"not linted: "),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"sparkmc lint\" tests=\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("skipped=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"sparkmc.files\" value=\"4\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"sparkmc.skipped\" value=\"1\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"sparkmc.suppressed\" value=\"2\"/>"), std::string::npos) << xml;

  // The check means something: a report without its counts fails it.
  std::string broken = xml;
  broken.replace(broken.find(" tests=\""), 1, " x");
  WriteFile(dir + "/broken.xml", broken);
  EXPECT_NE(ValidateJunit(dir + "/broken.xml", &err), 0);
}

TEST(Report, JunitEscapesWhatXmlCannotCarry) {
  REQUIRE_XMLLINT();
  std::string dir = TempDir();
  // A file name with markup, a control character (not allowed in XML 1.0,
  // even as a reference) and a byte that is not UTF-8.
  std::string name = dir + "/a&b<c>'\"\x01\xff.yaml";
  WriteFile(name, JobWith({"spark.acme.x: \"]]>&<\""}));
  std::string out = dir + "/lint.xml";
  RunResult r = RunSparkmc({"lint", "-f", "junit", "-o", out, name});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // a warning only
  std::string xml = ReadFile(out);
  std::string err;
  EXPECT_EQ(ValidateJunit(out, &err), 0) << err << xml;
  EXPECT_NE(xml.find("a&amp;b&lt;c&gt;&apos;&quot;\\u0001\\xFF.yaml"), std::string::npos) << xml;
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(Sarif, SuppressedFindingsAreResultsWithSuppressions) {
  std::string dir = TempDir();
  WriteFile(dir + "/job.yaml", ReadFile(SourcePath("testdata/lint/suppressed.yaml")));
  WriteFile(dir + "/.sparkmc.yaml",
            "ignore:\n  - {rule: unknown-spark-property, path: job.yaml, reason: the acme library reads these}\n");
  std::string out = dir + "/r.sarif";
  RunResult r = RunSparkmc({"lint", "-f", "sarif", "-o", out, "-f", "text", dir + "/job.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // everything is suppressed
  EXPECT_EQ(r.out, "0 errors, 0 warnings, 0 info in 1 file checked, 3 suppressed\n");
  nlohmann::json sarif = nlohmann::json::parse(ReadFile(out), nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  EXPECT_EQ(ValidateJson(sarif, SchemaId::kSarif).size(), 0u) << sarif.dump(1);
  const auto& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u) << sarif.dump(1);
  // The comment above line 12 names its reason; the one trailing line 13 none;
  // line 14 is covered by the config entry.
  const auto& s12 = results[0]["suppressions"][0];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(s12["kind"], "inSource");
  EXPECT_EQ(s12["justification"], "our own listener reads it");
  EXPECT_EQ(s12["location"]["physicalLocation"]["region"]["startLine"], 11);
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "inSource");
  EXPECT_FALSE(results[1]["suppressions"][0].contains("justification"));
  EXPECT_EQ(results[2]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[2]["suppressions"][0]["justification"], "the acme library reads these");
  EXPECT_EQ(sarif["runs"][0]["properties"]["summary"]["suppressed"], 3);
  EXPECT_EQ(sarif["runs"][0]["properties"]["summary"]["files"], 1);

  // The other formats leave them out and count them.
  RunResult j = RunSparkmc({"lint", "-f", "json", dir + "/job.yaml"});
  nlohmann::json json = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << j.out;
  EXPECT_EQ(json["findings"].size(), 0u);
  EXPECT_EQ(json["summary"]["suppressed"], 3);
  RunResult g = RunSparkmc({"lint", "-f", "github", dir + "/job.yaml"});
  EXPECT_EQ(g.out, "::notice title=sparkmc lint::sparkmc lint: 0 errors, 0 warnings, 0 info in 1 file checked, 3 suppressed.\n");
}

TEST(Sarif, RulesCarryHelpLinksAndSecuritySeverity) {
  RunResult r = RunSparkmc({"lint", "-f", "sarif", "testdata/lint/clean.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json sarif = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  EXPECT_EQ(ValidateJson(sarif, SchemaId::kSarif).size(), 0u);
  std::map<std::string, nlohmann::json> rules;
  for (const auto& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) rules[rule["id"]] = rule;
  for (const RuleSpec& spec : BuiltinRules()) {
    ASSERT_TRUE(rules.count(spec.id)) << spec.id;
    EXPECT_EQ(rules[spec.id]["helpUri"], "https://github.com/sparkmc/sparkmc/blob/main/docs/rules.md#" + spec.id);
  }
  for (const char* id : {"insecure-setting", "config-injection"}) {
    EXPECT_EQ(rules[id]["properties"]["security-severity"], "8.0") << id;
    EXPECT_EQ(rules[id]["properties"]["tags"], nlohmann::json::array({"security"})) << id;
  }
  EXPECT_FALSE(rules["missing-monitoring"].contains("properties"));
  EXPECT_TRUE(rules.count("bare-suppression"));
  EXPECT_TRUE(rules.count("internal-error"));
}

TEST(Sarif, StopsAtGithubsResultLimitAndSaysSo) {
  // 251 jobs of 100 unknown properties each (StartJobRun allows no more per
  // classification): 25,100 warnings.
  std::string dir = TempDir();
  ::mkdir((dir + "/jobs").c_str(), 0755);
  for (int f = 0; f < 251; ++f) {
    std::vector<std::string> props;
    for (int i = 0; i < 100; ++i) props.push_back(fmt::format("spark.acme.p{:05}: x", f * 100 + i));
    WriteFile(fmt::format("{}/jobs/job{:03}.yaml", dir, f), JobWith(props));
  }
  std::string out = dir + "/r.sarif";
  RunResult r = RunSparkmc({"lint", "-f", "sarif", "-o", out, dir + "/jobs"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("r.sarif: warning: report cut at GitHub's limits: this SARIF report holds the first 25000 of 25100 results"),
            std::string::npos)
      << r.err;
  nlohmann::json sarif = nlohmann::json::parse(ReadFile(out), nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["results"].size(), 25000u);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_NE(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find("first 25000 of 25100"),
            std::string::npos);
  EXPECT_EQ(run["properties"]["summary"]["warnings"], 25100);
  // Results stay a prefix, in file order: the 25,000th is the last of job249.yaml.
  const auto& last = run["results"][24999]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  EXPECT_NE(last.get<std::string>().find("/jobs/job249.yaml"), std::string::npos) << last;
  EXPECT_LT(ReadFile(out).size(), 10000000u);
  EXPECT_EQ(ValidateJson(sarif, SchemaId::kSarif).size(), 0u);
}

TEST(Report, GithubAnnotatesTenErrorsThenTenWarningsThenSummarises) {
  std::string dir = TempDir();
  // 12 unknown properties (warnings) come before 12 forbidden ones (errors,
  // and unknown too): 12 errors and 24 warnings, warnings first in the file.
  std::vector<std::string> props;
  std::string keys;
  for (int i = 0; i < 12; ++i) props.push_back(fmt::format("spark.acme.w{:02}: x", i));
  for (int i = 0; i < 12; ++i) {
    props.push_back(fmt::format("spark.acme.e{:02}: x", i));
    keys += fmt::format("{}spark.acme.e{:02}: is forbidden", i ? ", " : "", i);
  }
  WriteFile(dir + "/job.yaml", JobWith(props));
  WriteFile(dir + "/.sparkmc.yaml",
            "customRules:\n  - id: no-acme\n    kind: forbidden-key\n    severity: error\n    summary: s\n    rationale: r\n"
            "    remediation: Remove it.\n    params: {keys: {" + keys + "}}\n");
  std::string sarif = dir + "/full.sarif";
  RunResult r = RunSparkmc({"lint", "-f", "github", "-f", "sarif", "-o", sarif, dir + "/job.yaml"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 21u) << r.out;
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(lines[i].rfind("::error file=", 0), 0u) << lines[i];
  for (size_t i = 10; i < 20; ++i) EXPECT_EQ(lines[i].rfind("::warning file=", 0), 0u) << lines[i];
  // The first errors and warnings in file order.
  EXPECT_NE(lines[0].find(fmt::format(",line={},", kFirstPropertyLine + 12)), std::string::npos) << lines[0];
  EXPECT_NE(lines[10].find(fmt::format(",line={},", kFirstPropertyLine)), std::string::npos) << lines[10];
  EXPECT_EQ(lines[20], "::notice title=sparkmc lint::sparkmc lint: 12 errors, 24 warnings, 0 info in 1 file checked. "
                       "Annotated: 10 of 12 errors, 10 of 24 warnings (GitHub shows at most 10 of each per step). "
                       "Full report: " + sarif + " (sarif).");
  // Without another report, the notice says how to get every finding.
  RunResult alone = RunSparkmc({"lint", "-f", "github", dir + "/job.yaml"});
  EXPECT_NE(alone.out.find("For every finding, run sparkmc lint with -f text, or add -f sarif -o FILE.\n"), std::string::npos)
      << alone.out;
}

TEST(Report, SummaryCountsFilesSkippedAndSuppressed) {
  std::string dir = TempDir();
  WriteFile(dir + "/values.yaml", "replicaCount: 2\n");
  std::vector<std::string> args = {"testdata/lint/suppressed.yaml", "testdata/lint/clean.yaml", dir + "/values.yaml"};
  auto run = [&](const std::string& format) {
    std::vector<std::string> argv = {"lint", "-f", format};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunSparkmc(argv);
  };
  RunResult text = run("text");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("\n0 errors, 1 warning, 0 info in 2 files checked, 1 skipped, 2 suppressed\n"), std::string::npos) << text.out;
  RunResult json = run("json");
  nlohmann::json j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json.out;
  EXPECT_EQ(j["summary"], nlohmann::json::parse(R"({"files":2,"skipped":1,"suppressed":2,"errors":0,"warnings":1,"infos":0})"));
  RunResult sarif = run("sarif");
  nlohmann::json s = nlohmann::json::parse(sarif.out, nullptr, false);
  ASSERT_FALSE(s.is_discarded());
  EXPECT_EQ(s["runs"][0]["properties"]["summary"], j["summary"]);
  RunResult github = run("github");
  EXPECT_NE(github.out.find("::notice title=sparkmc lint::sparkmc lint: 0 errors, 1 warning, 0 info in 2 files checked, 1 skipped, "
                            "2 suppressed.\n"),
            std::string::npos)
      << github.out;
  RunResult junit = run("junit");
  EXPECT_NE(junit.out.find("<property name=\"sparkmc.suppressed\" value=\"2\"/>"), std::string::npos) << junit.out;
  EXPECT_NE(junit.out.find("<property name=\"sparkmc.files\" value=\"2\"/>"), std::string::npos) << junit.out;
  // A clean run stays quiet in text.
  EXPECT_EQ(RunSparkmc({"lint", "testdata/lint/clean.yaml"}).out, "");
}

TEST(Report, NoInlineSuppressions) {
  std::string dir = TempDir();
  WriteFile(dir + "/job.yaml", JobWith({"# sparkmc:ignore", "spark.acme.one: x",
                                        "spark.acme.two: y  # sparkmc:ignore -- a reason, but no rule",
                                        "spark.acme.three: z  # sparkmc:ignore unknown-spark-property -- named",
                                        "spark.acme.four: z  # sparkmc:ignore unknown-spark-property"}));
  WriteFile(dir + "/other.yaml", JobWith({"spark.acme.five: z"}));
  WriteFile(dir + "/.sparkmc.yaml", "ignore:\n  - {rule: unknown-spark-property, path: other.yaml, reason: config}\n");
  RunResult honoured = RunSparkmc({"lint", "-f", "json", dir + "/job.yaml", dir + "/other.yaml"});
  nlohmann::json h = nlohmann::json::parse(honoured.out, nullptr, false);
  ASSERT_FALSE(h.is_discarded()) << honoured.out << honoured.err;
  EXPECT_EQ(h["findings"].size(), 0u) << h.dump(1);
  EXPECT_EQ(h["summary"]["suppressed"], 5);
  EXPECT_EQ(honoured.exit_code, 0);

  RunResult strict = RunSparkmc({"lint", "-f", "json", "--no-inline-suppressions", dir + "/job.yaml", dir + "/other.yaml"});
  nlohmann::json s = nlohmann::json::parse(strict.out, nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << strict.out << strict.err;
  std::set<std::string> found;
  for (const auto& f : s["findings"]) {
    found.insert(fmt::format("{}:{}:{}", f["rule"].get<std::string>(), f["line"].get<int>(), f["column"].get<int>()));
    if (f["rule"] == "bare-suppression") EXPECT_EQ(f["severity"], "warning");
  }
  int l = kFirstPropertyLine;
  EXPECT_EQ(found, (std::set<std::string>{
                       fmt::format("bare-suppression:{}:9", l),  // the comment on its own line
                       fmt::format("unknown-spark-property:{}:25", l + 1),
                       fmt::format("bare-suppression:{}:28", l + 2),  // the trailing comment
                       fmt::format("unknown-spark-property:{}:25", l + 2),
                       fmt::format("unknown-spark-property:{}:27", l + 3),  // its comment names the rule, but is not honoured
                       fmt::format("unknown-spark-property:{}:26", l + 4),
                   }))
      << s.dump(1);
  EXPECT_EQ(s["summary"]["suppressed"], 1);  // the config entry still applies
  EXPECT_EQ(strict.exit_code, 0);
  EXPECT_EQ(RunSparkmc({"lint", "--no-inline-suppressions", "--fail-on", "warning", dir + "/job.yaml"}).exit_code, 1);
}

TEST(Report, SecuritySeverityIsChecked) {
  auto error = [](const std::string& value) -> std::string {
    SourceFile src{"r.yaml", "id: x\nkind: conflict\nseverity: warning\nsummary: s\nrationale: r\nremediation: Do it.\n"
                             "securitySeverity: " + value + "\n"};
    try {
      return ParseRule(ParseDocuments(src)[0], src).security_severity;
    } catch (const InputError& e) {
      return std::string("error: ") + e.what();
    }
  };
  EXPECT_EQ(error("\"8.0\""), "8.0");
  EXPECT_EQ(error("\"10.0\""), "10.0");
  EXPECT_EQ(error("\"0.1\""), "0.1");
  for (const char* bad : {"high", "\"8\"", "\"11.0\"", "\"8.25\"", "\"-1.0\"", "\"1..\""}) {
    EXPECT_EQ(error(bad).rfind("error: securitySeverity must be", 0), 0u) << bad;
  }
}

}  // namespace
}  // namespace sparkmc::test
