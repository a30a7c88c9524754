// sparkmc: the Spark Manifest Compiler. Parses flags and hands off to one
// subcommand; everything else lives in the stages under compiler/.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "compiler/cli/commands.h"

int main(int argc, char** argv) {
  using namespace sparkmc;
  CLI::App app{"sparkmc: compile a Spark job file into the exact Kubernetes manifests that run it, and check them"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sparkmc 0.1.0");

  CompileOptions compile;
  size_t max_size = compile.load.max_file_size;
  CLI::App* c = app.add_subcommand("compile", "Compile a job file into Kubernetes manifests");
  c->add_option("job", compile.job_path, "Job file: a StartJobRun request (JSON/YAML) or an ACK JobRun")->required();
  c->add_option("-o,--output", compile.output_dir, "Write one file per manifest and a kustomization.yaml into DIR");
  c->add_option("--config", compile.config_path, "Project config (default: nearest .sparkmc.yaml above the job)");
  c->add_option("--namespace", compile.context.namespace_, "Namespace of the virtual cluster");
  c->add_option("--region", compile.context.region, "AWS region of the virtual cluster");
  c->add_option("--job-id", compile.context.job_id, "Job id (default: derived from the job's content)");
  c->add_option("--target", compile.target, "emr-eks (default)");
  c->add_option("--max-file-size", max_size, "Refuse job files larger than this many bytes");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  try {
    if (c->parsed()) {
      compile.load.max_file_size = max_size;
      return RunCompile(compile);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sparkmc: internal error: %s\n", e.what());
    return 3;
  }
  return 2;
}
