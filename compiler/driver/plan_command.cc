// sparkmc plan: the pods each job asks the cluster for and how they fit the
// declared node shapes. Reads what lint reads (StartJobRun requests, ACK
// JobRuns, job templates, job-template runs); refuses bad input with a
// located error (exit 2). Files are planned in parallel and printed in path
// order, so a directory of thousands of jobs runs at lint speed.
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <thread>

#include "compiler/base/fs.h"
#include "compiler/base/spell.h"
#include "compiler/base/utf8.h"
#include "compiler/driver/classify.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/output.h"
#include "compiler/driver/ordered_pool.h"
#include "compiler/driver/plan_job.h"
#include "compiler/model/job_template.h"

namespace sparkmc {

namespace {

struct FileOutcome {
  std::vector<PlanReport> reports;
  std::string error;  ///< A formatted InputError.
  bool internal = false;
};

FileOutcome PlanFile(const std::string& path, const PlanOptions& options, const ProjectConfig* fixed,
                     const std::vector<NodePool>* flag_pools) {
  FileOutcome out;
  std::shared_ptr<const SourceFile> source;
  try {
    source = std::make_shared<SourceFile>(ReadSourceFile(path, options.load.max_file_size));
    ProjectConfig config = fixed ? *fixed : FindProjectConfig(path);
    std::vector<NodePool> pools = flag_pools ? *flag_pools : NodePoolsFromConfig(config);
    std::vector<Node> docs = ParseDocuments(*source, options.load.limits);
    bool any = false;
    for (Node& d : docs) {
      if (d.IsNull()) continue;
      std::string why;
      FileKind kind = ClassifyDocument(d, &why);
      Location at{source->path, d.line, d.column};
      if (kind == FileKind::kPodTemplate) {
        throw InputError(at, "a pod template on its own: plan needs the job that names it");
      }
      if (kind == FileKind::kOther) throw InputError(at, "not a job: " + why);
      LoadedJob lj;
      if (kind == FileKind::kJobTemplate) {
        // A template on its own: parameters with a default take it; one
        // without is refused where a number needs it.
        JobTemplate t = ReadJobTemplate(d, source);
        std::vector<InputError> problems;
        Node request = ResolveTemplateAlone(t, &problems);
        lj = LoadJobDocument(source, std::move(request));
        lj.errors.insert(lj.errors.begin(), problems.begin(), problems.end());
      } else {
        lj = LoadJobDocument(source, std::move(d), TemplateSources{&options.load, &config});
      }
      InputError problem(Location{}, "");
      if (FirstProblem(lj, &problem)) throw problem;
      any = true;
      out.reports.push_back(FitPlan(path, PlanJob(lj, config, options.target, options.load), pools));
    }
    if (!any) throw InputError(Location{source->path, 1, 1}, "no job in file (it is empty or holds only comments)");
  } catch (const InputError& e) {
    const SourceFile* src = source && e.location().file == source->path ? source.get() : nullptr;
    out.error = FormatError(e, src);
    out.reports.clear();
  } catch (const std::exception& e) {
    out.error = fmt::format("{}: internal error in sparkmc while planning this file: {}\n", TerminalSafe(path), e.what());
    out.internal = true;
    out.reports.clear();
  }
  return out;
}

}  // namespace

int RunPlan(const PlanOptions& options) {
  static const std::vector<std::string> kFormats = {"text", "json", "markdown"};
  static const std::vector<std::string> kTargets = {"emr-eks", "spark-operator", "spark-submit"};
  if (std::find(kFormats.begin(), kFormats.end(), options.format) == kFormats.end()) {
    std::fprintf(stderr, "sparkmc: error: unknown format '%s' (text, json or markdown)%s\n",
                 TerminalSafe(options.format).c_str(), DidYouMean(options.format, kFormats).c_str());
    return 2;
  }
  if (std::find(kTargets.begin(), kTargets.end(), options.target) == kTargets.end()) {
    std::fprintf(stderr, "sparkmc: error: unknown target '%s' (emr-eks, spark-operator or spark-submit)%s\n",
                 TerminalSafe(options.target).c_str(), DidYouMean(options.target, kTargets).c_str());
    return 2;
  }
  std::vector<std::string> files;
  std::unique_ptr<ProjectConfig> fixed;
  std::unique_ptr<std::vector<NodePool>> flag_pools;
  try {
    if (options.paths.empty()) throw InputError(Location{"command line", 0, 0}, "plan needs a job file");
    files = CollectFiles(options.paths);
    if (!options.config_path.empty()) {
      fixed = std::make_unique<ProjectConfig>(ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20)));
    }
    if (options.nodes_given) {
      flag_pools = std::make_unique<std::vector<NodePool>>(
          NodePoolsFromInstanceTypes(options.nodes, Location{"command line (--nodes)", 0, 0}));
    }
  } catch (const InputError& e) {
    return ReportInputError(e, nullptr);
  }
  // Files are independent: plan and format them in parallel, print in path
  // order as soon as every earlier file is done. Workers stay at most
  // kWindow files ahead, so memory does not grow with the number of files.
  // One file gives its plan (a JSON object); several give a JSON array.
  const bool many = files.size() > 1;
  auto format = [&](const std::vector<PlanReport>& reports) {
    std::string text;
    // One file of several jobs is an array too.
    bool wrap = options.format == "json" && !many && reports.size() > 1;
    for (const PlanReport& r : reports) {
      if (options.format == "json") {
        std::string j = PlanJson(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        if (many || wrap) {
          std::string indented = "  ";
          for (char c : j) {
            indented += c;
            if (c == '\n') indented += "  ";
          }
          j = indented;
        }
        text += (text.empty() ? "" : ",\n") + j;
      } else {
        text += (text.empty() ? "" : "\n") + (options.format == "markdown" ? PlanMarkdown(r) : PlanText(r));
      }
    }
    return wrap ? "[\n" + text + "\n]" : text;
  };
  struct Result {
    std::string text;
    size_t plans = 0;
    std::string error;
    bool internal = false;
  };
  // Files are independent: planned in parallel, printed in path order as
  // soon as every earlier file is done (driver/ordered_pool.h).
  auto plan = [&](size_t i) {
    FileOutcome o = PlanFile(files[i], options, fixed.get(), flag_pools.get());
    Result r;
    r.plans = o.reports.size();
    r.text = format(o.reports);
    r.error = std::move(o.error);
    r.internal = o.internal;
    return r;
  };
  bool bad = false, internal = false;
  size_t printed = 0;
  try {
    bool json = options.format == "json";
    if (json && many) fs::WriteStdout("[\n");
    RunInOrder<Result>(files.size(), options.jobs, plan, [&](size_t, Result r) {
      if (!r.error.empty()) std::fwrite(r.error.data(), 1, r.error.size(), stderr);
      bad |= !r.error.empty();
      internal |= r.internal;
      if (r.plans == 0) return;
      if (printed) fs::WriteStdout(json ? ",\n" : "\n");
      fs::WriteStdout(r.text);
      printed += r.plans;
    });
    if (json && many) fs::WriteStdout("\n]\n");
    else if (json && printed) fs::WriteStdout("\n");
    fs::FlushStdout();
  } catch (const OutputError& e) {  // RunInOrder has let the workers finish
    std::fprintf(stderr, "%s: error: cannot write the plan: %s\n", TerminalSafe(e.path()).c_str(), TerminalSafe(e.what()).c_str());
    return 3;
  }
  if (internal) return 3;
  return bad ? 2 : 0;
}

}  // namespace sparkmc
