// The injection kind: values that would add lines to spark-defaults.conf or
// change the fluentd configuration EMR writes.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindInjection, TakesNoParams) {
  EXPECT_EQ(DeclarationError("injection", ""), "");
  EXPECT_EQ(DeclarationError("injection", "  x: y\n"), "rules/t.yaml:8:3: kind 'injection' takes no parameter 'x'");
}

TEST(KindInjection, ALineBreakInAPropertyValue) {
  RuleSpec rule = DeclareRule("injection", "");
  auto fired = RunRule(rule, JobWith({}, "\"spark.app.tag\": \"a\\nspark.authenticate false\""));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({}, "\"spark.app.tag\": \"a spark.authenticate false\"")).empty());
}

}  // namespace
}  // namespace sparkmc::test
