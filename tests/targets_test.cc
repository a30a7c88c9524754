// The open-source targets as a user runs them: golden output for the seed's
// three jobs, kustomize-able directories, and the same driver properties as
// on EMR on EKS except the documented ones.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "compiler/driver/compile.h"
#include "compiler/emit/oss_common.h"
#include "compiler/emit/properties.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/load/document.h"
#include "compiler/model/submit_args.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

struct Case {
  std::string job;
  std::string target;
};

std::vector<Case> Cases() {
  std::vector<Case> out;
  for (const char* target : {"spark-operator", "spark-submit"}) {
    for (const char* job : {"pi", "pi-logs", "pi-prometheus"}) out.push_back({job, target});
  }
  return out;
}

std::vector<std::string> Args(const Case& c) {
  return {"compile", "examples/" + c.job + ".json", "--target", c.target, "--image", "apache/spark:3.5.1", "--job-id",
          "0000000337okspsc913"};
}

class Targets : public ::testing::TestWithParam<Case> {};

TEST_P(Targets, MatchesGolden) {
  const Case& c = GetParam();
  RunResult r = RunSparkmc(Args(c));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string golden = SourcePath("testdata/golden/" + c.target + "/" + c.job + ".yaml");
  if (std::getenv("SPARKMC_UPDATE_GOLDEN")) WriteFile(golden, r.out);
  EXPECT_EQ(r.out, ReadFile(golden)) << "regenerate with SPARKMC_UPDATE_GOLDEN=1 after reviewing the change";
}

TEST_P(Targets, DirectoryKustomizes) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  const Case& c = GetParam();
  std::string dir = TempDir() + "/out";
  std::vector<std::string> args = Args(c);
  args.push_back("-o");
  args.push_back(dir);
  RunResult r = RunSparkmc(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::system(("kubectl kustomize " + dir + " >/dev/null").c_str()), 0);
}

INSTANTIATE_TEST_SUITE_P(Seed, Targets, ::testing::ValuesIn(Cases()), [](const auto& info) {
  std::string n = info.param.target + "_" + info.param.job;
  for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
});

void PrintTo(const Case& c, std::ostream* os) { *os << c.target << "/" << c.job; }

/// spark-defaults.conf of the first ConfigMap that has one, with the
/// sparkSubmitParameters laid over it as spark-submit does.
std::map<std::string, std::string> DriverProperties(const std::vector<Manifest>& manifests, const Job& job) {
  std::map<std::string, std::string> props;
  for (const Manifest& m : manifests) {
    if (m.object.value("kind", "") == "ConfigMap" && m.object["data"].contains("spark-defaults.conf")) {
      for (const auto& [k, v] : ReadProperties(m.object["data"]["spark-defaults.conf"].get<std::string>())) props[k] = v;
      break;
    }
  }
  // The arguments spark-submit runs with: the job's own on EMR on EKS; the
  // Job's container args, up to the entry point, on the spark-submit target.
  std::vector<Property> submitted = job.submit_properties;
  for (const Manifest& m : manifests) {
    if (m.object.value("kind", "") != "Job") continue;
    std::vector<SubmitToken> tokens;
    for (const auto& a : m.object["spec"]["template"]["spec"]["containers"][0]["args"]) {
      std::string arg = a.get<std::string>();
      if (arg == job.entry_point.value) break;
      tokens.push_back(SubmitToken{arg, Location{}});
    }
    submitted = ParseSubmitTokens(tokens);
  }
  for (const Property& p : EffectiveSubmitProperties(submitted)) props[p.key] = p.value;
  return props;
}

/// Whether tests/oss_equivalence_excuses.tsv lets \a key differ between EMR
/// on EKS and the open-source targets (a row is a key, or a prefix ending in *).
bool Excused(const std::string& key) {
  static const std::vector<std::string> rows = [] {
    std::vector<std::string> out;
    std::istringstream in(ReadFile(SourcePath("tests/oss_equivalence_excuses.tsv")));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      out.push_back(line.substr(0, line.find('\t')));
    }
    return out;
  }();
  for (const std::string& r : rows) {
    if (r == key || (!r.empty() && r.back() == '*' && key.rfind(r.substr(0, r.size() - 1), 0) == 0)) return true;
  }
  return false;
}

TEST(TargetEquivalence, DriverPropertiesMatchEmrExceptDocumentedOnes) {
  for (const char* name : {"pi", "pi-logs", "pi-prometheus"}) {
    auto source = std::make_shared<SourceFile>(ReadSourceFile(SourcePath(std::string("examples/") + name + ".json"), 1 << 20));
    std::vector<LoadedJob> jobs = LoadJobs(source, LoadOptions{});
    ContextFlags flags{"emr-cli", "ap-northeast-2", "0000000337okspsc913"};
    std::vector<Manifest> emr = Compile(jobs[0], ResolveContext(jobs[0], flags, ProjectConfig{}));
    // spark-submit on EMR's own image: what differs is EMR on EKS plumbing only.
    OssContext ctx = ResolveOssContext(jobs[0], flags, "", ProjectConfig{}, LoadOptions{});
    ASSERT_TRUE(ctx.emr_image);
    std::vector<Manifest> oss = CompileOss(jobs[0], "spark-submit", ctx);
    auto a = DriverProperties(emr, *jobs[0].job);
    auto b = DriverProperties(oss, *jobs[0].job);
    // The keys allowed to differ are a list written by hand, with a reason
    // each (tests/oss_equivalence_excuses.tsv), not what the code under test
    // says it dropped.
    std::set<std::string> keys;
    for (const auto& [k, v] : a) keys.insert(k);
    for (const auto& [k, v] : b) keys.insert(k);
    size_t compared = 0;
    for (const std::string& k : keys) {
      if (Excused(k)) continue;
      EXPECT_EQ(a.count(k) ? a[k] : "<unset>", b.count(k) ? b[k] : "<unset>") << name << ": " << k;
      ++compared;
    }
    EXPECT_GT(compared, 15u) << name;
  }
}

TEST(TargetEquivalence, SparkSubmitsOwnDriverConfigMapFollowsFromOurOutput) {
  // The ConfigMap spark-submit itself made for the capture's Shell 1, and the
  // same submission as a job file.
  Node capture = ParseDocuments(SourceFile{"capture", ReadFile(SourcePath("testdata/spark-on-kubernetes/driver-conf-map.yaml"))})[0];
  std::map<std::string, std::string> captured;
  for (const auto& [k, v] : ReadProperties(capture.Find("data")->Find("spark.properties")->value)) captured[k] = v;
  auto source = std::make_shared<SourceFile>(ReadSourceFile(SourcePath("testdata/spark-on-kubernetes/shell1-job.json"), 1 << 20));
  std::vector<LoadedJob> jobs = LoadJobs(source, LoadOptions{});
  ContextFlags flags{"spark", "", "0000000337okspsc913"};
  OssContext ctx = ResolveOssContext(jobs[0], flags,
                                     "public.ecr.aws/r1l5w1y9/spark-operator:3.2.1-hadoop-3.3.1-java-11-scala-2.12-python-3.8-latest",
                                     ProjectConfig{}, LoadOptions{});
  auto ours = DriverProperties(CompileOss(jobs[0], "spark-submit", ctx), *jobs[0].job);
  // Made up at run time by spark-submit or the driver, or tied to that cluster.
  const std::set<std::string> runtime = {
      "spark.driver.port", "spark.driver.blockManager.port", "spark.driver.host", "spark.app.id", "spark.app.submitTime",
      "spark.kubernetes.driver.pod.name", "spark.kubernetes.submitInDriver", "spark.kubernetes.resource.type",
      "spark.kubernetes.memoryOverheadFactor", "spark.submit.pyFiles", "spark.app.name",
      "spark.master"};  // the capture's API server; ours is the in-cluster one
  size_t checked = 0;
  for (const auto& [k, v] : captured) {
    if (runtime.count(k)) continue;
    EXPECT_EQ(ours.count(k) ? ours[k] : "<missing>", v) << k;
    ++checked;
  }
  EXPECT_GE(checked, 9u);
  EXPECT_EQ(ours["spark.master"], "k8s://https://kubernetes.default.svc");
}

}  // namespace
}  // namespace sparkmc::test
