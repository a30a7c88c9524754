// The conflict kind: one property set twice with different values, and which
// one spark-submit's precedence lets win.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindConflict, TakesNoParams) {
  EXPECT_EQ(DeclarationError("conflict", ""), "");
  EXPECT_EQ(DeclarationError("conflict", "  x: y\n"), "rules/t.yaml:8:3: kind 'conflict' takes no parameter 'x'");
}

TEST(KindConflict, SaysWhichWins) {
  RuleSpec rule = DeclareRule("conflict", "");
  auto fired = RunRule(rule, JobWith({"spark.executor.cores=2"}, "\"spark.executor.cores\": \"4\""));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "spark.executor.cores is set to '4' here (the spark-defaults classification) but '2' from --conf in "
                         "sparkSubmitParameters wins"))
      << Shown(fired);
  // A later --conf beats an earlier one; the same value twice is no conflict.
  auto later = RunRule(rule, JobWith({"spark.executor.cores=2", "spark.executor.cores=3"}));
  ASSERT_EQ(later.size(), 1u) << Shown(later);
  EXPECT_TRUE(Has(later, "is set to '2' here")) << Shown(later);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.executor.cores=2"}, "\"spark.executor.cores\": \"2\"")).empty());
}

}  // namespace
}  // namespace sparkmc::test
