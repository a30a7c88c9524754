#include "compiler/model/submit_args.h"

#include <gtest/gtest.h>

namespace sparkmc {
namespace {

std::vector<Property> Parse(const std::string& text) {
  return ParseSubmitTokens(SplitSubmitParameters(text, Location{"j.json", 5, 10}));
}

TEST(SubmitArgs, ConfSplitsAtFirstEquals) {
  auto props = Parse("--conf spark.driver.extraJavaOptions=-Da=b --conf=spark.x=1");
  ASSERT_EQ(props.size(), 2u);
  EXPECT_EQ(props[0].key, "spark.driver.extraJavaOptions");
  EXPECT_EQ(props[0].value, "-Da=b");
  EXPECT_EQ(props[1].key, "spark.x");
  EXPECT_EQ(props[1].value, "1");
  EXPECT_EQ(props[0].origin, Origin::kSparkSubmitParameters);
}

TEST(SubmitArgs, DedicatedFlagsMapToProperties) {
  auto props = Parse("--executor-memory 2g --num-executors=3 --driver-cores 1");
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props[0].key, "spark.executor.memory");
  EXPECT_EQ(props[0].flag, "--executor-memory");
  EXPECT_EQ(props[1].key, "spark.executor.instances");
  EXPECT_EQ(props[1].value, "3");
  EXPECT_EQ(props[2].key, "spark.driver.cores");
}

TEST(SubmitArgs, QuotingAsAShell) {
  auto toks = SplitSubmitParameters("--conf 'a=b c' --conf \"d=\\\"e\\\"\" f\\ g", Location{"j", 1, 1});
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[1].text, "a=b c");
  EXPECT_EQ(toks[3].text, "d=\"e\"");
  EXPECT_EQ(toks[4].text, "f g");
  EXPECT_EQ(toks[2].loc.column, 1 + 15);
}

TEST(SubmitArgs, FlagBeatsConfWhateverTheOrder) {
  auto eff = EffectiveSubmitProperties(Parse("--executor-memory 2g --conf spark.executor.memory=4g"));
  ASSERT_EQ(eff.size(), 1u);
  EXPECT_EQ(eff[0].value, "2g");
  eff = EffectiveSubmitProperties(Parse("--conf spark.a=1 --conf spark.a=2"));
  EXPECT_EQ(eff[0].value, "2");
}

TEST(SubmitArgs, Errors) {
  auto error = [](const std::string& text) -> std::string {
    try {
      Parse(text);
    } catch (const InputError& e) {
      return std::to_string(e.location().column) + ": " + e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error("--conf spark.a"), "17: Spark config without '=': spark.a");
  EXPECT_EQ(error("--executr-memory 2g"),
            "10: unrecognized option '--executr-memory' in sparkSubmitParameters, did you mean '--executor-memory'?");
  EXPECT_EQ(error("--conf"), "10: missing argument for option '--conf'");
  EXPECT_EQ(error("--conf 'a=b"), "17: unterminated single quote in sparkSubmitParameters");
  EXPECT_NE(error("app.py"), "no error");
}

TEST(SubmitArgs, SparkSqlTakesItsOwnOptions) {
  auto tokens = SplitSubmitParameters("--conf spark.executor.instances=2 -hivevar A=B --hiveconf x=y -S", Location{"j", 1, 1});
  auto props = ParseSubmitTokens(tokens, /*spark_sql=*/true);
  ASSERT_EQ(props.size(), 1u);
  EXPECT_EQ(props[0].key, "spark.executor.instances");
  // The same options are not spark-submit's.
  EXPECT_THROW(ParseSubmitTokens(tokens), InputError);
}

TEST(ShellQuote, SurvivesAnything) {
  EXPECT_EQ(ShellQuote("plain"), "plain");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(ShellQuote("$(rm -rf /)"), "'$(rm -rf /)'");
}

}  // namespace
}  // namespace sparkmc
