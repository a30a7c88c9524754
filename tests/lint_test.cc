// lint, check and the catalogue commands, as a user runs them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "compiler/check/schema.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

nlohmann::json JsonFindings(const std::vector<std::string>& args, RunResult* r) {
  std::vector<std::string> all = {"lint", "-f", "json"};
  all.insert(all.end(), args.begin(), args.end());
  *r = RunSparkmc(all);
  return nlohmann::json::parse(r->out, nullptr, false);
}

bool Has(const nlohmann::json& report, const std::string& rule, int line, int column) {
  for (const auto& f : report["findings"]) {
    if (f["rule"] == rule && f["line"] == line && f["column"] == column) return true;
  }
  return false;
}

TEST(Lint, ExitCodesFollowFailOn) {
  EXPECT_EQ(RunSparkmc({"lint", "testdata/lint/clean.yaml"}).exit_code, 0);
  // Warnings only: 0 by default, 1 with --fail-on warning.
  EXPECT_EQ(RunSparkmc({"lint", "examples/pi.json"}).exit_code, 0);
  EXPECT_EQ(RunSparkmc({"lint", "examples/pi.json", "--fail-on", "warning"}).exit_code, 1);
  EXPECT_EQ(RunSparkmc({"lint", "testdata/lint/located.json"}).exit_code, 1);
  EXPECT_EQ(RunSparkmc({"lint", "testdata/malformed/syntax-truncated.json"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"lint", "-f", "xml", "examples/pi.json"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"lint", "no/such/file.yaml"}).exit_code, 2);
}

TEST(Lint, TextFormat) {
  RunResult r = RunSparkmc({"lint", "testdata/lint/located.json"});
  EXPECT_NE(r.out.find("testdata/lint/located.json:8:68: error: invalid value '1.5g' for spark.executor.memory (bytes): "
                       "fractional sizes are not supported; use a smaller unit (1536m, not 1.5g) [invalid-spark-value]\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 errors, 0 warnings, 0 info in 1 file checked\n"), std::string::npos) << r.out;
}

TEST(Lint, FindingsPointIntoJsonYamlAndAckStrings) {
  RunResult r;
  nlohmann::json json = JsonFindings({"testdata/lint/located.json"}, &r);
  ASSERT_FALSE(json.is_discarded()) << r.out << r.err;
  EXPECT_TRUE(Has(json, "invalid-spark-value", 8, 68)) << json.dump(1);   // inside sparkSubmitParameters
  EXPECT_TRUE(Has(json, "invalid-spark-value", 13, 94)) << json.dump(1);  // a property value
  nlohmann::json ack = JsonFindings({"testdata/lint/ack-located.yaml"}, &r);
  ASSERT_FALSE(ack.is_discarded()) << r.out << r.err;
  // Inside the configurationOverrides block string, at the line the user wrote.
  EXPECT_TRUE(Has(ack, "schema", 23, 9)) << ack.dump(1);                   // LogURI2: unknown
  EXPECT_TRUE(Has(ack, "invalid-spark-value", 14, 38)) << ack.dump(1);
  nlohmann::json yaml = JsonFindings({"tests/rules/unknown-spark-property/fire.yaml"}, &r);
  EXPECT_TRUE(Has(yaml, "unknown-spark-property", 18, 32)) << yaml.dump(1);
  for (const auto& f : json["findings"]) EXPECT_GT(f["line"].get<int>(), 1);
}

TEST(Lint, AckUnknownKeyInStringIsReportedThoughAckDropsIt) {
  RunResult r;
  nlohmann::json ack = JsonFindings({"testdata/lint/ack-located.yaml"}, &r);
  bool found = false;
  for (const auto& f : ack["findings"]) {
    found |= f["message"].get<std::string>().find("unknown field 'LogURI2'") != std::string::npos;
  }
  EXPECT_TRUE(found) << ack.dump(1);
  EXPECT_EQ(RunSparkmc({"compile", "testdata/lint/ack-located.yaml", "--namespace", "a", "--region", "us-east-1"}).exit_code, 2);
}

TEST(Lint, SarifValidatesAndHasRegions) {
  std::string out = TempDir() + "/r.sarif";
  RunResult r = RunSparkmc({"lint", "-f", "sarif", "-o", out, "-f", "text", "testdata/lint/located.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[invalid-spark-value]"), std::string::npos);  // the text report went to stdout
  nlohmann::json sarif = nlohmann::json::parse(ReadFile(out), nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  EXPECT_EQ(ValidateJson(sarif, SchemaId::kSarif).size(), 0u);
  const auto& run = sarif["runs"][0];
  EXPECT_GE(run["tool"]["driver"]["rules"].size(), 13u);
  ASSERT_GE(run["results"].size(), 2u);
  const auto& region = run["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 8);
  EXPECT_EQ(region["startColumn"], 68);
  // A broken SARIF document fails the same check, so the check means something.
  sarif["runs"][0]["results"][0]["level"] = "catastrophic";
  EXPECT_GT(ValidateJson(sarif, SchemaId::kSarif).size(), 0u);

  // Suppressed findings stay, as results with `suppressions`, and still validate.
  RunResult s = RunSparkmc({"lint", "-f", "sarif", "-o", out, "testdata/lint/suppressed.yaml"});
  EXPECT_EQ(s.exit_code, 0) << s.err;
  nlohmann::json suppressed = nlohmann::json::parse(ReadFile(out), nullptr, false);
  ASSERT_FALSE(suppressed.is_discarded());
  EXPECT_EQ(ValidateJson(suppressed, SchemaId::kSarif).size(), 0u) << suppressed.dump(1);
  const auto& results = suppressed["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u) << suppressed.dump(1);
  EXPECT_EQ(results[0]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[0]["suppressions"][0]["justification"], "our own listener reads it");
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "inSource");
  EXPECT_FALSE(results[2].contains("suppressions"));
  suppressed["runs"][0]["results"][0]["suppressions"][0]["kind"] = "ignoredInSomeWay";
  EXPECT_GT(ValidateJson(suppressed, SchemaId::kSarif).size(), 0u);
}

TEST(Lint, GithubAnnotations) {
  RunResult r = RunSparkmc({"lint", "-f", "github", "testdata/lint/located.json"});
  EXPECT_NE(r.out.find("::error file=testdata/lint/located.json,line=8,col=68,title=sparkmc invalid-spark-value::"),
            std::string::npos)
      << r.out;
}

TEST(Lint, InlineSuppressions) {
  RunResult r;
  nlohmann::json j = JsonFindings({"testdata/lint/suppressed.yaml"}, &r);
  ASSERT_EQ(j["findings"].size(), 1u) << j.dump(1);
  EXPECT_EQ(j["findings"][0]["line"], 14);
}

TEST(Lint, ConfigIgnoresOverridesAndCustomRules) {
  std::string dir = TempDir();
  WriteFile(dir + "/job.yaml", ReadFile(SourcePath("examples/pi-prometheus.json")));
  WriteFile(dir + "/.sparkmc.yaml",
            "ignore:\n  - rule: non-spark-key-in-spark-defaults\n    path: job.yaml\n"
            "rules:\n  missing-monitoring: error\n"
            "customRules:\n  - id: no-executor-instances\n    kind: forbidden-key\n    severity: error\n"
            "    summary: s\n    rationale: r\n    remediation: Use dynamic allocation.\n"
            "    params: {keys: {spark.executor.instances: is fixed by the platform}}\n");
  RunResult r;
  nlohmann::json j = JsonFindings({dir + "/job.yaml"}, &r);
  ASSERT_FALSE(j.is_discarded()) << r.err;
  std::set<std::string> rules;
  for (const auto& f : j["findings"]) rules.insert(f["rule"].get<std::string>() + ":" + f["severity"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"missing-monitoring:error", "no-executor-instances:error"})) << j.dump(1);
  EXPECT_EQ(r.exit_code, 1);
}

TEST(Lint, BadConfigIsBadInput) {
  std::string dir = TempDir();
  WriteFile(dir + "/job.json", ReadFile(SourcePath("examples/pi.json")));
  WriteFile(dir + "/.sparkmc.yaml", "ignroe: []\n");
  RunResult r = RunSparkmc({"lint", dir + "/job.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".sparkmc.yaml:1:1: error: unknown key 'ignroe' in .sparkmc.yaml, did you mean 'ignore'?"),
            std::string::npos)
      << r.err;
}

TEST(Lint, ConfigMistakesAreBadInputNotCrashes) {
  auto lint_with = [](const std::string& config) {
    std::string dir = TempDir();
    WriteFile(dir + "/job.json", ReadFile(SourcePath("examples/pi.json")));
    WriteFile(dir + "/.sparkmc.yaml", config);
    return RunSparkmc({"lint", dir + "/job.json"});
  };
  RunResult typo = lint_with("rules:\n  missing-monitorin: off\n");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find(":2:3: error: no rule 'missing-monitorin', did you mean 'missing-monitoring'?"), std::string::npos)
      << typo.err;
  EXPECT_EQ(lint_with("ignore:\n  - rule: shcema\n").exit_code, 2);
  EXPECT_EQ(lint_with("rules:\n  missing-monitoring: {enabled: maybe}\n").exit_code, 2);
  // `enabled: no` disables, as YAML 1.1 readers would expect.
  RunResult off = lint_with("rules:\n  missing-monitoring: {enabled: no}\n");
  EXPECT_EQ(off.out, "");
  // A custom rule whose params do not fit its kind is refused at its line, not a crash.
  const std::string head = "customRules:\n  - id: x\n    kind: pod-allowlist\n    severity: error\n    summary: s\n"
                           "    rationale: r\n    remediation: Do it.\n";
  RunResult missing_file = lint_with(head + "    params: {podAllowlist: data/nope.txt, containerAllowlist: data/nope.txt}\n");
  EXPECT_EQ(missing_file.exit_code, 2) << missing_file.err;
  EXPECT_NE(missing_file.err.find("parameter 'containerAllowlist' of kind 'pod-allowlist' must be the path of one of sparkmc's data files"),
            std::string::npos)
      << missing_file.err;
  RunResult wrong_type = lint_with(
      "customRules:\n  - id: y\n    kind: memory-limit\n    severity: error\n    summary: s\n    rationale: r\n"
      "    remediation: Do it.\n    params: {maxPodMemory: 4096}\n");
  EXPECT_EQ(wrong_type.exit_code, 2) << wrong_type.err;
}

TEST(Lint, OutputFlagMistakesAreUsageErrors) {
  std::string dir = TempDir();
  EXPECT_EQ(RunSparkmc({"lint", "-f", "json", "-o", dir + "/a.json", "-o", dir + "/b.json", "examples/pi.json"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"lint", "-f", "json", "-o", dir + "/s", "-f", "text", "-o", dir + "/s", "examples/pi.json"}).exit_code, 2);
  EXPECT_EQ(ReadFile(dir + "/a.json"), "");
}

TEST(Lint, OrderIsDeterministicWhateverTheThreads) {
  RunResult a = RunSparkmc({"lint", "-j", "1", "tests/rules", "examples"});
  RunResult b = RunSparkmc({"lint", "-j", "8", "examples", "tests/rules"});
  EXPECT_EQ(a.out, b.out);
  EXPECT_FALSE(a.out.empty());
}

TEST(Lint, PodTemplateOnItsOwn) {
  RunResult r = RunSparkmc({"lint", "--role", "driver", "tests/rules/allowlist-violation/fire-driver-template.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("fire-driver-template.yaml:5:3: error: pod.spec.hostNetwork is not in EMR's driver pod allowlist"),
            std::string::npos)
      << r.out;
}

TEST(Lint, NeedsNoFlags) {
  std::string dir = TempDir();
  WriteFile(dir + "/job.json", ReadFile(SourcePath("testdata/lint/clean.yaml")));
  RunResult r = RunSparkmc({"lint", dir + "/job.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(Check, DetectsChangedMissingAndExtraManifests) {
  std::string root = TempDir();
  ::mkdir((root + "/jobs").c_str(), 0755);
  WriteFile(root + "/jobs/pi.json", ReadFile(SourcePath("examples/pi.json")));
  WriteFile(root + "/jobs/.sparkmc.yaml", ReadFile(SourcePath("examples/.sparkmc.yaml")));
  // A pod template kept beside the jobs is not a job: check skips it.
  WriteFile(root + "/jobs/driver.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n");
  ASSERT_EQ(RunSparkmc({"compile", root + "/jobs/pi.json", "-o", root + "/manifests/pi"}).exit_code, 0);
  RunResult ok = RunSparkmc({"check", root + "/manifests", root + "/jobs"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  // Linting the whole tree leaves the compiled manifests alone.
  RunResult lint = RunSparkmc({"lint", root, "-f", "json"});
  EXPECT_EQ(lint.out.find("manifests/pi/"), std::string::npos) << lint.out;
  EXPECT_NE(lint.exit_code, 2) << lint.err;

  WriteFile(root + "/manifests/pi/fluentd.yaml", "changed\n");
  RunResult changed = RunSparkmc({"check", root + "/manifests", root + "/jobs"});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.out.find("manifests/pi/fluentd.yaml: differs"), std::string::npos) << changed.out;

  ::unlink((root + "/manifests/pi/fluentd.yaml").c_str());
  WriteFile(root + "/manifests/pi/stale.yaml", "x\n");
  ::mkdir((root + "/manifests/gone").c_str(), 0755);
  RunResult drift = RunSparkmc({"check", root + "/manifests", root + "/jobs"});
  EXPECT_EQ(drift.exit_code, 1);
  EXPECT_NE(drift.out.find("manifests/pi/fluentd.yaml: missing"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("manifests/pi/stale.yaml: extra"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("manifests/gone: extra"), std::string::npos) << drift.out;
}

TEST(Check, WorksForOpenSourceTargetsToo) {
  std::string root = TempDir();
  ::mkdir((root + "/jobs").c_str(), 0755);
  WriteFile(root + "/jobs/pi.json", ReadFile(SourcePath("examples/pi.json")));
  WriteFile(root + "/jobs/.sparkmc.yaml", ReadFile(SourcePath("examples/.sparkmc.yaml")) + "sparkImage: apache/spark:3.5.1\n");
  ASSERT_EQ(RunSparkmc({"compile", root + "/jobs/pi.json", "--target", "spark-operator", "-o", root + "/manifests/pi"}).exit_code, 0);
  EXPECT_EQ(RunSparkmc({"check", root + "/manifests", root + "/jobs", "--target", "spark-operator"}).exit_code, 0);
  RunResult wrong = RunSparkmc({"check", root + "/manifests", root + "/jobs"});  // compiled for another target
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.out.find("missing"), std::string::npos) << wrong.out;
}

TEST(Catalogue, ExplainAndSchema) {
  RunResult e = RunSparkmc({"explain", "allowlist-violation"});
  EXPECT_EQ(e.exit_code, 0);
  EXPECT_NE(e.out.find("## allowlist-violation"), std::string::npos);
  RunResult bad = RunSparkmc({"explain", "allowlist-violaton"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("did you mean 'allowlist-violation'"), std::string::npos);
  RunResult s = RunSparkmc({"schema"});
  EXPECT_EQ(s.exit_code, 0);
  nlohmann::json schema = nlohmann::json::parse(s.out, nullptr, false);
  ASSERT_FALSE(schema.is_discarded());
  EXPECT_TRUE(schema["properties"].contains("jobDriver"));
}

}  // namespace
}  // namespace sparkmc::test
