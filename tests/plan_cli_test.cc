// `sparkmc plan` as a user runs it: exit codes, the JSON output parsed and
// validated against schemas/plan.schema.json (valijson), and the numbers in
// text and markdown. Expected sizes are derived by hand from Spark's rules
// (tests/plan/README.md) and the fluentd sidecar's from EMR's capture
// (shared/seed/captures/emr-on-eks/file5-podtemplate-configmap-logging.yaml:
// requests.memory 200Mi, limits.memory 512Mi).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "tests/test_util.h"

namespace sparkmc {
namespace {

using test::RunSparkmc;

std::string SchemaErrors(const nlohmann::json& doc) {
  nlohmann::json schema_doc = nlohmann::json::parse(test::ReadFile(test::SourcePath("schemas/plan.schema.json")));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  if (validator.validate(schema, adapter, &results)) return "";
  std::string out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    std::string path;
    for (const std::string& p : e.context) path += p;
    out += path + ": " + e.description + "\n";
  }
  return out;
}

const nlohmann::json& Pod(const nlohmann::json& plan, const std::string& role) {
  for (const auto& p : plan["pods"]) {
    if (p["role"] == role) return p;
  }
  static const nlohmann::json none;
  return none;
}

const nlohmann::json& Container(const nlohmann::json& pod, const std::string& name) {
  for (const auto& c : pod["containers"]) {
    if (c["name"] == name) return c;
  }
  static const nlohmann::json none;
  return none;
}

TEST(PlanCli, JsonParsesValidatesAndHasSparksNumbers) {
  auto r = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "") << r.out;
  EXPECT_EQ(plan["version"], 1);
  EXPECT_EQ(plan["spark"], "3.3.0-amzn-0");  // emr-6.8.0's Spark (release facts)
  const auto& exec = Pod(plan, "executor");
  EXPECT_EQ(exec["count"], 5);
  const auto& spark = Container(exec, "spark-kubernetes-executor");
  ASSERT_FALSE(spark.is_null()) << exec.dump(1);
  EXPECT_TRUE(spark["spark"].get<bool>());
  EXPECT_EQ(spark["requests"]["cpu"], "3500m");
  EXPECT_EQ(spark["limits"]["cpu"], "4");
  EXPECT_EQ(spark["requests"]["memory"], "4505Mi");  // 4096 + int(0.1 * 4096)
  EXPECT_EQ(spark["limits"]["memory"], "4505Mi");
  // Where the numbers came from: the property at its line in the job.
  EXPECT_EQ(spark["from"]["memory"]["text"], "spark.executor.memory=4g");
  EXPECT_EQ(spark["from"]["memory"]["file"], "tests/plan/jobs/etl.json");
  EXPECT_EQ(spark["from"]["memory"]["line"], 17);
  // The driver: EMR's defaults (spark.driver.memory 1G) and EMR's fluentd
  // sidecar (the persistent UI is on by default).
  const auto& driver = Pod(plan, "driver");
  EXPECT_EQ(Container(driver, "spark-kubernetes-driver")["requests"]["memory"], "1408Mi");
  const auto& fluentd = Container(driver, "emr-container-fluentd");
  ASSERT_FALSE(fluentd.is_null()) << driver.dump(1);
  EXPECT_FALSE(fluentd["spark"].get<bool>());
  EXPECT_EQ(fluentd["requests"]["memory"], "200Mi");
  EXPECT_EQ(fluentd["limits"]["memory"], "512Mi");
  EXPECT_EQ(driver["total"]["requests"]["memory"], "1608Mi");
  EXPECT_EQ(plan["nodes"].size(), 0u);
}

TEST(PlanCli, PythonJobsGetTheNonJvmFactor) {
  auto r = RunSparkmc({"plan", "examples/pi.json", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "");
  // pi.py: 2048 + int(0.4 * 2048) = 2867; the driver 1024 + int(0.4 * 1024) = 1433.
  EXPECT_EQ(Container(Pod(plan, "executor"), "spark-kubernetes-executor")["requests"]["memory"], "2867Mi");
  EXPECT_EQ(Container(Pod(plan, "driver"), "spark-kubernetes-driver")["requests"]["memory"], "1433Mi");
}

TEST(PlanCli, LoggingSidecarFollowsEmrContainersDefaults) {
  auto logs = RunSparkmc({"plan", "examples/pi-logs.json", "-f", "json"});
  ASSERT_EQ(logs.exit_code, 0) << logs.err;
  nlohmann::json plan = nlohmann::json::parse(logs.out);
  const auto& f = Container(Pod(plan, "executor"), "emr-container-fluentd");
  ASSERT_FALSE(f.is_null());
  EXPECT_EQ(f["requests"]["memory"], "200Mi");
  EXPECT_EQ(f["limits"]["memory"], "512Mi");

  auto r = RunSparkmc({"plan", "tests/plan/jobs/logging-sidecar.json", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "");
  EXPECT_TRUE(Container(Pod(plan, "executor"), "emr-container-fluentd").is_null());  // executor.logging DISABLED
  const auto& df = Container(Pod(plan, "driver"), "emr-container-fluentd");
  ASSERT_FALSE(df.is_null());
  EXPECT_EQ(df["requests"]["memory"], "300Mi");  // logging.request.memory
  EXPECT_EQ(df["from"]["requests.memory"]["line"], 17);
}

TEST(PlanCli, TextAndMarkdownCarryTheNumbers) {
  auto t = RunSparkmc({"plan", "tests/plan/jobs/etl.json"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("executor x5"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("4505Mi"), std::string::npos);
  EXPECT_NE(t.out.find("3500m"), std::string::npos);
  EXPECT_NE(t.out.find("spark.executor.memory=4g at tests/plan/jobs/etl.json:17:"), std::string::npos) << t.out;
  auto m = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "markdown"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.out.find("| spark-kubernetes-executor | yes | 3500m | 4 | 4505Mi | 4505Mi |"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("| emr-container-fluentd | no | - | - | 200Mi | 512Mi |"), std::string::npos);
}

TEST(PlanCli, OpenSourceTargetsHaveNoEmrSidecar) {
  auto r = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "json", "--target", "spark-operator"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "");
  EXPECT_EQ(Pod(plan, "driver")["containers"].size(), 1u);
  EXPECT_EQ(Container(Pod(plan, "executor"), "spark-kubernetes-executor")["requests"]["memory"], "4505Mi");
}

TEST(PlanCli, BadInputIsALocatedErrorAndExit2) {
  auto r = RunSparkmc({"plan", "tests/plan/jobs/bad-memory.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("tests/plan/jobs/bad-memory.json:16:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1.5g"), std::string::npos);
  EXPECT_EQ(RunSparkmc({"plan", "tests/plan/jobs/no-such.json"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "yaml"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"plan", "tests/plan/jobs/etl.json", "--target", "emr"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"plan"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"plan", "tests/plan/templates/gpu-executor.yaml"}).exit_code, 2);
  auto nodes = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "--nodes", "m6i.4xlarg"});
  EXPECT_EQ(nodes.exit_code, 2);
}

TEST(PlanCli, NodesFlagFitsTheExecutors) {
  auto r = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "json", "--nodes", "m6i.4xlarge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "") << r.out;
  ASSERT_EQ(plan["nodes"].size(), 1u);
  const auto& n = plan["nodes"][0];
  EXPECT_EQ(n["pool"], "m6i.4xlarge");
  // 16 vCPU less the EKS AMI's kube-reserved cpu (60m + 10m + 2 x 5m + 12 x 2.5m = 110m) leaves
  // 15890m: four 3500m executors; memory (64 GiB less reservations) holds 13 of 4505Mi. Five
  // executors need two nodes.
  EXPECT_EQ(n["executorsPerNode"], 4);
  EXPECT_EQ(n["binding"], "cpu");
  EXPECT_EQ(n["nodesNeeded"], 2);
  EXPECT_TRUE(n["driverFits"].get<bool>());
  auto text = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "--nodes", "m6i.4xlarge"});
  EXPECT_NE(text.out.find("m6i.4xlarge"), std::string::npos) << text.out;
}

TEST(PlanCli, NodePoolsFromTheProjectConfig) {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/.sparkmc.yaml", "nodePools:\n  gpu:\n    allocatable: {cpu: 7, memory: 28Gi}\n");
  test::WriteFile(dir + "/etl.json", test::ReadFile(test::SourcePath("tests/plan/jobs/etl.json")));
  auto r = RunSparkmc({"plan", dir + "/etl.json", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(SchemaErrors(plan), "");
  ASSERT_EQ(plan["nodes"].size(), 1u);
  EXPECT_EQ(plan["nodes"][0]["pool"], "gpu");
  // 7000m / 3500m = 2 executors; 28672Mi / 4505Mi = 6: cpu binds, and 5 executors need 3 nodes.
  EXPECT_EQ(plan["nodes"][0]["executorsPerNode"], 2);
  EXPECT_EQ(plan["nodes"][0]["nodesNeeded"], 3);
  // --nodes replaces the config's pools.
  auto flag = RunSparkmc({"plan", dir + "/etl.json", "-f", "json", "--nodes", "r6i.8xlarge"});
  ASSERT_EQ(flag.exit_code, 0) << flag.err;
  EXPECT_EQ(nlohmann::json::parse(flag.out)["nodes"][0]["pool"], "r6i.8xlarge");
}

TEST(PlanCli, SeveralJobsGiveAnArrayInPathOrder) {
  std::string dir = test::TempDir();
  test::WriteFile(dir + "/a.json", test::ReadFile(test::SourcePath("tests/plan/jobs/etl.json")));
  test::WriteFile(dir + "/b.json", test::ReadFile(test::SourcePath("examples/pi.json")));
  auto r = RunSparkmc({"plan", dir, "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json all = nlohmann::json::parse(r.out);
  ASSERT_TRUE(all.is_array());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(SchemaErrors(all), "");
  EXPECT_EQ(all[0]["file"], dir + "/a.json");
  EXPECT_EQ(all[1]["file"], dir + "/b.json");
}

TEST(PlanCli, OutputIsDeterministicAndAFailedWriteIsExit3) {
  auto a = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "json"});
  auto b = RunSparkmc({"plan", "tests/plan/jobs/etl.json", "-f", "json"});
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(RunSparkmc({"plan", "tests/plan/jobs/etl.json"}, "", "/dev/full").exit_code, 3);
}

}  // namespace
}  // namespace sparkmc
