// The schema kind: the job and its pod templates against their JSON Schemas,
// and release labels compile cannot map.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindSchema, TakesNoParams) {
  EXPECT_EQ(DeclarationError("schema", ""), "");
  EXPECT_EQ(DeclarationError("schema", "  strict: \"true\"\n"), "rules/t.yaml:8:3: kind 'schema' takes no parameter 'strict'");
  EXPECT_EQ(DeclarationError("schema", "  []\n"), "rules/t.yaml:8:3: params must be a mapping");
}

TEST(KindSchema, ReportsViolationsAtTheirPlace) {
  RuleSpec rule = DeclareRule("schema", "");
  EXPECT_TRUE(RunRule(rule, JobWith({})).empty()) << Shown(RunRule(rule, JobWith({})));
  std::string job = JobWith({});
  job.replace(job.find("\"name\": \"t\""), 11, "\"name\": 7");
  auto fired = RunRule(rule, job);
  ASSERT_FALSE(fired.empty());
  EXPECT_TRUE(Has(fired, "2:9: ")) << Shown(fired);  // the value of name, on line 2
  const std::string tmpl = "apiVersion: v1\nkind: Pod\nspec:\n  containers: 3\n";
  auto pod = RunRule(rule, "", {{"driver", tmpl}});
  EXPECT_TRUE(Has(pod, "template0.yaml:4:15: pod template: ")) << Shown(pod);
}

}  // namespace
}  // namespace sparkmc::test
