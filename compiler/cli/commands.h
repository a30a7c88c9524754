// The subcommands. Each returns the process exit code: 0 success, 1 lint
// findings, 2 bad input or usage.
#ifndef SPARKMC_CLI_COMMANDS_H_
#define SPARKMC_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "compiler/cli/pipeline.h"

namespace sparkmc {

struct CompileOptions {
  std::string job_path;
  std::string config_path;  ///< --config; "" = walk up from the job file.
  std::string output_dir;   ///< -o; "" = stdout.
  std::string target = "emr-eks";
  ContextFlags context;
  LoadOptions load;
};

int RunCompile(const CompileOptions& options);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_COMMANDS_H_
