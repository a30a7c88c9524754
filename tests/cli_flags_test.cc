// Flags are checked by the CLI's own validators (CLI11's IsMember and
// Range) before any command runs: a bad value is a usage error,
// exit 2, naming the flag and what it takes, with nothing on stdout. What
// the commands print to stdout is checked: a failed write is exit 3.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

void ExpectUsageError(const std::vector<std::string>& args, const std::string& flag, const std::string& allowed) {
  RunResult r = RunSparkmc(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(allowed), std::string::npos) << r.err;
}

TEST(CliFlags, ValuesOutsideTheirSetAreUsageErrors) {
  const std::string job = "examples/pi.json";
  const std::string targets = "{emr-eks,spark-operator,spark-submit}";
  ExpectUsageError({"compile", job, "--target", "spark"}, "--target", targets);
  ExpectUsageError({"lint", job, "--target", "emr"}, "--target", targets);
  ExpectUsageError({"check", "manifests", job, "--target", "k8s"}, "--target", targets);
  ExpectUsageError({"lint", job, "-f", "xml"}, "--format", "{text,json,sarif,github,junit}");
  ExpectUsageError({"lint", job, "-f", "json", "-f", "yaml"}, "--format", "yaml");
  ExpectUsageError({"lint", job, "--fail-on", "loud"}, "--fail-on", "{error,warning,info}");
  ExpectUsageError({"lint", job, "--role", "worker"}, "--role", "{driver,executor}");
  ExpectUsageError({"lint", job, "--jobs=-2"}, "--jobs", "-2 not in range 0 to 4096");
  ExpectUsageError({"lint", job, "-j", "many"}, "--jobs", "many");
  ExpectUsageError({"rules", "--format", "html"}, "--format", "{text,markdown}");
  ExpectUsageError({"schema", "openapi"}, "which", "{start-job-run,ack-jobrun}");
}

TEST(CliFlags, ValuesInTheirSetRun) {
  EXPECT_EQ(RunSparkmc({"lint", "examples/pi.json", "--target", "spark-submit", "--fail-on", "info", "-j", "0"}).exit_code, 1);
  EXPECT_NE(RunSparkmc({"lint", "--role", "driver", "tests/rules/allowlist-violation/quiet-driver-template.yaml"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"rules", "--format", "markdown"}).exit_code, 0);
  EXPECT_EQ(RunSparkmc({"schema", "ack-jobrun"}).exit_code, 0);
}

TEST(CliFlags, FailedWritesToStdoutAreExit3) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rules"}, {"rules", "--format", "markdown"}, {"explain", "schema"}, {"schema"}}) {
    RunResult r = RunSparkmc(args, "", "/dev/full");
    EXPECT_EQ(r.exit_code, 3) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("<stdout>"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace sparkmc::test
