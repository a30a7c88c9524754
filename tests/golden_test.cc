// Golden tests: each capture of a real EMR on EKS job, compiled from its
// request with that capture's job id, must equal what EMR generated.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <sstream>

#include "compiler/load/document.h"
#include "tests/semantic_equal.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') out.push_back(e->d_name);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Args(const std::string& path) {
  std::istringstream in(ReadFile(path));
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, MatchesCapturedConfigMaps) {
  std::string dir = SourcePath("testdata/conformance/emr-on-eks/" + GetParam());
  std::vector<std::string> args = {"compile", dir + "/job.json"};
  for (const std::string& a : Args(dir + "/args")) args.push_back(a);
  RunResult r = RunSparkmc(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Node> got = ParseDocuments(SourceFile{"stdout", r.out});
  ASSERT_EQ(got.size(), 3u);
  // The stream order is spark-defaults, pod-template, fluentd.
  const char* order[] = {"spark-defaults", "pod-template", "fluentd"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i].Find("metadata")->Find("labels")->Find("emr-containers.amazonaws.com/job.configuration")->value,
              order[i]);
  }
  std::vector<std::string> expected = ListDir(dir + "/expected");
  ASSERT_FALSE(expected.empty());
  for (const std::string& f : expected) {
    Node exp = ParseYamlText(ReadFile(dir + "/expected/" + f), f);
    std::string kind = exp.Find("metadata")->Find("labels")->Find("emr-containers.amazonaws.com/job.configuration")->value;
    const Node* match = nullptr;
    for (const Node& g : got) {
      if (g.Find("metadata")->Find("labels")->Find("emr-containers.amazonaws.com/job.configuration")->value == kind) {
        match = &g;
      }
    }
    ASSERT_NE(match, nullptr) << kind;
    EXPECT_EQ(ConfigMapDifference(exp, *match), "") << f;
  }
}

INSTANTIATE_TEST_SUITE_P(EmrOnEks, Conformance,
                         ::testing::ValuesIn(ListDir(SourcePath("testdata/conformance/emr-on-eks"))),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(ConformanceHarness, DetectsADifference) {
  // The comparison must be able to fail: a changed value in a pod template.
  std::string dir = SourcePath("testdata/conformance/emr-on-eks/seed-0000000337omlr0m19o/expected/");
  std::string text = ReadFile(dir + "file2-podtemplate-configmap.yaml");
  Node a = ParseYamlText(text);
  std::string changed = text;
  changed.replace(changed.find("runAsUser: 999"), 14, "runAsUser: 0  ");
  Node b = ParseYamlText(changed);
  EXPECT_EQ(ConfigMapDifference(a, a), "");
  EXPECT_NE(ConfigMapDifference(a, b), "");
}

}  // namespace
}  // namespace sparkmc::test
