// The sizing rules end to end (sparkmc lint with a config that declares node
// pools), beyond the fire/quiet fixtures: quiet when the pods fit, and the
// numbers in the message, computed by hand in each case.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sparkmc {
namespace {

using test::RunResult;
using test::RunSparkmc;
using test::SourcePath;

std::vector<nlohmann::json> Findings(const std::string& job, const std::string& config, const std::string& rule) {
  std::vector<std::string> argv = {"lint", SourcePath(job), "-f", "json", "--fail-on", "info"};
  if (!config.empty()) {
    argv.push_back("--config");
    argv.push_back(SourcePath(config));
  }
  RunResult r = RunSparkmc(argv);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  std::vector<nlohmann::json> out;
  if (j.is_discarded() || !j.contains("findings")) {
    ADD_FAILURE() << r.out << r.err;
    return out;
  }
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f.value("rule", ""), "internal-error") << f.dump();
    if (f.value("rule", "") == rule) out.push_back(f);
  }
  return out;
}

TEST(PodDoesNotFit, NamesEveryPoolAndTheResource) {
  auto f = Findings("tests/rules/pod-does-not-fit/fire.yaml", "tests/rules/pod-does-not-fit/nodes.sparkmc.yaml",
                    "pod-does-not-fit");
  ASSERT_EQ(f.size(), 1u);
  std::string m = f[0]["message"];
  EXPECT_NE(m.find("executor pod"), std::string::npos) << m;
  // m6i.2xlarge: 8000m - 90m kube-reserved = 7910m; c6i.2xlarge with 100m of daemonsets: 7810m.
  EXPECT_NE(m.find("general (m6i.2xlarge) has 7910m cpu left"), std::string::npos) << m;
  EXPECT_NE(m.find("compute (c6i.2xlarge) has 7810m cpu left"), std::string::npos) << m;
  EXPECT_EQ(f[0]["severity"], "error");
}

TEST(PodDoesNotFit, QuietWhenSomePoolHoldsThePod) {
  // 4 cores fit the 7910m of an m6i.2xlarge.
  EXPECT_TRUE(Findings("tests/rules/pod-does-not-fit/quiet.yaml", "tests/rules/pod-does-not-fit/nodes.sparkmc.yaml",
                       "pod-does-not-fit")
                  .empty());
}

TEST(ExecutorStranding, ReportsTheFitNumbers) {
  auto f = Findings("tests/rules/executor-stranding/fire.yaml", "tests/rules/executor-stranding/nodes.sparkmc.yaml",
                    "executor-stranding");
  ASSERT_EQ(f.size(), 1u);
  std::string m = f[0]["message"];
  // Spark's container: 8g + max(0.4 x 8192 = 3276 (a Python job), 384) = 11468Mi, plus EMR's fluentd
  // sidecar (200Mi requested, EMR's pod template): 11668Mi. On 15890m / 62607Mi: cpu 15890 / 4000 = 3,
  // memory 62607 / 11668 = 5, so three executors bound by cpu; cpu left 3890m = 24.5%, memory left
  // 62607 - 35004 = 27603Mi = 44.1%.
  EXPECT_NE(m.find("3 executors (cpu 4, memory 11668Mi)"), std::string::npos) << m;
  EXPECT_NE(m.find("bound by cpu"), std::string::npos) << m;
  EXPECT_NE(m.find("24.5% of its cpu and 44.1% of its memory"), std::string::npos) << m;
}

TEST(ExecutorStranding, QuietWhenExecutorsDivideTheNode) {
  // 14g + 0.4 x 14336 = 5734Mi + 200Mi of fluentd -> 20270Mi: cpu 3, memory 62607 / 20270 = 3; left: cpu
  // 3890m (24.5%), memory 62607 - 60810 = 1797Mi (2.9%): both under 25%.
  EXPECT_TRUE(Findings("tests/rules/executor-stranding/quiet.yaml", "tests/rules/executor-stranding/nodes.sparkmc.yaml",
                       "executor-stranding")
                  .empty());
}

TEST(PysparkMemoryOverhead, QuietWhenPysparkMemoryHoldsTheWorkers) {
  // The same 1g overhead as the fire fixture, with spark.executor.pyspark.memory set.
  EXPECT_TRUE(Findings("tests/rules/pyspark-memory-overhead/quiet.yaml", "", "pyspark-memory-overhead").empty());
}

}  // namespace
}  // namespace sparkmc

namespace sparkmc {
namespace {

TEST(ExecutorMemoryExceedsLimit, DeclaredNodePoolsReplaceTheFallbackCeiling) {
  // 20g + 0.4 x 20480 (a Python job) = 28672Mi: under the 256Gi fallback, over the 14879Mi pool.
  const std::string job = "tests/rules/pod-does-not-fit/quiet.yaml";
  EXPECT_TRUE(Findings(job, "", "executor-memory-exceeds-limit").empty());
  auto f = Findings(job, "tests/rules/executor-memory-exceeds-limit/small-nodes.sparkmc.yaml",
                    "executor-memory-exceeds-limit");
  ASSERT_EQ(f.size(), 1u);
  std::string m = f[0]["message"];
  EXPECT_NE(m.find("need 28672Mi"), std::string::npos) << m;
  EXPECT_NE(m.find("the 14879Mi the largest declared node pool (small, c6gn.2xlarge)"), std::string::npos) << m;
}

}  // namespace
}  // namespace sparkmc
