// The image-tag kind: images without a tag or with one that moves.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

TEST(KindImageTag, ParamsAreListsOfStrings) {
  EXPECT_EQ(DeclarationError("image-tag", "  properties: [spark.kubernetes.container.image]\n  mutableTags: [latest]\n"), "");
  EXPECT_EQ(DeclarationError("image-tag", "  mutableTags: latest\n"),
            "rules/t.yaml:8:16: parameter 'mutableTags' of kind 'image-tag' must be a list of strings");
  EXPECT_EQ(DeclarationError("image-tag", "  mutableTags: [1]\n"),
            "rules/t.yaml:8:16: parameter 'mutableTags' of kind 'image-tag' must be a list of strings");
}

TEST(KindImageTag, PropertiesAndTemplateContainers) {
  RuleSpec rule = DeclareRule("image-tag", "  properties: [spark.kubernetes.container.image]\n  mutableTags: [latest, stable]\n");
  auto fired = RunRule(rule, JobWith({"spark.kubernetes.container.image=repo/spark:stable"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "image 'repo/spark:stable' has tag 'stable': what runs can change under you")) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.kubernetes.container.image=repo/spark:3.3.0"})).empty());
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.kubernetes.container.image=repo/spark@sha256:abc"})).empty());
  // A property the rule does not name is not an image.
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.other=repo/spark:latest"})).empty());
  const std::string tmpl = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: side\n      image: registry:5000/side\n";
  auto untagged = RunRule(rule, "", {{"driver", tmpl}});
  EXPECT_TRUE(Has(untagged, "template0.yaml:6:14: image 'registry:5000/side' has no tag (means latest)")) << Shown(untagged);
}

}  // namespace
}  // namespace sparkmc::test
