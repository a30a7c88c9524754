// The spark-value kind: values Spark cannot parse for the key's type.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindSparkValue, TakesNoParams) {
  EXPECT_EQ(DeclarationError("spark-value", ""), "");
  EXPECT_EQ(DeclarationError("spark-value", "  strict: \"true\"\n"), "rules/t.yaml:8:3: kind 'spark-value' takes no parameter 'strict'");
}

TEST(KindSparkValue, ValuesSparkRefuses) {
  RuleSpec rule = DeclareRule("spark-value", "");
  auto fired = RunRule(rule, JobWith({"spark.executor.memory=2GiB", "spark.dynamicAllocation.enabled=yes", "spark.executor.cores=2"}));
  EXPECT_EQ(fired.size(), 2u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "invalid value '2GiB' for spark.executor.memory")) << Shown(fired);
  EXPECT_TRUE(Has(fired, "invalid value 'yes' for spark.dynamicAllocation.enabled (boolean)")) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.executor.memory=2g", "spark.dynamicAllocation.enabled=true"})).empty());
}

}  // namespace
}  // namespace sparkmc::test
