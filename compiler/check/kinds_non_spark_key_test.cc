// The non-spark-key kind: keys in spark-defaults that spark-submit ignores,
// and where EMR reads them instead (belongsIn).
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindNonSparkKey, BelongsInIsAMappingOfStrings) {
  EXPECT_EQ(DeclarationError("non-spark-key", ""), "");
  EXPECT_EQ(DeclarationError("non-spark-key", "  belongsIn: yarn-site\n"),
            "rules/t.yaml:8:14: parameter 'belongsIn' of kind 'non-spark-key' must be a mapping of strings");
  EXPECT_EQ(DeclarationError("non-spark-key", "  belongsin: {}\n"),
            "rules/t.yaml:8:3: kind 'non-spark-key' takes no parameter 'belongsin', did you mean 'belongsIn'?");
}

TEST(KindNonSparkKey, NamesTheClassificationOfTheMostSpecificEntry) {
  RuleSpec rule = DeclareRule("non-spark-key", "  belongsIn: {\"yarn.\": yarn-site, yarn.nodemanager.x: yarn-nm, hive.x: hive-site}\n");
  auto fired = RunRule(rule, JobWith({}, "\"yarn.nodemanager.x\": \"1\", \"yarn.other\": \"2\", \"dfs.y\": \"3\", \"spark.ok\": \"4\""));
  ASSERT_EQ(fired.size(), 3u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "'yarn.nodemanager.x' is not a Spark property: spark-submit ignores it in spark-defaults; EMR reads it "
                         "from the yarn-nm classification"))
      << Shown(fired);
  EXPECT_TRUE(Has(fired, "'yarn.other' is not a Spark property: spark-submit ignores it in spark-defaults; EMR reads it from "
                         "the yarn-site classification"))
      << Shown(fired);
  EXPECT_TRUE(Has(fired, "'dfs.y' is not a Spark property: spark-submit ignores it in spark-defaults")) << Shown(fired);
  // sparkSubmitParameters are not the classification.
  EXPECT_TRUE(RunRule(rule, JobWith({"yarn.x=1"})).empty());
}

}  // namespace
}  // namespace sparkmc::test
