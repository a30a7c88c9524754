#include "compiler/plan/spark_rules.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

constexpr const char* kTable = "compiler/data/spark/pod-resources.tsv";

bool Yes(const std::string& v) { return v == "yes" || v == "true"; }

const std::map<std::string, SparkRules>& Table() {
  static const std::map<std::string, SparkRules> table = [] {
    std::map<std::string, SparkRules> t;
    for (const std::vector<std::string>& row : EmbeddedTable(kTable)) {
      if (row.size() < 3) throw std::logic_error(std::string(kTable) + ": a row needs line, fact and value");
      SparkRules& r = t[row[0]];
      r.line = row[0];
      const std::string& fact = row[1];
      const std::string& v = row[2];
      if (fact == "min_overhead_mib") r.min_overhead_mib = std::atoll(v.c_str());
      else if (fact == "min_overhead_key") r.min_overhead_key = Yes(v);
      else if (fact == "role_factor_key") r.role_factor_key = Yes(v);
      else if (fact == "k8s_factor_default") r.k8s_factor_default = std::strtod(v.c_str(), nullptr);
      else if (fact == "non_jvm_factor") r.non_jvm_factor = std::strtod(v.c_str(), nullptr);
      else if (fact == "executor_offheap") r.executor_offheap = Yes(v);
      else if (fact == "executor_pyspark") r.executor_pyspark = Yes(v);
      else if (fact == "driver_extra_memory") r.driver_extra_memory = Yes(v);
      else if (fact == "executor_instances") r.executor_instances = std::atoll(v.c_str());
      else if (fact == "cores_default") r.cores_default = std::atoll(v.c_str());
      else if (fact == "memory_default_mib") r.memory_default_mib = std::atoll(v.c_str());
      else if (fact == "shuffle_tracking") r.shuffle_tracking = Yes(v);
      else throw std::logic_error(std::string(kTable) + ": unknown fact " + fact);
    }
    if (t.empty()) throw std::logic_error(std::string(kTable) + " is empty");
    return t;
  }();
  return table;
}

/// major * 1000 + minor, or -1.
int LineNumber(const std::string& line) {
  size_t dot = line.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= line.size()) return -1;
  int major = std::atoi(line.substr(0, dot).c_str());
  int minor = std::atoi(line.substr(dot + 1).c_str());
  return major * 1000 + minor;
}

}  // namespace

std::string SparkLine(const std::string& version) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
    return i > start && i - start <= 4;
  };
  if (!digits()) return "";
  if (i >= version.size() || version[i] != '.') return "";
  ++i;
  size_t minor_end;
  if (!digits()) return "";
  minor_end = i;
  return version.substr(0, minor_end);
}

std::vector<std::string> SparkRuleLines() {
  std::vector<std::pair<int, std::string>> lines;
  for (const auto& [line, rules] : Table()) lines.emplace_back(LineNumber(line), line);
  std::sort(lines.begin(), lines.end());
  std::vector<std::string> out;
  for (auto& [n, line] : lines) out.push_back(line);
  return out;
}

const SparkRules& RulesForVersion(const std::string& version, bool* exact) {
  const auto& table = Table();
  std::string line = SparkLine(version);
  auto it = table.find(line);
  if (it != table.end()) {
    *exact = true;
    return it->second;
  }
  *exact = false;
  std::vector<std::string> lines = SparkRuleLines();
  int want = LineNumber(line);
  if (want < 0) return table.at(lines.back());
  const std::string* best = &lines.front();
  int best_distance = -1;
  for (const std::string& l : lines) {
    int d = std::abs(LineNumber(l) - want);
    if (best_distance < 0 || d < best_distance) {
      best = &l;
      best_distance = d;
    }
  }
  return table.at(*best);
}

}  // namespace sparkmc
