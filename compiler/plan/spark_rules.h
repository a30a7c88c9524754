// Spark's pod sizing rules for one Spark line, read from
// compiler/data/spark/pod-resources.tsv (every value there names its source
// in Apache Spark). pods.cc applies them.
#ifndef SPARKMC_PLAN_SPARK_RULES_H_
#define SPARKMC_PLAN_SPARK_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sparkmc {

struct SparkRules {
  std::string line;  ///< "3.5": the line these rules are for.
  int64_t min_overhead_mib = 0;
  bool min_overhead_key = false;   ///< spark.{role}.minMemoryOverhead exists.
  bool role_factor_key = false;    ///< spark.{role}.memoryOverheadFactor exists.
  double k8s_factor_default = 0;   ///< spark.kubernetes.memoryOverheadFactor's default.
  double non_jvm_factor = 0;
  bool executor_offheap = false;
  bool executor_pyspark = false;
  bool driver_extra_memory = false;
  int64_t executor_instances = 0;
  int64_t cores_default = 0;
  int64_t memory_default_mib = 0;
  bool shuffle_tracking = false;
};

/// The lines the table has rules for, ascending ("3.3", "3.4", "3.5").
std::vector<std::string> SparkRuleLines();

/// The rules for \a version ("3.5.1", "3.4.1-amzn-0", "3.5"). A version the
/// table does not list gets the nearest listed line and \a exact = false.
/// An empty or unreadable version gets the newest line.
const SparkRules& RulesForVersion(const std::string& version, bool* exact);

/// "3.5" of "3.5.1-amzn-0"; "" when it does not start with two numbers.
std::string SparkLine(const std::string& version);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_SPARK_RULES_H_
