// The oss-target kind: what an open-source target (lint --target) cannot
// carry over from an EMR on EKS job.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindOssTarget, TakesNoParams) {
  EXPECT_EQ(DeclarationError("oss-target", ""), "");
  EXPECT_EQ(DeclarationError("oss-target", "  target: spark-operator\n"),
            "rules/t.yaml:8:3: kind 'oss-target' takes no parameter 'target'");
}

TEST(KindOssTarget, OnlyForAnOpenSourceTarget) {
  RuleSpec rule = DeclareRule("oss-target", "");
  std::string job = JobWith({}, "", "emr-6.8.0-latest", "local:///usr/lib/spark/examples/jars/spark-examples.jar");
  EXPECT_TRUE(RunRule(rule, job).empty());
  KindRunOptions oss;
  oss.target = "spark-operator";
  auto fired = RunRule(rule, job, {}, oss);
  EXPECT_TRUE(Has(fired, "the entry point is a path inside EMR's image; an apache/spark image keeps Spark under /opt/spark"))
      << Shown(fired);
  EXPECT_TRUE(Has(fired, "not carried to spark-operator")) << Shown(fired);
}

}  // namespace
}  // namespace sparkmc::test
