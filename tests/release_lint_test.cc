// Release-aware lint end to end: which release a job names decides what its
// JVM options, Spark properties and request features mean, and each finding
// points at the offending option itself (file:line:col), whatever the source.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

struct Seen {
  std::string severity;
  int line = 0, column = 0;
  std::string message;
};

/// The findings of \a rule when linting \a text (written to a file named \a name).
std::vector<Seen> Lint(const std::string& name, const std::string& text, const std::string& rule) {
  std::string dir = TempDir();
  WriteFile(dir + "/" + name, text);
  RunResult r = RunSparkmc({"lint", dir + "/" + name, "-f", "json", "--fail-on", "info"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.out << r.err;
  std::vector<Seen> out;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  if (j.is_discarded()) return out;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == rule) out.push_back({f["severity"], f["line"], f["column"], f["message"]});
  }
  std::system(("rm -rf '" + dir + "'").c_str());
  return out;
}

std::string Job(const std::string& label, const std::string& submit, const std::string& defaults = "") {
  std::string j = "{\n  \"virtualClusterId\": \"jk518skp01ys9ka8b0npx9nt0\",\n  \"name\": \"t\",\n"
                  "  \"executionRoleArn\": \"arn:aws:iam::123456789012:role/r\",\n"
                  "  \"releaseLabel\": \"" + label + "\",\n"
                  "  \"jobDriver\": {\"sparkSubmitJobDriver\": {\"entryPoint\": \"local:///x.py\"" +
                  (submit.empty() ? "" : ",\n    \"sparkSubmitParameters\": \"" + submit + "\"") + "}},\n"
                  "  \"configurationOverrides\": {\"monitoringConfiguration\": {\"s3MonitoringConfiguration\": "
                  "{\"logUri\": \"s3://b/l/\"}}";
  if (!defaults.empty()) {
    j += ",\n  \"applicationConfiguration\": [{\"classification\": \"spark-defaults\", \"properties\": {\n" + defaults + "}}]";
  }
  return j + "}\n}\n";
}

constexpr const char* kRule = "jvm-option-not-in-java";

TEST(ReleaseLint, JavaOptionsAreJudgedByTheReleasesJava) {
  const std::string opts = "--conf spark.executor.extraJavaOptions=-XX:+UseConcMarkSweepGC";
  // Java 8 (6.x): CMS is fine; a -java17 label runs Java 17, where it is gone.
  EXPECT_TRUE(Lint("a.json", Job("emr-6.10.0-latest", opts), kRule).empty());
  auto j17 = Lint("a.json", Job("emr-6.12.0-java17-latest", opts), kRule);
  ASSERT_EQ(j17.size(), 1u);
  EXPECT_EQ(j17[0].severity, "warning");  // Spark 3.4 adds -XX:+IgnoreUnrecognizedVMOptions
  EXPECT_NE(j17[0].message.find("removed in JDK 15"), std::string::npos) << j17[0].message;
  EXPECT_NE(j17[0].message.find("Java 17"), std::string::npos) << j17[0].message;
  // 7.x runs Java 17 unless the label says otherwise.
  EXPECT_EQ(Lint("a.json", Job("emr-7.1.0-latest", opts), kRule).size(), 1u);
}

TEST(ReleaseLint, RefusedOnlyWhereNothingSaysIgnore) {
  // Java 8 with Spark 3.1 (emr-6.5): -Xlog is unknown and nothing makes the JVM ignore it.
  auto e = Lint("b.json", Job("emr-6.5.0-latest", "--driver-java-options -Xlog:gc"), kRule);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].severity, "error");
  EXPECT_NE(e[0].message.find("driver JVM refuses to start"), std::string::npos) << e[0].message;
  EXPECT_NE(e[0].message.find("new in JDK 9"), std::string::npos) << e[0].message;
  // The user's own -XX:+IgnoreUnrecognizedVMOptions turns it into a loss.
  auto w = Lint("b.json", Job("emr-6.5.0-latest", "--driver-java-options '-XX:+IgnoreUnrecognizedVMOptions -Xlog:gc'"), kRule);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].severity, "warning");
}

TEST(ReleaseLint, PointsAtTheOptionInsideTheValue) {
  // Line 9: the value starts at column 43, "-verbose:gc " takes 12 columns.
  std::string defaults = "    \"spark.executor.defaultJavaOptions\": \"-verbose:gc -XX:+PrintGCDateStamps\"\n";
  auto f = Lint("c.json", Job("emr-7.1.0-latest", "", defaults), kRule);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].line, 9);
  EXPECT_EQ(f[0].column, 55);
  // The same option twice: two findings, each at its own occurrence.
  std::string twice = "    \"spark.driver.extraJavaOptions\": \"-XX:+UseParNewGC -Da=1 -XX:+UseParNewGC\"\n";
  auto t = Lint("c.json", Job("emr-7.1.0-latest", "", twice), kRule);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].column, 39);
  EXPECT_EQ(t[1].column, 62);
  // A --conf token inside sparkSubmitParameters (line 7, the value from column 31):
  // the option, after "--conf spark.driver.extraJavaOptions=", not the --conf.
  auto g = Lint("d.json", Job("emr-7.1.0-latest", "--conf spark.driver.extraJavaOptions=-XX:+UseParNewGC"), kRule);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].line, 7);
  EXPECT_EQ(g[0].column, 68);
  // YAML, the option on the second line of a folded scalar.
  std::string yaml =
      "virtualClusterId: jk518skp01ys9ka8b0npx9nt0\nname: t\nexecutionRoleArn: arn:aws:iam::123456789012:role/r\n"
      "releaseLabel: emr-7.1.0-latest\njobDriver:\n  sparkSubmitJobDriver:\n    entryPoint: local:///x.py\n"
      "configurationOverrides:\n  monitoringConfiguration:\n    s3MonitoringConfiguration:\n      logUri: s3://b/l/\n"
      "  applicationConfiguration:\n    - classification: spark-defaults\n      properties:\n"
      "        spark.executor.extraJavaOptions: >-\n          -XX:+UseG1GC\n          -XX:+PrintGCTimeStamps\n";
  auto y = Lint("e.yaml", yaml, kRule);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0].line, 17);
  EXPECT_EQ(y[0].column, 11);
}

TEST(ReleaseLint, FeaturesNameTheFirstReleaseWithThem) {
  std::string job = Job("emr-6.8.0-latest", "");
  job.insert(job.find("  \"configurationOverrides\""), "  \"retryPolicyConfiguration\": {\"maxAttempts\": 2},\n");
  auto f = Lint("f.json", job, "feature-not-in-release");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, "error");
  EXPECT_NE(f[0].message.find("emr-6.9.0 or later"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].line, 7);
  EXPECT_EQ(f[0].column, 3);
  auto none = Lint("f.json", Job("emr-5.31.0-latest", ""), "feature-not-in-release");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_NE(none[0].message.find("not an EMR on EKS release"), std::string::npos) << none[0].message;
}

TEST(ReleaseLint, SparkPropertiesNewerThanTheRelease) {
  auto f = Lint("g.json", Job("emr-6.10.0-latest", "--conf spark.log.level=WARN"), "spark-property-not-in-release");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("Spark 3.5.0"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("3.3.1-amzn-0"), std::string::npos) << f[0].message;
  EXPECT_TRUE(Lint("g.json", Job("emr-7.1.0-latest", "--conf spark.log.level=WARN"), "spark-property-not-in-release").empty());
}

}  // namespace
}  // namespace sparkmc::test
