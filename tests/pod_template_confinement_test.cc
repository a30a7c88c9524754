// A job names its pod templates by path; the open-source targets copy them
// into the manifests. A job file in a pull request must not pull a file from
// outside the project, nor smuggle keys a Pod does not have.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::string JobNaming(const std::string& template_path) {
  std::string job = ReadFile(SourcePath("examples/pi.json"));
  size_t at = job.find("\"sparkSubmitParameters\": \"") + std::string("\"sparkSubmitParameters\": \"").size();
  job.insert(at, "--conf spark.kubernetes.driver.podTemplateFile=" + template_path + " ");
  return job;
}

RunResult CompileOss(const std::string& dir) {
  return RunSparkmc({"compile", dir + "/project/job.json", "--target", "spark-operator", "--namespace", "n",
                     "--image", "apache/spark:3.5.1"});
}

TEST(PodTemplates, OutsideTheProjectIsRefusedAtTheProperty) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/project");
  WriteFile(dir + "/secret.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n");
  for (const std::string& path : {std::string("../secret.yaml"), dir + "/secret.yaml"}) {
    WriteFile(dir + "/project/job.json", JobNaming(path));
    RunResult r = CompileOss(dir);
    EXPECT_EQ(r.exit_code, 2) << path;
    EXPECT_NE(r.err.find("job.json:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("is outside the project"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    RunResult l = RunSparkmc({"lint", dir + "/project/job.json"});
    EXPECT_EQ(l.exit_code, 1) << l.err;
    EXPECT_NE(l.out.find("is outside the project"), std::string::npos) << l.out;
  }
}

TEST(PodTemplates, ASymlinkOutOfTheProjectIsOutside) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/project");
  WriteFile(dir + "/secret.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n");
  std::filesystem::create_symlink(dir + "/secret.yaml", dir + "/project/driver.yaml");
  WriteFile(dir + "/project/job.json", JobNaming("driver.yaml"));
  RunResult r = CompileOss(dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is outside the project"), std::string::npos) << r.err;
}

TEST(PodTemplates, MustBeAPod) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/project");
  WriteFile(dir + "/project/job.json", JobNaming("driver.yaml"));
  WriteFile(dir + "/project/driver.yaml", "apiVersion: v1\nkind: Pod\nstolen: {password: x}\nspec: {}\n");
  RunResult r = CompileOss(dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("driver.yaml:3:1: error: 'stolen' is not a field of a Pod"), std::string::npos) << r.err;
  WriteFile(dir + "/project/driver.yaml", "apiVersion: v1\nkind: Secret\ndata: {}\n");
  r = CompileOss(dir);
  EXPECT_EQ(r.exit_code, 2);
  WriteFile(dir + "/project/driver.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector: {a: b}\n");
  r = CompileOss(dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nodeSelector"), std::string::npos);
}

}  // namespace
}  // namespace sparkmc::test
