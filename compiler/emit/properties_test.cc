#include "compiler/emit/properties.h"

#include <gtest/gtest.h>

namespace sparkmc {
namespace {

TEST(Properties, EscapesAsEmrDoes) {
  EXPECT_EQ(WriteProperties({{"spark.master", "k8s://https://kubernetes.default.svc:443"}}),
            "spark.master k8s:\\/\\/https:\\/\\/kubernetes.default.svc:443\n");
}

TEST(Properties, RoundTripsThroughJavaRules) {
  PropertyList in = {{"spark.a", "x y"},          {"k with space", " leading"}, {"a=b:c", "v\\w"},
                     {"#notcomment", "!x"},       {"spark.t", "tab\there"},     {"u", "caf\xC3\xA9"},
                     // Found by the fuzzer: a value starting with ':' or '=' is
                     // read as the separator unless escaped.
                     {":k", ":"},                 {"e", "=x"}};
  EXPECT_EQ(ReadProperties(WriteProperties(in)), in);
}

TEST(Properties, ReaderHandlesJavaSyntax) {
  PropertyList got = ReadProperties("# c\n! c\na=1\nb : 2\nc\\\n   ont 3\nd\\u0041 \\u00e9\n");
  PropertyList want = {{"a", "1"}, {"b", "2"}, {"cont", "3"}, {"dA", "\xC3\xA9"}};
  EXPECT_EQ(got, want);
}

TEST(Properties, RefusesLineBreaks) {
  EXPECT_EQ(UnsafeConfigChar("ok value"), "");
  EXPECT_EQ(UnsafeConfigChar("a\nspark.b c"), "a line break");
  EXPECT_NE(UnsafeConfigChar("a\xE2\x80\xA8" "b"), "");
  EXPECT_THROW(WriteProperties({{"k", "a\rb"}}), std::invalid_argument);
}

}  // namespace
}  // namespace sparkmc
