// sparkmc: the Spark Manifest Compiler. Parses flags and hands off to one
// subcommand; everything else lives in the stages under compiler/.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <initializer_list>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
#include "compiler/cli/completion.h"
#include "compiler/cli/man_page.h"
#include "compiler/driver/capture.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/facts.h"
#include "compiler/report/report.h"

// A help footer: "Examples:" and one command a line.
static std::string Examples(std::initializer_list<const char*> commands) {
  std::string out = "Examples:";
  for (const char* command : commands) out += std::string("\n  ") + command;
  return out;
}

int main(int argc, char** argv) {
  using namespace sparkmc;
  CLI::App app{"sparkmc: compile a Spark job file into the exact Kubernetes manifests that run it, and check them",
               "sparkmc"};  // not argv[0]: the man page and completions name it
  app.require_subcommand(1);
  const std::string version = "sparkmc " SPARKMC_VERSION;  // project(VERSION) in CMakeLists.txt
  app.set_version_flag("--version", version);
  size_t max_size = 10 << 20;

  CompileOptions compile;
  CLI::App* c = app.add_subcommand("compile", "Compile a job file into the EMR on EKS ConfigMaps");
  c->footer(Examples({"sparkmc compile jobs/pi.json -o manifests/pi/",
                      "sparkmc compile jobs/pi.json --namespace emr-cli --region ap-northeast-2",
                      "sparkmc compile jobs/pi.json --target spark-operator --image apache/spark:3.5.1 -o manifests/pi/"}));
  c->add_option("job", compile.job_path, "Job file: a StartJobRun request (JSON/YAML) or an ACK JobRun")->required();
  c->add_option("-o,--output", compile.output_dir, "Write one file per manifest and a kustomization.yaml into DIR");
  c->add_option("--config", compile.config_path, "Project config (default: nearest .sparkmc.yaml above the job)");
  c->add_option("--namespace", compile.context.namespace_, "Namespace of the virtual cluster");
  c->add_option("--region", compile.context.region, "AWS region of the virtual cluster");
  c->add_option("--job-id", compile.context.job_id, "Job id (default: derived from the job's content)");
  c->add_option("--virtual-cluster-id", compile.context.virtual_cluster_id, "Id of the virtual cluster an ACK JobRun's virtualClusterRef names");
  c->add_option("--execution-role-arn", compile.context.execution_role_arn, "ARN of the role an ACK JobRun's executionRoleRef names");
  c->add_option("--target", compile.target, "emr-eks (default), spark-operator or spark-submit")->check(CLI::IsMember(Targets()));
  c->add_option("--image", compile.image, "Spark image for the open-source targets (default: sparkImage in .sparkmc.yaml, else EMR's)");
  c->add_flag("--require-exact", compile.require_exact, "Exit 2 when the release has no capture (its facts are derived)");
  c->add_option("--facts", compile.context.facts_dir, "Release facts learned by `sparkmc capture import` (default: releaseFacts in .sparkmc.yaml)");
  c->add_option("--job-template", compile.load.job_template, "The job template (CreateJobTemplate request file) a jobTemplateId run names");
  c->add_option("--max-file-size", max_size, "Refuse input files larger than this many bytes (default 10 MiB)");

  LintOptions lint;
  std::vector<std::string> formats, outputs;
  CLI::App* l = app.add_subcommand("lint", "Check job files and pod templates against schemas and rules");
  l->footer(Examples({"sparkmc lint jobs/", "sparkmc lint -f sarif -o results.sarif -f text jobs/",
                      "sparkmc lint pod-templates/driver.yaml --role driver"}));
  l->add_option("paths", lint.paths, "Job files, pod templates or directories (default: .)");
  CLI::Option* fmt_opt = l->add_option("-f,--format", formats, "Report format: text, json, sarif, github, junit (repeatable)")
                             ->check(CLI::IsMember(ReportFormats()))
                             ->allow_extra_args(false);
  CLI::Option* out_opt = l->add_option("-o,--output", outputs, "Write the preceding -f's report to FILE")
                             ->allow_extra_args(false);
  l->add_option("--role", lint.role, "The paths are pod templates for this role: driver or executor")
      ->check(CLI::IsMember({"driver", "executor"}));
  l->add_option("--fail-on", lint.fail_on, "Exit 1 on findings at or above: error (default), warning, info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  l->add_option("--config", lint.config_path, "Project config (default: nearest .sparkmc.yaml above each file)");
  l->add_option("--target", lint.target, "Also report what this target drops: emr-eks (default), spark-operator, spark-submit")
      ->check(CLI::IsMember(Targets()));
  l->add_option("-j,--jobs", lint.jobs, "Files linted in parallel (default: number of cores)")->check(CLI::Range(0, 4096));
  l->add_flag("--fail-on-skipped", lint.fail_on_skipped, "Exit 2 when a file is not a job, pod template or job template");
  l->add_flag("--no-inline-suppressions", lint.no_inline_suppressions, "Do not honour # sparkmc:ignore comments (.sparkmc.yaml ignores still apply); report those that name no rule");
  l->add_option("--job-template", lint.load.job_template, "The job template (CreateJobTemplate request file) jobTemplateId runs name");
  l->add_option("--facts", lint.facts_dir, "Release facts learned by `sparkmc capture import` (default: releaseFacts in .sparkmc.yaml)");
  l->add_option("--max-file-size", max_size, "Refuse input files larger than this many bytes (default 10 MiB)");

  CheckOptions check;
  CLI::App* k = app.add_subcommand("check", "Check that committed manifests equal what compile produces now");
  k->footer(Examples({"sparkmc check manifests/ jobs/    # manifests/<job-name>/ against jobs/<job-name>.*"}));
  k->add_option("manifests", check.manifests_dir, "Directory holding one folder of manifests per job")->required();
  k->add_option("jobs", check.job_paths, "Job files or directories")->required();
  k->add_option("--config", check.config_path, "Project config (default: nearest .sparkmc.yaml above each job)");
  k->add_option("--namespace", check.context.namespace_, "Namespace of the virtual cluster");
  k->add_option("--region", check.context.region, "AWS region of the virtual cluster");
  k->add_option("--job-id", check.context.job_id, "Job id (default: derived from the job's content)");
  k->add_option("--virtual-cluster-id", check.context.virtual_cluster_id, "Id of the virtual cluster an ACK JobRun's virtualClusterRef names");
  k->add_option("--execution-role-arn", check.context.execution_role_arn, "ARN of the role an ACK JobRun's executionRoleRef names");
  k->add_option("--target", check.target, "The target the manifests were compiled for (default emr-eks)")
      ->check(CLI::IsMember(Targets()));
  k->add_option("--job-template", check.load.job_template, "The job template (CreateJobTemplate request file) jobTemplateId runs name");
  k->add_option("--image", check.image, "Spark image, as given to compile for the open-source targets");
  k->add_option("--facts", check.context.facts_dir, "Release facts learned by `sparkmc capture import` (default: releaseFacts in .sparkmc.yaml)");

  FactsOptions facts;
  CLI::App* fa = app.add_subcommand("facts", "Print what compile uses for a release label and where each fact comes from");
  fa->footer(Examples({"sparkmc facts emr-7.2.0", "sparkmc facts emr-6.8.0-latest -f json"}));
  fa->add_option("label", facts.label, "Release label (emr-7.2.0 or emr-7.2.0-latest)")->required();
  fa->add_option("-f,--format", facts.format, "text (default) or json");
  fa->add_option("--facts", facts.facts_dir, "Release facts learned by `sparkmc capture import` (default: releaseFacts in .sparkmc.yaml)");
  fa->add_option("--config", facts.config_path, "Project config (default: nearest .sparkmc.yaml above the working folder)");

  CaptureOptions capture;
  CLI::App* ca = app.add_subcommand("capture", "Compare a job with what EMR generated for it on your cluster (verify), or learn the release's facts from it (import)");
  ca->footer(Examples({"kubectl get configmap -n emr-jobs -l emr-containers.amazonaws.com/job.id=ID -o yaml > capture.yaml",
                       "sparkmc capture verify jobs/pi.json capture.yaml",
                       "sparkmc capture import jobs/pi.json capture.yaml    # into releaseFacts of .sparkmc.yaml"}));
  ca->add_option("action", capture.action, "verify or import")->required()->check(CLI::IsMember({"verify", "import"}));
  ca->add_option("job", capture.job_path, "The job file the capture is of")->required();
  ca->add_option("capture", capture.capture_path, "What kubectl get configmap -o yaml printed for the job (a file, or - for stdin)")->required();
  ca->add_option("--into", capture.into, "import: the fact folder to write (default: releaseFacts in .sparkmc.yaml)");
  ca->add_option("--job-id", capture.context.job_id, "The job's id, which the capture's must be (default: the capture's)");
  ca->add_option("--region", capture.context.region, "AWS region of the virtual cluster (default: read from the capture's image registry)");
  ca->add_option("--config", capture.config_path, "Project config (default: nearest .sparkmc.yaml above the job)");
  ca->add_option("--facts", capture.context.facts_dir, "Release facts learned before (default: releaseFacts in .sparkmc.yaml)");
  ca->add_option("--job-template", capture.load.job_template, "The job template (CreateJobTemplate request file) a jobTemplateId run names");

  PlanOptions plan;
  CLI::App* pl = app.add_subcommand("plan", "Print the pods a job asks the cluster for, as Spark sizes them, and how they fit nodes");
  pl->footer(Examples({"sparkmc plan jobs/etl.json", "sparkmc plan jobs/etl.json -f json",
                       "sparkmc plan jobs/etl.json --nodes m6i.4xlarge,r6i.8xlarge",
                       "sparkmc plan jobs/etl.json -f markdown --target spark-operator"}));
  pl->add_option("paths", plan.paths, "Job files or directories")->required();
  pl->add_option("-f,--format", plan.format, "text (default), json or markdown");
  pl->add_option("--target", plan.target, "emr-eks (default), spark-operator or spark-submit");
  CLI::Option* nodes_opt = pl->add_option("--nodes", plan.nodes, "EC2 instance types to fit the pods on, comma-separated (default: nodePools in .sparkmc.yaml)");
  pl->add_option("--config", plan.config_path, "Project config (default: nearest .sparkmc.yaml above each file)");
  pl->add_option("-j,--jobs", plan.jobs, "Files planned in parallel (default: number of cores)");
  pl->add_option("--job-template", plan.load.job_template, "The job template (CreateJobTemplate request file) jobTemplateId runs name");

  std::string rules_format = "text";
  CLI::App* r = app.add_subcommand("rules", "List the lint rules");
  r->footer(Examples({"sparkmc rules", "sparkmc rules --format markdown > docs/rules.md"}));
  r->add_option("--format", rules_format, "text (default) or markdown (the generated rule docs)")
      ->check(CLI::IsMember({"text", "markdown"}));
  std::string explain_id;
  CLI::App* e = app.add_subcommand("explain", "Explain one lint rule");
  e->footer(Examples({"sparkmc explain allowlist-violation"}));
  e->add_option("rule", explain_id, "Rule id")->required();
  std::string schema_name = "start-job-run";
  CLI::App* s = app.add_subcommand("schema", "Print the job file's JSON Schema, for editors");
  s->footer(Examples({"sparkmc schema > start-job-run.schema.json", "sparkmc schema ack-jobrun"}));
  s->add_option("which", schema_name, "start-job-run (default) or ack-jobrun")
      ->check(CLI::IsMember({"start-job-run", "ack-jobrun"}));
  // Hidden (no group): the build runs it for the man page and the completions.
  std::string generate;
  CLI::App* g = app.add_subcommand("generate", "Print the man page or a bash or zsh completion script")->group("");
  g->add_option("what", generate, "man, bash or zsh")->required()->check(CLI::IsMember({"man", "bash", "zsh"}));
  app.footer(Examples({"sparkmc lint jobs/", "sparkmc compile jobs/pi.json -o manifests/pi/",
                       "sparkmc check manifests/ jobs/", "sparkmc COMMAND --help    # a command's options and examples"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& ex) {
    return app.exit(ex);
  } catch (const CLI::CallForAllHelp& ex) {
    return app.exit(ex);
  } catch (const CLI::CallForVersion& ex) {
    return app.exit(ex);
  } catch (const CLI::ParseError& ex) {
    app.exit(ex);
    return 2;
  }
  try {
    if (c->parsed()) {
      compile.load.max_file_size = max_size;
      return RunCompile(compile);
    }
    if (l->parsed()) {
      lint.load.max_file_size = max_size;
      // Pair each -o with the -f before it, in command-line order (like kube-linter).
      size_t fi = 0, oi = 0;
      for (CLI::Option* opt : l->parse_order()) {
        if (opt == fmt_opt && fi < formats.size()) {
          lint.reports.push_back(ReportTarget{formats[fi++], ""});
        } else if (opt == out_opt && oi < outputs.size()) {
          if (lint.reports.empty()) lint.reports.push_back(ReportTarget{});
          if (!lint.reports.back().output.empty()) {
            std::fprintf(stderr, "sparkmc: error: each -o names the file for the -f before it; give another -f first\n");
            return 2;
          }
          lint.reports.back().output = outputs[oi++];
        }
      }
      for (size_t i = 0; i < lint.reports.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (lint.reports[i].output == lint.reports[j].output && !(lint.reports[i].output.empty() ||
                                                                       lint.reports[i].output == "-")) {
            std::fprintf(stderr, "sparkmc: error: two reports would be written to %s\n", lint.reports[i].output.c_str());
            return 2;
          }
        }
      }
      return RunLint(lint);
    }
    if (k->parsed()) {
      check.load.max_file_size = max_size;
      return RunCheck(check);
    }
    if (pl->parsed()) {
      plan.load.max_file_size = max_size;
      plan.nodes_given = nodes_opt->count() > 0;
      return RunPlan(plan);
    }
    if (fa->parsed()) return RunFacts(facts);
    if (ca->parsed()) {
      capture.load.max_file_size = max_size;
      return RunCapture(capture);
    }
    if (r->parsed()) return RunRules(rules_format);
    if (e->parsed()) return RunExplain(explain_id);
    if (s->parsed()) return RunSchema(schema_name);
    if (g->parsed()) {
      fs::WriteStdout(generate == "man" ? ManPage(app, version) : generate == "bash" ? BashCompletion(app) : ZshCompletion(app));
      fs::FlushStdout();
      return 0;
    }
  } catch (const OutputError& ex) {
    std::fprintf(stderr, "%s: error: %s\n", TerminalSafe(ex.path()).c_str(), TerminalSafe(ex.what()).c_str());
    return 3;
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "sparkmc: internal error: %s\n", TerminalSafe(ex.what()).c_str());
    return 3;
  }
  return 2;
}
