// The forbidden-key kind: properties a project does not allow, each with why.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindForbiddenKey, KeysAreRequiredAndAMappingOfStrings) {
  EXPECT_EQ(DeclarationError("forbidden-key", ""), "rules/t.yaml:1:1: kind 'forbidden-key' needs the parameter 'keys'");
  EXPECT_EQ(DeclarationError("forbidden-key", "  keys: [spark.executor.instances]\n"),
            "rules/t.yaml:8:9: parameter 'keys' of kind 'forbidden-key' must be a mapping of strings");
  EXPECT_EQ(DeclarationError("forbidden-key", "  keys: {spark.executor.instances: 3}\n"),
            "rules/t.yaml:8:9: parameter 'keys' of kind 'forbidden-key' must be a mapping of strings");
  EXPECT_EQ(DeclarationError("forbidden-key", "  keys: {spark.executor.instances: is fixed}\n"), "");
}

TEST(KindForbiddenKey, ReportsEveryPlaceTheKeyIsSet) {
  RuleSpec rule = DeclareRule("forbidden-key", "  keys: {spark.executor.instances: is fixed by the platform}\n");
  auto fired = RunRule(rule, JobWith({"spark.executor.instances=3"}, "\"spark.executor.instances\": \"2\""));
  ASSERT_EQ(fired.size(), 2u) << Shown(fired);
  EXPECT_TRUE(Has(fired, ": spark.executor.instances is fixed by the platform")) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.executor.cores=3"})).empty());
}

}  // namespace
}  // namespace sparkmc::test
