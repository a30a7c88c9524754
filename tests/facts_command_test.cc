// `sparkmc facts LABEL`: what compile uses for a release and where each fact
// comes from, checked against the captures themselves (the keys of the
// seed's spark-defaults ConfigMap) and the partial 7.x capture's values.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "compiler/emit/properties.h"
#include "tests/semantic_equal.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

nlohmann::json Facts(const std::string& label) {
  RunResult r = RunSparkmc({"facts", label, "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

std::map<std::string, nlohmann::json> ById(const nlohmann::json& facts) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& f : facts["facts"]) out[f["id"].get<std::string>()] = f;
  return out;
}

// The keys of spark-defaults.conf in the seed's File 1, read as Java reads it.
std::set<std::string> CapturedDefaultKeys() {
  Node cm = ParseYamlText(ReadFile(
      SourcePath("testdata/conformance/emr-on-eks/seed-0000000337okspsc913/expected/file1-spark-defaults-configmap.yaml")));
  std::set<std::string> keys;
  for (const auto& [k, v] : ReadProperties(cm.Find("data")->Find("spark-defaults.conf")->value)) keys.insert(k);
  return keys;
}

TEST(FactsCommand, SixEightIsCapturedFactByFact) {
  nlohmann::json j = Facts("emr-6.8.0");
  EXPECT_EQ(j["release"], "emr-6.8.0");
  EXPECT_EQ(j["known"], true);
  std::set<std::string> defaults;
  for (const auto& [id, f] : ById(j)) {
    std::string p = f["provenance"];
    EXPECT_TRUE(p == "captured" || (p == "documented" && id == "image/custom")) << id << " " << p;
    EXPECT_FALSE(f["source"].get<std::string>().empty()) << id;
    if (id.rfind("spark-defaults/", 0) == 0) defaults.insert(id.substr(15));
  }
  // Every default the capture holds, and no other.
  EXPECT_EQ(defaults, CapturedDefaultKeys());
  EXPECT_NE(ById(j)["image/custom"]["source"].get<std::string>().find("docker-custom-images-steps.html"), std::string::npos);
}

TEST(FactsCommand, SevenTwoIsDerivedButForThePartialCapturesFacts) {
  nlohmann::json j = Facts("emr-7.2.0-latest");
  EXPECT_EQ(j["java"], "17");
  EXPECT_EQ(j["basis"], "emr-7.0.0");
  auto facts = ById(j);
  ASSERT_TRUE(facts.count("driver-fluentd-env-tail"));
  for (const auto& [id, f] : facts) {
    if (id == "image/custom") {
      EXPECT_EQ(f["provenance"], "documented");
      continue;
    }
    EXPECT_EQ(f["provenance"], "derived") << id;
    EXPECT_FALSE(f["why"].get<std::string>().empty()) << id;
    // The partial 7.0 capture's sidecar env; the rest is 6.8.0's.
    EXPECT_EQ(f["from"], id == "driver-fluentd-env-tail" ? "emr-7.0.0" : "emr-6.8.0") << id;
  }
  const std::string tail = facts["driver-fluentd-env-tail"]["value"];
  EXPECT_NE(tail.find("K8S_SPARK_LOG_URL_STDOUT_ROT"), std::string::npos);
  EXPECT_NE(tail.find("\"1.2\""), std::string::npos);
  EXPECT_NE(facts["driver-fluentd-env-tail"]["source"].get<std::string>().find("airflow"), std::string::npos);
  // The same fact, on emr-7.0.0 itself, is captured.
  auto seven = ById(Facts("emr-7.0.0"));
  EXPECT_EQ(seven["driver-fluentd-env-tail"]["provenance"], "captured");
  EXPECT_EQ(seven["spark-defaults/spark.driver.memory"]["provenance"], "derived");
}

TEST(FactsCommand, TextNamesEveryFactAndItsSource) {
  RunResult r = RunSparkmc({"facts", "emr-7.2.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("emr-7.2.0 (release line 7.2, Java 17)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spark-defaults/spark.driver.memory = 1G\n    derived from emr-6.8.0"), std::string::npos) << r.out;
}

TEST(FactsCommand, UnknownLabelIsAClearErrorAndExit2) {
  RunResult r = RunSparkmc({"facts", "emr-6.18.0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: sparkmc has no facts for emr-6.18.0"), std::string::npos) << r.err;
  RunResult bad = RunSparkmc({"facts", "6.8.0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is not of the form"), std::string::npos) << bad.err;
  EXPECT_EQ(RunSparkmc({"facts", "emr-6.8.0", "-f", "xml"}).exit_code, 2);
}

}  // namespace
}  // namespace sparkmc::test
