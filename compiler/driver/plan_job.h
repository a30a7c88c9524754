// One job's pods for `sparkmc plan` (plan_job.cc) and their reports
// (plan_report.cc).
#ifndef SPARKMC_DRIVER_PLAN_JOB_H_
#define SPARKMC_DRIVER_PLAN_JOB_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "compiler/check/subject.h"
#include "compiler/driver/front_end.h"
#include "compiler/model/project_config.h"
#include "compiler/plan/fit.h"
#include "compiler/plan/pods.h"

namespace sparkmc {

/// The pods of \a job on \a target ("emr-eks", "spark-operator",
/// "spark-submit"), with the pod templates it names read with \a load's
/// limits. The job must have no problems (FirstProblem). Throws
/// InputError for a value Spark or Kubernetes would refuse.
PodPlan PlanJob(const LoadedJob& job, const ProjectConfig& config, const std::string& target, const LoadOptions& load);

/// A plan and how it fits the node pools, ready to print.
struct PlanReport {
  std::string file;
  PodPlan pods;
  std::vector<NodePool> pools;
  std::vector<NodeFit> fits;  ///< One per pool.
};

/// How \a plan fits each of \a pools.
PlanReport FitPlan(std::string file, PodPlan plan, std::vector<NodePool> pools);

nlohmann::ordered_json PlanJson(const PlanReport& r);
std::string PlanText(const PlanReport& r);
std::string PlanMarkdown(const PlanReport& r);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_PLAN_JOB_H_
