// The Spark container of every configuration in tests/plan/spark-cases.tsv,
// for each Spark line EMR ships, against values derived by hand from Apache
// Spark's pod builders (tests/plan/README.md says how each was obtained).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "compiler/load/document.h"
#include "compiler/plan/pods.h"
#include "tests/test_util.h"

namespace sparkmc {
namespace {

struct Case {
  std::string id, lines, role, app, props, tmpl, req_cpu, req_mem, lim_cpu, lim_mem, other, count, why;
  int line = 0;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<Case> Cases() {
  std::ifstream in(test::SourcePath("tests/plan/spark-cases.tsv"));
  std::vector<Case> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    EXPECT_EQ(f.size(), 13u) << "spark-cases.tsv:" << n;
    if (f.size() != 13) continue;
    out.push_back(Case{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], n});
  }
  return out;
}

std::string Others(const ContainerPlan& c) {
  std::map<std::string, std::pair<std::string, std::string>> keys;
  if (c.requests.has_ephemeral_storage) keys["ephemeral-storage"].first = FormatMemory(c.requests.ephemeral_storage_bytes);
  if (c.limits.has_ephemeral_storage) keys["ephemeral-storage"].second = FormatMemory(c.limits.ephemeral_storage_bytes);
  for (const auto& [k, v] : c.requests.extended) keys[k].first = std::to_string(v);
  for (const auto& [k, v] : c.limits.extended) keys[k].second = std::to_string(v);
  std::string out;
  for (const auto& [k, v] : keys) {
    out += (out.empty() ? "" : ",") + k + "=" + (v.first.empty() ? "-" : v.first) + "/" + (v.second.empty() ? "-" : v.second);
  }
  return out.empty() ? "-" : out;
}

PodInputs InputsFor(const Case& c, const std::string& version, std::vector<std::shared_ptr<SourceFile>>* keep) {
  PodInputs in;
  in.target = "spark-submit";
  in.spark_version = version;
  in.main_resource = c.app == "python" ? "s3://b/app.py" : c.app == "r" ? "s3://b/app.R" : "s3://b/app.jar";
  if (c.props != "-") {
    for (const std::string& kv : Split(c.props, ' ')) {
      size_t eq = kv.find('=');
      Property p;
      p.key = kv.substr(0, eq);
      p.value = kv.substr(eq + 1);
      p.origin = Origin::kSparkSubmitParameters;
      p.flag = "--conf";
      p.loc = Location{"case " + c.id, 1, 1};
      in.properties.push_back(p);
    }
  }
  if (c.tmpl != "-") {
    auto src = std::make_shared<SourceFile>();
    src->path = test::SourcePath("tests/plan/templates/" + c.tmpl);
    src->text = test::ReadFile(src->path);
    keep->push_back(src);
    PodTemplateDoc t{"template", src, ParseDocuments(*src).front()};
    (c.role == "driver" ? in.driver_templates : in.executor_templates).push_back(t);
  }
  return in;
}

TEST(PlanSpark, EveryCaseForEverySparkLine) {
  std::vector<Case> cases = Cases();
  ASSERT_GE(cases.size(), 30u);
  std::map<std::string, int> per_line;
  for (const char* version : {"3.3.2", "3.4.1", "3.5.1"}) {
    std::string line = std::string(version).substr(0, 3);
    for (const Case& c : cases) {
      if (c.lines != "all" && c.lines.find(line) == std::string::npos) continue;
      SCOPED_TRACE("spark-cases.tsv:" + std::to_string(c.line) + " " + c.id + " on Spark " + version + ": " + c.why);
      std::vector<std::shared_ptr<SourceFile>> keep;
      PodPlan plan = ComputePods(InputsFor(c, version, &keep));
      EXPECT_EQ(plan.spark_line, line);
      const PodRolePlan* role = plan.Role(c.role);
      ASSERT_NE(role, nullptr);
      const ContainerPlan* spark = role->SparkContainer();
      ASSERT_NE(spark, nullptr);
      EXPECT_EQ(FormatCpu(spark->requests.cpu_millis), c.req_cpu);
      EXPECT_EQ(FormatMemory(spark->requests.memory_bytes), c.req_mem);
      EXPECT_EQ(spark->limits.has_cpu ? FormatCpu(spark->limits.cpu_millis) : "-", c.lim_cpu);
      EXPECT_EQ(FormatMemory(spark->limits.memory_bytes), c.lim_mem);
      EXPECT_EQ(Others(*spark), c.other);
      if (c.count != "-") EXPECT_EQ(std::to_string(role->count.count), c.count);
      ++per_line[line];
    }
  }
  for (const char* line : {"3.3", "3.4", "3.5"}) EXPECT_GE(per_line[line], 30) << line;
}

}  // namespace
}  // namespace sparkmc
