#include "compiler/emit/template.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sparkmc {
namespace {

TEST(Template, SubstitutesAndSections) {
  TemplateVars v;
  v.values["x"] = "1";
  v.flags["on"] = true;
  v.flags["off"] = false;
  EXPECT_EQ(RenderTemplate("{{! note }}\na {{x}}\n  {{#on}}\nb\n  {{/on}}\n{{#off}}\nc\n{{/off}}\n{{^off}}\nd\n{{/off}}\n", v),
            "a 1\nb\nd\n");
}

TEST(Template, UnknownNamesAreBugs) {
  TemplateVars v;
  EXPECT_THROW(RenderTemplate("{{nope}}", v), std::logic_error);
  EXPECT_THROW(RenderTemplate("{{#nope}}\n{{/nope}}\n", v), std::logic_error);
}

}  // namespace
}  // namespace sparkmc
