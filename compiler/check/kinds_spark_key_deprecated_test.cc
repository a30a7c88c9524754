// The spark-key-deprecated kind: deprecated and removed Spark properties, by
// Spark's own table (compiler/data/spark/spark-config-keys.tsv).
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindSparkKeyDeprecated, TakesNoParams) {
  EXPECT_EQ(DeclarationError("spark-key-deprecated", ""), "");
  EXPECT_EQ(DeclarationError("spark-key-deprecated", "  keys: [a]\n"),
            "rules/t.yaml:8:3: kind 'spark-key-deprecated' takes no parameter 'keys'");
}

TEST(KindSparkKeyDeprecated, NamesTheReplacement) {
  RuleSpec rule = DeclareRule("spark-key-deprecated", "");
  auto fired = RunRule(rule, JobWith({"spark.blacklist.application.fetchFailure.enabled=true", "spark.executor.memory=2g"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "'spark.blacklist.application.fetchFailure.enabled' is deprecated; use "
                         "'spark.excludeOnFailure.application.fetchFailure.enabled'"))
      << Shown(fired);
  // EMR's own defaults are not the user's: only what the job writes is reported.
  EXPECT_TRUE(RunRule(rule, JobWith({})).empty());
}

}  // namespace
}  // namespace sparkmc::test
