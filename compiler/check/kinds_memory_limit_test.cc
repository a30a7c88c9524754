// The memory-limit kind: executor pod memory (heap + overhead) against the
// executor pod template's limit and the rule's maxPodMemory.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindMemoryLimit, MaxPodMemoryIsAQuantityCheckedWhenDeclared) {
  EXPECT_EQ(DeclarationError("memory-limit", ""), "");
  EXPECT_EQ(DeclarationError("memory-limit", "  maxPodMemory: 256Gi\n"), "");
  EXPECT_EQ(DeclarationError("memory-limit", "  maxPodMemory: 4096\n"),
            "rules/t.yaml:8:17: parameter 'maxPodMemory' of kind 'memory-limit' must be a Kubernetes memory quantity (e.g. 256Gi)");
  EXPECT_EQ(DeclarationError("memory-limit", "  maxPodMemory: lots\n"),
            "rules/t.yaml:8:17: parameter 'maxPodMemory' of kind 'memory-limit' must be a Kubernetes memory quantity (e.g. 256Gi)");
  EXPECT_EQ(DeclarationError("memory-limit", "  maxPodMem: 1Gi\n"),
            "rules/t.yaml:8:3: kind 'memory-limit' takes no parameter 'maxPodMem', did you mean 'maxPodMemory'?");
}

TEST(KindMemoryLimit, ExecutorPodsLargerThanANode) {
  // 8g of heap + max(0.1 x 8192, 384) = 819Mi of overhead: 9011Mi.
  RuleSpec rule = DeclareRule("memory-limit", "  maxPodMemory: 8Gi\n");
  auto fired = RunRule(rule, JobWith({"spark.executor.memory=8g"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "executor pods need 9011Mi (spark.executor.memory 8192Mi + 819Mi overhead), more than the 8Gi a node offers"))
      << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.executor.memory=7g"})).empty());
  EXPECT_TRUE(RunRule(DeclareRule("memory-limit", ""), JobWith({"spark.executor.memory=8g"})).empty());
}

TEST(KindMemoryLimit, ExecutorPodTemplateLimit) {
  RuleSpec rule = DeclareRule("memory-limit", "");
  const std::string tmpl =
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: spark-kubernetes-executor\n"
      "      resources:\n        limits:\n          memory: 2Gi\n";
  auto fired = RunRule(rule, JobWith({"spark.executor.memory=2g", "spark.executor.memoryOverhead=512m"}), {{"executor", tmpl}});
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "executor pods need 2560Mi (spark.executor.memory 2048Mi + 512Mi overhead) but the executor pod "
                         "template limits memory to 2Gi"))
      << Shown(fired);
  // A driver template's limit is not the executors'.
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.executor.memory=2g"}), {{"driver", tmpl}}).empty());
}

}  // namespace
}  // namespace sparkmc::test
