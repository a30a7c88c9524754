#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <iostream>

#include "compiler/base/fs.h"
#include "compiler/check/schema.h"
#include "compiler/base/utf8.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/facts.h"
#include "compiler/model/release_facts.h"
#include "compiler/driver/output.h"
#include "compiler/base/spell.h"

#include <algorithm>

namespace sparkmc {

const std::vector<std::string>& Targets() {
  static const std::vector<std::string> targets = {"emr-eks", "spark-operator", "spark-submit"};
  return targets;
}

int RunCompile(const CompileOptions& options) {
  std::shared_ptr<const SourceFile> source;
  // The schemas of EMR's ConfigMaps and pod templates are built on the other
  // core while the job is read and checked: a quarter of a compile.
  std::optional<SchemaPreload> preload;
  if (options.target == "emr-eks") preload.emplace(std::vector<SchemaId>{SchemaId::kPod, SchemaId::kConfigMap});
  try {
    source = std::make_shared<SourceFile>(ReadSourceFile(options.job_path, options.load.max_file_size));
    ProjectConfig config = options.config_path.empty()
                               ? FindProjectConfig(options.job_path)
                               : ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20));
    std::vector<LoadedJob> jobs = LoadJobs(source, options.load, &config);
    if (jobs.size() != 1) {
      throw InputError(Location{source->path, jobs[1].document.line, jobs[1].document.column},
                       fmt::format("compile takes one job per file; this file holds {}", jobs.size()));
    }
    InputError problem(Location{}, "");
    if (FirstProblem(jobs[0], &problem)) throw problem;
    ResolveAckReferences(&jobs[0], options.context, config);
    // Classifications EMR turns into files sparkmc has no capture of: say so
    // rather than drop them silently.
    for (const Configuration& c : jobs[0].job->application_configuration) {
      const std::string& name = c.classification.value;
      if (name != "spark-defaults" && name != "emr-containers-defaults" && name != "emr-job-submitter") {
        std::fprintf(stderr, "%s:%d:%d: warning: classification '%s' is not written into the manifests: sparkmc knows "
                     "only where EMR puts spark-defaults\n", c.classification.loc.file.c_str(), c.classification.loc.line,
                     c.classification.loc.column, name.c_str());
      }
    }
    // Settings EMR applies to the pods that sparkmc has no capture of.
    const Monitoring& mon = jobs[0].job->monitoring;
    if (mon.rotation) {
      std::fprintf(stderr, "%s: warning: containerLogRotationConfiguration is not reflected in the generated pod "
                   "templates (no capture of what EMR adds for it)\n", source->path.c_str());
    }
    for (const Configuration& c : jobs[0].job->application_configuration) {
      if (c.classification.value == "emr-containers-defaults" && !c.properties.empty()) {
        std::fprintf(stderr, "%s:%d:%d: warning: emr-containers-defaults settings are not applied to the generated pod "
                     "templates\n", c.classification.loc.file.c_str(), c.classification.loc.line, c.classification.loc.column);
      }
    }
    std::vector<Manifest> manifests;
    const Job& job = *jobs[0].job;
    // What the output rests on for a release sparkmc has no capture of: one
    // warning counting the derived facts it writes; --require-exact makes it
    // an error for CI gates.
    auto warn_derived = [&](const std::vector<WrittenFact>& written, bool defaults_only) {
      std::string what = DerivedFactsWarning(job, written, defaults_only);
      if (what.empty()) return;
      if (options.require_exact) throw InputError(job.release_label.loc, what + " (--require-exact)");
      std::fprintf(stderr, "%s:%d:%d: warning: %s\n", TerminalSafe(job.release_label.loc.file).c_str(),
                   job.release_label.loc.line, job.release_label.loc.column, TerminalSafe(what).c_str());
    };
    if (options.target == "emr-eks") {
      EmrContext ctx = ResolveContext(jobs[0], options.context, config);
      std::vector<WrittenFact> written;
      manifests = Compile(jobs[0], ctx, &written);
      warn_derived(written, false);
    } else {
      OssContext ctx = ResolveOssContext(jobs[0], options.context, options.image, config, options.load);
      manifests = CompileOss(jobs[0], options.target, ctx);
      // The open-source targets carry EMR's spark-defaults, nothing else of it.
      warn_derived(EmrFactsWritten(job, EmrContext{ctx.namespace_, ctx.region, ctx.job_id, ctx.facts}), true);
    }
    if (options.output_dir.empty()) {
      fs::WriteStdout(ManifestStream(manifests));
      fs::FlushStdout();
    } else {
      WriteDirectoryAtomically(options.output_dir, DirectoryFiles(manifests));
    }
    return 0;
  } catch (const InputError& e) {
    return ReportInputError(e, source.get());
  } catch (const OutputError& e) {
    return ReportOutputError(e);
  }
}

}  // namespace sparkmc
