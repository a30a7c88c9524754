// The subcommands. Each returns the process exit code: 0 success, 1 lint
// findings, 2 bad input or usage.
#ifndef SPARKMC_CLI_COMMANDS_H_
#define SPARKMC_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "compiler/driver/compile.h"

namespace sparkmc {

/// The targets compile, lint, check and plan take: emr-eks, spark-operator,
/// spark-submit. The CLI accepts no other (CLI::IsMember), so the runners
/// below take an options struct's values as valid.
const std::vector<std::string>& Targets();

struct CompileOptions {
  std::string job_path;
  std::string config_path;  ///< --config; "" = walk up from the job file.
  std::string output_dir;   ///< -o; "" = stdout.
  std::string target = "emr-eks";  ///< emr-eks, spark-operator or spark-submit.
  std::string image;               ///< --image, for the open-source targets.
  bool require_exact = false;      ///< Refuse a release whose facts are derived, not captured.
  ContextFlags context;
  LoadOptions load;
};

int RunCompile(const CompileOptions& options);

struct ReportTarget {
  std::string format = "text";
  std::string output;  ///< "" = stdout.
};

struct LintOptions {
  std::vector<std::string> paths;
  std::string role;  ///< --role: the paths are pod templates for this role.
  std::vector<ReportTarget> reports;
  std::string fail_on = "error";
  std::string config_path;
  std::string target = "emr-eks";  ///< Also report what an open-source target drops.
  int jobs = 0;  ///< Threads; 0 = hardware concurrency.
  bool fail_on_skipped = false;  ///< Files lint does not read fail the run.
  /// --no-inline-suppressions: `# sparkmc:ignore` comments suppress nothing,
  /// and one naming no rule is reported; .sparkmc.yaml ignores still apply.
  bool no_inline_suppressions = false;
  std::string facts_dir;  ///< --facts: learned release facts; "" = each config's releaseFacts.
  LoadOptions load;
};

int RunLint(const LintOptions& options);

struct CheckOptions {
  std::string manifests_dir;
  std::vector<std::string> job_paths;
  std::string config_path;
  std::string target = "emr-eks";  ///< The target the manifests were compiled for.
  std::string image;               ///< --image, for the open-source targets.
  ContextFlags context;
  LoadOptions load;
};

/// Do the committed manifests equal what compile produces now?
int RunCheck(const CheckOptions& options);

struct PlanOptions {
  std::vector<std::string> paths;  ///< Job files or directories.
  std::string format = "text";     ///< text, json or markdown.
  std::string target = "emr-eks";  ///< emr-eks, spark-operator or spark-submit.
  std::string nodes;               ///< --nodes: comma-separated EC2 instance types.
  bool nodes_given = false;        ///< --nodes was given (it replaces .sparkmc.yaml nodePools).
  std::string config_path;
  int jobs = 0;  ///< Threads; 0 = hardware concurrency.
  LoadOptions load;
};

/// The pods each job asks the cluster for, as Spark builds them, and how
/// they fit the node shapes: 0, or 2 for bad input, 3 when output fails.
int RunPlan(const PlanOptions& options);

/// `sparkmc rules [--format markdown]`, `sparkmc explain ID`, `sparkmc schema`.
int RunRules(const std::string& format);
int RunExplain(const std::string& rule_id);
int RunSchema(const std::string& which);

/// Job and pod template files under \a paths (directories are walked for
/// .json/.yaml/.yml), sorted. Throws InputError for a path that does not exist.
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_COMMANDS_H_
