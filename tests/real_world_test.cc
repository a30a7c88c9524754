// Holds sparkmc to ../shared/real-world: 119 job requests and pod templates
// people published for EMR on EKS, with what AWS does with each and which
// findings on it are real defects (expectations.json). Skipped, with a
// message, where the folder is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/test_util.h"

namespace sparkmc {
namespace {

using namespace test;

std::string RealWorldDir() {
  if (const char* env = std::getenv("SPARKMC_REAL_WORLD")) return env;
  return SourcePath("../shared/real-world");
}

/// (file, rule, severity) rows of tests/real_world_deviations.tsv.
std::set<std::string> Deviations() {
  std::set<std::string> out;
  std::istringstream in(ReadFile(SourcePath("tests/real_world_deviations.tsv")));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cols(line);
    std::string file, rule, severity;
    std::getline(cols, file, '\t');
    std::getline(cols, rule, '\t');
    std::getline(cols, severity, '\t');
    out.insert(file + "|" + rule + "|" + severity);
  }
  return out;
}

TEST(RealWorld, JobsAndPodTemplatesPeoplePublishedLintClean) {
  std::string dir = RealWorldDir();
  if (!std::filesystem::exists(dir + "/expectations.json")) {
    GTEST_SKIP() << "no real-world corpus at " << dir << " (set SPARKMC_REAL_WORLD to run this test)";
  }
  nlohmann::json expectations = nlohmann::json::parse(ReadFile(dir + "/expectations.json"));
  std::set<std::string> excused = Deviations();
  int files = 0, crashes = 0, wrong = 0, false_errors = 0, false_warnings = 0;
  for (const auto& [path, e] : expectations["files"].items()) {
    ++files;
    std::string full = dir + "/" + path;
    std::string expect = e.value("expect", "accept");
    std::vector<std::string> lint = {"lint", "-f", "json", full};
    if (path.rfind("jobs/", 0) == 0) {
      std::string out = TempDir() + "/out";
      RunResult c = RunSparkmc({"compile", full, "--namespace", "emr-data-team-a", "--region", "us-west-2", "--job-id",
                                "0000000000000000001", "-o", out});
      if (c.exit_code != 0 && c.exit_code != 2) {
        ++crashes;
        ADD_FAILURE() << path << ": compile exited " << c.exit_code << ": " << c.err;
      } else if (expect == "accept" && c.exit_code != 0) {
        ++wrong;
        ADD_FAILURE() << path << ": AWS accepts it, compile refused it: " << c.err;
      } else if (expect == "accept") {
        for (const char* f : {"spark-defaults.yaml", "pod-template.yaml", "fluentd.yaml"}) {
          if (!std::filesystem::exists(out + "/" + f)) {
            ++wrong;
            ADD_FAILURE() << path << ": compile wrote no " << f;
          }
        }
      } else if (expect == "reject" && c.exit_code != 2) {
        ++wrong;
        ADD_FAILURE() << path << ": AWS refuses it, compile accepted it";
      } else if (expect == "explain" && c.exit_code == 2 && !std::regex_search(c.err, std::regex(e.value("match", "")))) {
        ++wrong;
        ADD_FAILURE() << path << ": refused without naming " << e.value("match", "") << ": " << c.err;
      }
    } else {
      lint.push_back("--role");
      lint.push_back(e.value("role", "executor"));
    }
    RunResult l = RunSparkmc(lint);
    nlohmann::json report = nlohmann::json::parse(l.out, nullptr, false);
    if (l.exit_code < 0 || l.exit_code > 2 || report.is_discarded()) {
      ++crashes;
      ADD_FAILURE() << path << ": lint exited " << l.exit_code << " with " << l.out.substr(0, 200) << l.err;
      continue;
    }
    if (l.exit_code == 2 && (expect == "accept" || expect == "explain")) {
      ++wrong;
      ADD_FAILURE() << path << ": lint refused a file AWS accepts: " << l.err;
    }
    std::set<std::string> real, real_warnings;
    for (const auto& r : e.value("real", nlohmann::json::array())) real.insert(r.get<std::string>());
    for (const auto& r : e.value("real_warnings", nlohmann::json::array())) real_warnings.insert(r.get<std::string>());
    for (const auto& f : report["findings"]) {
      std::string rule = f["rule"], severity = f["severity"];
      if (excused.count(path + "|" + rule + "|" + severity)) continue;
      if (severity == "error" && !real.count(rule)) {
        ++false_errors;
        ADD_FAILURE() << path << ":" << f["line"] << ":" << f["column"] << ": false error [" << rule << "] " << f["message"];
      } else if (severity == "warning" && !real_warnings.count(rule)) {
        ++false_warnings;
        ADD_FAILURE() << path << ":" << f["line"] << ": false warning [" << rule << "] " << f["message"];
      }
    }
  }
  std::cout << "real world: " << files << " files, " << wrong << " wrong verdicts, " << false_errors
            << " false errors, " << false_warnings << " false warnings, " << crashes << " crashes\n";
  // Every false warning already failed above: what the people who published
  // these files would be told to change must be a real defect, or excused in
  // real_world_deviations.tsv with the reason.
  EXPECT_EQ(false_warnings, 0);
}

}  // namespace
}  // namespace sparkmc
