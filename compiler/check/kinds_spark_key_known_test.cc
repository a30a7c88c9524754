// The spark-key-known kind: Spark property names Spark does not know, with
// the prefixes and third-party namespaces a rule declares.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindSparkKeyKnown, ParamsAreCheckedWhenDeclared) {
  EXPECT_EQ(DeclarationError("spark-key-known", "  thirdPartyNamespaces: compiler/data/spark/third-party-namespaces.tsv\n"), "");
  EXPECT_EQ(DeclarationError("spark-key-known", "  thirdPartyNamespaces: [a]\n"),
            "rules/t.yaml:8:25: parameter 'thirdPartyNamespaces' of kind 'spark-key-known' must be the path of one of "
            "sparkmc's data files (e.g. compiler/data/emr/driver-pod-allowlist.txt)");
  EXPECT_EQ(DeclarationError("spark-key-known", "  allowedPrefixes: spark.acme.\n"),
            "rules/t.yaml:8:20: parameter 'allowedPrefixes' of kind 'spark-key-known' must be a list of strings");
}

TEST(KindSparkKeyKnown, UnknownKeysWithASuggestion) {
  RuleSpec rule = DeclareRule("spark-key-known", "");
  auto fired = RunRule(rule, JobWith({"spark.executor.memroy=2g", "spark.executor.memory=2g", "other.key=1"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "unknown Spark property 'spark.executor.memroy', did you mean 'spark.executor.memory'?")) << Shown(fired);
}

TEST(KindSparkKeyKnown, PrefixesAndNamespacesAreNotUnknown) {
  RuleSpec rule = DeclareRule("spark-key-known", "  allowedPrefixes: [spark.acme.]\n  passThroughPrefixes: [spark.hadoop.]\n");
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.acme.anything=1", "spark.hadoop.fs.s3a.endpoint=x"})).empty());
  EXPECT_EQ(RunRule(rule, JobWith({"spark.acmex=1"})).size(), 1u);
  // A namespace a plugin reads is a note, not an unknown key, when nothing
  // enables the plugin; quiet when something does.
  RuleSpec ns = DeclareRule("spark-key-known", "  thirdPartyNamespaces: compiler/data/spark/third-party-namespaces.tsv\n");
  auto note = RunRule(ns, JobWith({"spark.rapids.sql.enabled=true"}));
  ASSERT_EQ(note.size(), 1u) << Shown(note);
  EXPECT_TRUE(Has(note, "spark.rapids.* is read by ")) << Shown(note);
  EXPECT_TRUE(Has(note, "which spark.plugins does not enable: these settings have no effect")) << Shown(note);
  EXPECT_TRUE(RunRule(ns, JobWith({"spark.rapids.sql.enabled=true", "spark.plugins=com.nvidia.spark.SQLPlugin"})).empty());
  EXPECT_TRUE(Has(RunRule(rule, JobWith({"spark.rapids.sql.enabled=true"})), "unknown Spark property 'spark.rapids.sql.enabled'"));
}

}  // namespace
}  // namespace sparkmc::test
