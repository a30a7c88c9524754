// The monitoring kind: logging, Spark history and Prometheus wiring.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindMonitoring, TakesNoParams) {
  EXPECT_EQ(DeclarationError("monitoring", ""), "");
  EXPECT_EQ(DeclarationError("monitoring", "  logs: required\n"), "rules/t.yaml:8:3: kind 'monitoring' takes no parameter 'logs'");
}

TEST(KindMonitoring, LogsAndPrometheus) {
  RuleSpec rule = DeclareRule("monitoring", "");
  auto none = RunRule(rule, JobWith({}));
  ASSERT_EQ(none.size(), 1u) << Shown(none);
  EXPECT_TRUE(Has(none, "no CloudWatch or S3 logging")) << Shown(none);
  auto prom = RunRule(rule, JobWith({"spark.ui.prometheus.enabled=true"}));
  EXPECT_TRUE(Has(prom, "spark.ui.prometheus.enabled is true but the driver has no prometheus.io/scrape annotation")) << Shown(prom);
  auto port = RunRule(rule, JobWith({"spark.ui.prometheus.enabled=true",
                                     "spark.kubernetes.driver.annotation.prometheus.io/scrape=true",
                                     "spark.kubernetes.driver.annotation.prometheus.io/path=/metrics/executors/prometheus",
                                     "spark.kubernetes.driver.annotation.prometheus.io/port=4041"}));
  EXPECT_TRUE(Has(port, "the prometheus.io/port annotation is 4041 but the Spark UI listens on 4040")) << Shown(port);
  EXPECT_FALSE(Has(port, "no prometheus.io/scrape")) << Shown(port);
}

}  // namespace
}  // namespace sparkmc::test
