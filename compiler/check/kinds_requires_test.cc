// The requires kind: a setting that needs another. Its parameters are checked
// once, when a rule is declared, at the rule file's line and column.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

const std::string kParams =
    "  when: {key: spark.dynamicAllocation.enabled, value: \"true\"}\n"
    "  anyOf:\n"
    "    - {key: spark.dynamicAllocation.shuffleTracking.enabled, value: \"true\"}\n"
    "    - {key: spark.shuffle.service.enabled, value: \"true\"}\n"
    "  because: Kubernetes has no shuffle service\n";

TEST(KindRequires, ParamsAreCheckedWhenDeclared) {
  EXPECT_EQ(DeclarationError("requires", kParams), "");
  EXPECT_EQ(DeclarationError("requires", ""), "rules/t.yaml:1:1: kind 'requires' needs the parameter 'when'");
  EXPECT_EQ(DeclarationError("requires", "  when: {key: a, value: b}\n"),
            "rules/t.yaml:8:3: kind 'requires' needs the parameter 'anyOf'");
  EXPECT_EQ(DeclarationError("requires", "  when: {key: a, value: b}\n  anyOf: [{key: c}]\n"),
            "rules/t.yaml:9:10: parameter 'anyOf' of kind 'requires' must be a list of {key, value} mappings");
  EXPECT_EQ(DeclarationError("requires", "  when: {key: a, value: 1}\n  anyOf: []\n"),
            "rules/t.yaml:8:9: parameter 'when' of kind 'requires' must be a mapping with key and value");
  EXPECT_EQ(DeclarationError("requires", "  when: {key: a, value: b}\n  anyOf: []\n  wehn: x\n"),
            "rules/t.yaml:10:3: kind 'requires' takes no parameter 'wehn', did you mean 'when'?");
  EXPECT_EQ(DeclarationError("requires", "  - when\n"), "rules/t.yaml:8:3: params must be a mapping");
}

TEST(KindRequires, ReportsTheTriggerWithoutAnyAlternative) {
  RuleSpec rule = DeclareRule("requires", kParams);
  auto fired = RunRule(rule, JobWith({"spark.dynamicAllocation.enabled=true"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, ": spark.dynamicAllocation.enabled=true needs spark.dynamicAllocation.shuffleTracking.enabled=true "
                         "or spark.shuffle.service.enabled=true: Kubernetes has no shuffle service"))
      << Shown(fired);
  // Values compare ignoring case; any one alternative is enough; no trigger, no finding.
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.dynamicAllocation.enabled=TRUE", "spark.shuffle.service.enabled=True"})).empty());
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.dynamicAllocation.enabled=false"})).empty());
  // The value Spark ends up with decides: --conf beats the spark-defaults classification.
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.dynamicAllocation.enabled=false"}, "\"spark.dynamicAllocation.enabled\": \"true\"")).empty());
}

TEST(KindRequires, DefaultSinceIsTheReleasesSparkVersion) {
  // emr-6.8.0 ships Spark 3.3: a default from 3.0 holds, one from 9.0 does not.
  auto rule = [](const std::string& since) {
    return DeclareRule("requires", "  when: {key: spark.dynamicAllocation.enabled, value: \"true\"}\n  anyOf:\n"
                                   "    - {key: spark.dynamicAllocation.shuffleTracking.enabled, value: \"true\", defaultSince: \"" +
                                       since + "\"}\n");
  };
  std::string job = JobWith({"spark.dynamicAllocation.enabled=true"});
  EXPECT_TRUE(RunRule(rule("3.0"), job).empty());
  EXPECT_EQ(RunRule(rule("9.0"), job).size(), 1u);
}

}  // namespace
}  // namespace sparkmc::test
