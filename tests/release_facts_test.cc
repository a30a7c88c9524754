// Every release, honestly: output for a release sparkmc has no capture of is
// marked as derived, --require-exact refuses it, and the facts a partial 7.x
// capture shows (shared/notes/emr-releases.md section 2) are applied.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::string JobWithRelease(const std::string& label) {
  std::string job = ReadFile(SourcePath("examples/pi-logs.json"));
  job.replace(job.find("emr-6.8.0-latest"), 16, label);
  std::string path = TempDir() + "/job.json";
  WriteFile(path, job);
  return path;
}

TEST(ReleaseFacts, CapturedReleaseCompilesWithoutAWord) {
  RunResult r = RunSparkmc({"compile", "examples/pi-logs.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(RunSparkmc({"compile", "examples/pi-logs.json", "--namespace", "emr-cli", "--region", "ap-northeast-2",
                        "--require-exact"}).exit_code, 0);
}

TEST(ReleaseFacts, DerivedReleaseSaysSoAndRequireExactRefusesIt) {
  std::string job = JobWithRelease("emr-7.2.0-latest");
  RunResult r = RunSparkmc({"compile", job, "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // One warning: how many settings rest on which release, and the way out.
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("job.json:5:19: warning: emr-7.2.0-latest: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" settings derived from emr-6.8.0, 1 from emr-7.0.0; run `sparkmc capture` on one of your jobs "
                       "to make them exact"), std::string::npos) << r.err;
  RunResult exact = RunSparkmc({"compile", job, "--namespace", "emr-cli", "--region", "ap-northeast-2", "--require-exact"});
  EXPECT_EQ(exact.exit_code, 2);
  EXPECT_EQ(exact.out, "");
  EXPECT_NE(exact.err.find("job.json:5:19: error:"), std::string::npos) << exact.err;
}

TEST(ReleaseFacts, SevenXDriverSidecarCarriesThePartialCapturesFacts) {
  RunResult r = RunSparkmc({"compile", JobWithRelease("emr-7.0.0-latest"), "--namespace", "emr-cli", "--region",
                            "ap-northeast-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The driver template (before the executor's) has the 7.x sidecar env.
  size_t executor = r.out.find("executor: |");
  ASSERT_NE(executor, std::string::npos);
  std::string driver = r.out.substr(0, executor);
  EXPECT_NE(driver.find("K8S_SPARK_LOG_URL_STDOUT_ROT"), std::string::npos);
  EXPECT_NE(driver.find("K8S_SPARK_LOG_URL_STDERR_ROT"), std::string::npos);
  EXPECT_NE(driver.find("value: \"1.2\""), std::string::npos);
  EXPECT_EQ(driver.find("value: \"0.9\""), std::string::npos);
  // 6.8.0's sidecar keeps its own values.
  RunResult six = RunSparkmc({"compile", "examples/pi-logs.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  EXPECT_EQ(six.out.find("_ROT"), std::string::npos);
}

TEST(ReleaseFacts, UnknownReleaseLineIsAFindingAndAWarning) {
  std::string job = JobWithRelease("emr-6.18.0-latest");
  RunResult lint = RunSparkmc({"lint", job});
  EXPECT_EQ(lint.exit_code, 0) << lint.err;  // a warning: below --fail-on error
  EXPECT_NE(lint.out.find("[unknown-emr-release]"), std::string::npos) << lint.out;
  RunResult c = RunSparkmc({"compile", job, "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_NE(c.err.find("derived from emr-6.8.0 (sparkmc has no facts for this release line)"), std::string::npos) << c.err;
}

// EMR's documentation sets a custom image with --conf in sparkSubmitParameters:
// it runs the driver and executors (pod templates and spark-defaults.conf),
// and wins over one in the classification, as spark-submit's arguments do.
TEST(ReleaseFacts, CustomImageFromSparkSubmitParametersRunsTheJob) {
  std::string job = ReadFile(SourcePath("examples/pi.json"));
  size_t at = job.find("\"sparkSubmitParameters\": \"") + std::string("\"sparkSubmitParameters\": \"").size();
  job.insert(at, "--conf spark.kubernetes.container.image=123456789012.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2 ");
  std::string path = TempDir() + "/job.json";
  WriteFile(path, job);
  RunResult r = RunSparkmc({"compile", path, "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("spark.kubernetes.driver.container.image 123456789012.dkr.ecr.us-east-1.amazonaws.com\\/my-spark:1.2"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spark.kubernetes.executor.container.image 123456789012.dkr.ecr.us-east-1.amazonaws.com\\/my-spark:1.2"),
            std::string::npos);
  size_t images = 0;
  for (size_t i = r.out.find("image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2"); i != std::string::npos;
       i = r.out.find("image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2", i + 1)) {
    ++images;
  }
  EXPECT_EQ(images, 2u) << "the driver's and the executor's Spark containers";
}

}  // namespace
}  // namespace sparkmc::test
