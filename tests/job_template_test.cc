// Job templates: a run (jobTemplateId + jobTemplateParameters) compiles with
// the template it names, placeholders resolved as EMR resolves them, and
// every problem is located in the file that wrote it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

const char kDir[] = "testdata/job-templates";

TEST(JobTemplate, RunCompilesWithTheTemplateFromProjectConfig) {
  RunResult r = RunSparkmc({"compile", std::string(kDir) + "/run.json", "--job-id", "0000000000000000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The template's sparkSubmitParameters with ${Executors} from the run are
  // spark-submit arguments, not spark-defaults; the release and log bucket
  // come from the template (its default, and its own logUri).
  EXPECT_NE(r.out.find("/spark/emr-6.8.0:latest"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("my-logs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("namespace: emr-etl"), std::string::npos);
}

TEST(JobTemplate, TemplateFlagOverridesAndWithoutItCompileSaysWhatItNeeds) {
  std::string dir = TempDir();
  WriteFile(dir + "/run.json", ReadFile(SourcePath(std::string(kDir) + "/run.json")));
  RunResult missing = RunSparkmc({"compile", dir + "/run.json", "--namespace", "n", "--region", "us-west-2"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("job template 'a1b2c3d4e5'"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("--job-template"), std::string::npos) << missing.err;
  RunResult given = RunSparkmc({"compile", dir + "/run.json", "--namespace", "n", "--region", "us-west-2", "--job-template",
                                SourcePath(std::string(kDir) + "/templates/etl.json")});
  EXPECT_EQ(given.exit_code, 0) << given.err;
}

TEST(JobTemplate, ParameterProblemsAreLocatedInTheRun) {
  RunResult r = RunSparkmc({"lint", "-f", "json", std::string(kDir) + "/run-missing-param.json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  std::set<std::string> seen;
  for (const auto& f : j["findings"]) {
    std::string m = f["message"];
    if (m.find("EntryPoint' has no default") != std::string::npos) seen.insert("missing@" + std::to_string(f["line"].get<int>()));
    if (m.find("is a NUMBER") != std::string::npos) seen.insert("number@" + std::to_string(f["line"].get<int>()));
    if (m.find("declares no parameter 'Unknown'") != std::string::npos) seen.insert("unknown@" + std::to_string(f["line"].get<int>()));
    if (m.find("parameter") != std::string::npos) {
      EXPECT_NE(f["file"].get<std::string>().find("run-missing-param.json"), std::string::npos) << f.dump();
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"missing@4", "number@6", "unknown@7"})) << r.out;
  RunResult c = RunSparkmc({"compile", std::string(kDir) + "/run-missing-param.json"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("run-missing-param.json:"), std::string::npos) << c.err;
}

TEST(JobTemplate, TemplateLintsOnItsOwnWithPlaceholders) {
  RunResult r = RunSparkmc({"lint", "-f", "json", std::string(kDir) + "/templates/etl.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["summary"]["skipped"], 0);
  for (const auto& f : j["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();
}

TEST(JobTemplate, UndeclaredPlaceholderIsAnErrorInTheTemplate) {
  std::string dir = TempDir();
  std::string t = ReadFile(SourcePath(std::string(kDir) + "/templates/etl.json"));
  t.replace(t.find("${InputPath}"), 12, "${InputPth}");
  WriteFile(dir + "/t.json", t);
  RunResult r = RunSparkmc({"lint", dir + "/t.json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("t.json:9:33: error: placeholder ${InputPth} names no parameter"), std::string::npos) << r.out;
}

TEST(JobTemplate, RequestWithNeitherDriverNorTemplateIsRefused) {
  std::string dir = TempDir();
  WriteFile(dir + "/j.json", "{\"virtualClusterId\": \"abc\", \"name\": \"x\", \"releaseLabel\": \"emr-6.8.0-latest\", "
                             "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/r\"}");
  RunResult r = RunSparkmc({"compile", dir + "/j.json", "--namespace", "n", "--region", "us-west-2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("neither jobDriver nor jobTemplateId"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sparkmc::test
