#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "compiler/cli/commands.h"
#include "compiler/cli/output.h"

namespace sparkmc {

namespace {

void PrintError(const InputError& e, const SourceFile* source) {
  std::string text = FormatError(e, source);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

int RunCompile(const CompileOptions& options) {
  std::shared_ptr<const SourceFile> source;
  try {
    if (options.target != "emr-eks") {
      throw InputError(Location{"command line", 0, 0},
                       fmt::format("unknown target '{}' (this build supports: emr-eks)", options.target));
    }
    source = std::make_shared<SourceFile>(ReadSourceFile(options.job_path, options.load.max_file_size));
    ProjectConfig config = options.config_path.empty()
                               ? FindProjectConfig(options.job_path)
                               : ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20));
    std::vector<LoadedJob> jobs = LoadJobs(source, options.load);
    if (jobs.size() != 1) {
      throw InputError(Location{source->path, jobs[1].document.line, jobs[1].document.column},
                       fmt::format("compile takes one job per file; this file holds {}", jobs.size()));
    }
    InputError problem(Location{}, "");
    if (FirstProblem(jobs[0], &problem)) throw problem;
    EmrContext ctx = ResolveContext(jobs[0], options.context, config);
    std::vector<Manifest> manifests = Compile(jobs[0], ctx);
    if (options.output_dir.empty()) {
      std::string out = ManifestStream(manifests);
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
    } else {
      WriteDirectoryAtomically(options.output_dir, DirectoryFiles(manifests));
    }
    return 0;
  } catch (const InputError& e) {
    const SourceFile* src = source && e.location().file == source->path ? source.get() : nullptr;
    PrintError(e, src);
    return 2;
  }
}

}  // namespace sparkmc
