// Every file of a run is parsed once (issue 13): lint, compile and check over
// a project whose jobs share pod templates, a job template and .sparkmc.yaml
// files, counted by the parse hook of compiler/load/document.h.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>

#include "compiler/driver/commands.h"
#include "compiler/load/document.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::mutex counts_mu;
std::map<std::string, int> counts;

void Count(const SourceFile& source) {
  std::lock_guard<std::mutex> lock(counts_mu);
  ++counts[source.path];
}

/// The parses \a run makes, by path.
template <typename Fn>
std::map<std::string, int> Parses(Fn run) {
  counts.clear();
  SetParseHook(&Count);
  run();
  SetParseHook(nullptr);
  return counts;
}

std::string Job(int i, const std::string& role_template) {
  return "{\"virtualClusterId\": \"vc" + std::to_string(i % 2) + "xxxxxxxxxxxxxxxxxxxx\", \"name\": \"job-" + std::to_string(i) +
         "\", \"executionRoleArn\": \"arn:aws:iam::123456789012:role/runner\", \"releaseLabel\": \"emr-6.8.0-latest\", "
         "\"jobDriver\": {\"sparkSubmitJobDriver\": {\"entryPoint\": \"s3://code/etl.py\", \"sparkSubmitParameters\": "
         "\"--conf spark.executor.instances=2 --conf spark.kubernetes.driver.podTemplateFile=" + role_template +
         " --conf spark.kubernetes.executor.podTemplateFile=" + role_template + "\"}}}\n";
}

const char kPod[] = "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n    team: data\n";
const char kTemplate[] =
    "{\"name\": \"etl\", \"jobTemplateData\": {\"executionRoleArn\": \"arn:aws:iam::123456789012:role/runner\", "
    "\"releaseLabel\": \"emr-6.8.0-latest\", \"jobDriver\": {\"sparkSubmitJobDriver\": {\"entryPoint\": "
    "\"s3://code/etl.py\", \"sparkSubmitParameters\": \"--conf spark.executor.instances=2\"}}}}\n";

/// A project: .sparkmc.yaml at the root; jobs in jobs/ and jobs/team/ (the
/// second directory under the same config); every job names the one pod
/// template of its folder for both roles; two runs of one job template.
struct Project {
  std::string root = TempDir();
  std::vector<std::string> files;  ///< Every file a run over jobs/ should parse.
  std::vector<std::string> jobs;

  Project() {
    Write(".sparkmc.yaml",
          "virtualClusters:\n  vc0xxxxxxxxxxxxxxxxxxxx: {namespace: a, region: us-east-1}\n"
          "  vc1xxxxxxxxxxxxxxxxxxxx: {namespace: b, region: us-west-2}\n"
          "jobTemplates:\n  tpl1: jobs/templates/etl.json\nsparkImage: apache/spark:3.5.1\n");
    ::mkdir((root + "/jobs").c_str(), 0755);
    ::mkdir((root + "/jobs/team").c_str(), 0755);
    ::mkdir((root + "/jobs/templates").c_str(), 0755);
    Write("jobs/pod.yaml", kPod);
    Write("jobs/team/pod.yaml", kPod);
    Write("jobs/templates/etl.json", kTemplate);
    for (int i = 0; i < 6; ++i) WriteJob("jobs/job-" + std::to_string(i) + ".json", Job(i, "pod.yaml"));
    for (int i = 6; i < 9; ++i) WriteJob("jobs/team/job-" + std::to_string(i) + ".json", Job(i, "s3://bucket/pod.yaml"));
    for (int i = 0; i < 2; ++i) {
      WriteJob("jobs/run-" + std::to_string(i) + ".json",
               "{\"name\": \"run-" + std::to_string(i) + "\", \"virtualClusterId\": \"vc0xxxxxxxxxxxxxxxxxxxx\", "
               "\"jobTemplateId\": \"tpl1\"}\n");
    }
  }
  void Write(const std::string& rel, const std::string& text) {
    WriteFile(root + "/" + rel, text);
    files.push_back(root + "/" + rel);
  }
  void WriteJob(const std::string& rel, const std::string& text) {
    Write(rel, text);
    jobs.push_back(root + "/" + rel);
  }
};

void ExpectEachOnce(const std::map<std::string, int>& parses, const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    auto it = parses.find(f);
    EXPECT_TRUE(it != parses.end() && it->second == 1) << f << " parsed " << (it == parses.end() ? 0 : it->second) << " times";
  }
  for (const auto& [path, n] : parses) {
    if (path.rfind("<", 0) == 0) continue;  // embedded text (EMR's pod templates, their skeletons), not a file
    EXPECT_NE(std::find(files.begin(), files.end(), path), files.end()) << "parsed a file outside the run: " << path;
  }
  size_t embedded = 0;
  for (const auto& [path, n] : parses) embedded += path.rfind("<", 0) == 0;
  EXPECT_EQ(parses.size() - embedded, files.size());
}

TEST(ParseOnce, LintParsesEachJobTemplateAndConfigOnce) {
  Project p;
  LintOptions options;
  options.paths = {p.root + "/jobs"};
  options.reports = {ReportTarget{"json", p.root + "/report.json"}};
  options.jobs = 2;  // two workers may ask for one template at once
  std::map<std::string, int> parses = Parses([&] { RunLint(options); });
  ExpectEachOnce(parses, p.files);
  // The run read what it parsed: findings name the jobs (and no file failed).
  EXPECT_NE(ReadFile(p.root + "/report.json").find("job-8.json"), std::string::npos);
}

TEST(ParseOnce, CompileParsesTheJobItsTemplateAndConfigOnce) {
  Project p;
  CompileOptions options;
  options.job_path = p.root + "/jobs/job-0.json";
  options.target = "spark-submit";  // reads the pod template (named for both roles)
  options.output_dir = p.root + "/out";
  int code = 0;
  std::map<std::string, int> parses = Parses([&] { code = RunCompile(options); });
  EXPECT_EQ(code, 0);
  ExpectEachOnce(parses, {p.root + "/.sparkmc.yaml", p.root + "/jobs/job-0.json", p.root + "/jobs/pod.yaml"});

  options.job_path = p.root + "/jobs/run-0.json";
  options.target = "emr-eks";
  options.output_dir = p.root + "/out-run";
  parses = Parses([&] { code = RunCompile(options); });
  EXPECT_EQ(code, 0);
  ExpectEachOnce(parses, {p.root + "/.sparkmc.yaml", p.root + "/jobs/run-0.json", p.root + "/jobs/templates/etl.json"});
}

TEST(ParseOnce, CheckParsesEachFileOnce) {
  Project p;
  for (const char* target : {"emr-eks", "spark-submit"}) {
    std::string manifests = p.root + "/manifests-" + target;
    for (const std::string& job : p.jobs) {
      CompileOptions c;
      c.job_path = job;
      c.target = target;
      std::string base = job.substr(job.rfind('/') + 1);
      c.output_dir = manifests + "/" + base.substr(0, base.rfind('.'));
      ASSERT_EQ(RunCompile(c), 0) << job;
    }
    CheckOptions options;
    options.manifests_dir = manifests;
    options.job_paths = {p.root + "/jobs"};
    options.target = target;
    int code = -1;
    std::map<std::string, int> parses = Parses([&] { code = RunCheck(options); });
    EXPECT_EQ(code, 0) << target;  // no drift: what it compiled is what was committed
    // Pod and job templates are inputs too (check skips them as files, and
    // spark-submit's jobs read the pod templates): parsed once all the same.
    std::vector<std::string> expected = p.files;
    ExpectEachOnce(parses, expected);
  }
}

}  // namespace
}  // namespace sparkmc::test
