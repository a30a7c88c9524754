// The release kind: release labels sparkmc has no facts for.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindRelease, TakesNoParams) {
  EXPECT_EQ(DeclarationError("release", ""), "");
  EXPECT_EQ(DeclarationError("release", "  lines: [\"6.8\"]\n"), "rules/t.yaml:8:3: kind 'release' takes no parameter 'lines'");
}

TEST(KindRelease, ALineWithoutFacts) {
  RuleSpec rule = DeclareRule("release", "");
  auto fired = RunRule(rule, JobWith({}, "", "emr-6.18.0-latest"));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "sparkmc has no facts for release line emr-6.18")) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({}, "", "emr-6.8.0-latest")).empty());
}

}  // namespace
}  // namespace sparkmc::test
