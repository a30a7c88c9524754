// The built-in table of pod-template skeletons
// (compiler/data/emr/pod-template-skeletons.txt) holds every skeleton the
// built-in releases render, each with the tree yaml-cpp reads it as, so
// `sparkmc compile` reads no pod template with yaml-cpp. The table is derived
// from the templates: when they change, this test fails, and it rewrites the
// table when run with SPARKMC_UPDATE_SKELETONS=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "compiler/driver/compile.h"
#include "compiler/emit/rendered_yaml.h"
#include "compiler/load/document.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::vector<std::string>* recorded = nullptr;
void Record(const std::string& skeleton) { recorded->push_back(skeleton); }

/// Every release line of release-facts.tsv.
std::vector<std::string> ReleaseLines() {
  std::vector<std::string> out;
  std::istringstream in(ReadFile(SourcePath("compiler/data/emr/release-facts.tsv")));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out.push_back(line.substr(0, line.find('\t')));
  }
  return out;
}

/// The monitoring a job may ask for: each choice of sections the pod
/// templates have (logging to CloudWatch, S3, both, none; the persistent UI).
std::vector<std::string> Monitorings() {
  std::vector<std::string> out = {""};
  const std::string cw = R"("cloudWatchMonitoringConfiguration": {"logGroupName": "/emr/jobs"})";
  const std::string s3 = R"("s3MonitoringConfiguration": {"logUri": "s3://logs/emr/"})";
  for (const char* ui : {"ENABLED", "DISABLED"}) {
    std::string p = std::string(R"("persistentAppUI": ")") + ui + "\"";
    for (const std::string& logs : {std::string(), cw, s3, cw + ", " + s3}) {
      out.push_back(R"(, "configurationOverrides": {"monitoringConfiguration": {)" + p + (logs.empty() ? "" : ", " + logs) + "}}");
    }
  }
  return out;
}

/// Compiles a job for every release line and monitoring choice.
void CompileEveryShape() {
  std::string pi = ReadFile(SourcePath("examples/pi.json"));
  size_t release = pi.find("emr-6.8.0-latest");
  ASSERT_NE(release, std::string::npos);
  for (const std::string& line : ReleaseLines()) {
    for (const std::string& monitoring : Monitorings()) {
      std::string job = pi;
      job.replace(release, 16, "emr-" + line + ".0-latest");
      job.insert(job.rfind('}'), monitoring);
      auto source = std::make_shared<SourceFile>(SourceFile{"job.json", job});
      std::vector<LoadedJob> jobs = LoadJobs(source, LoadOptions{});
      ASSERT_EQ(jobs.size(), 1u);
      ASSERT_TRUE(jobs[0].job) << job;
      ContextFlags flags{"emr-cli", "us-east-1", "0000000337okspsc913"};
      ASSERT_FALSE(Compile(jobs[0], ResolveContext(jobs[0], flags, ProjectConfig{})).empty());
    }
  }
}

TEST(SkeletonTable, HoldsEverySkeletonTheBuiltInReleasesRender) {
  std::vector<std::string> seen;
  recorded = &seen;
  SetSkeletonHook(Record);
  size_t parses = RenderedYamlSkeletonParses();
  CompileEveryShape();
  SetSkeletonHook(nullptr);
  size_t missed = RenderedYamlSkeletonParses() - parses;
  ASSERT_FALSE(seen.empty());
  std::string path = SourcePath("compiler/data/emr/pod-template-skeletons.txt");
  std::string want = SkeletonTable(seen);
  if (std::getenv("SPARKMC_UPDATE_SKELETONS")) {
    WriteFile(path, want);
    GTEST_SKIP() << "rewrote " << path << "; rebuild";
  }
  EXPECT_EQ(ReadFile(path), want) << "the pod templates changed: run this test with SPARKMC_UPDATE_SKELETONS=1, then rebuild";
  // The binary holds the same table, and used it: no skeleton was read.
  EXPECT_EQ(missed, 0u);
}

}  // namespace
}  // namespace sparkmc::test
