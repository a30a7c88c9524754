// sparkmc check MANIFESTS JOBS...: the GitOps drift check. For each job file
// jobs/<name>.<ext>, MANIFESTS/<name>/ must hold exactly what
// `sparkmc compile jobs/<name>.<ext> -o MANIFESTS/<name>` writes now.

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "compiler/base/fs.h"
#include "compiler/driver/classify.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/output.h"
#include "compiler/load/source.h"
#include "compiler/model/job_reader.h"

namespace sparkmc {

namespace {

/// The committed file, when it is a regular file (a symlink planted in the
/// manifests tree is drift, never followed).
std::string ReadAll(const std::string& path, bool* exists) {
  *exists = fs::TypeOf(path) == fs::Type::kFile;
  if (!*exists) return "";
  return ReadSourceFile(path, 64 << 20).text;
}

/// The visible entries of \a dir with their types; none when it is missing.
std::vector<fs::Entry> Entries(const std::string& dir) {
  std::vector<fs::Entry> out;
  if (fs::TypeOf(dir) != fs::Type::kDirectory) return out;
  for (fs::Entry& e : fs::List(dir)) {
    if (!e.name.empty() && e.name[0] != '.') out.push_back(std::move(e));
  }
  return out;
}

std::string Stem(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  size_t dot = base.rfind('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  int drift = 0;
  std::set<std::string> expected_dirs;
  // Every file is parsed once: the job files here, the templates they name
  // through the run's cache, each directory's .sparkmc.yaml once.
  ParsedFiles parsed(options.load.max_file_size, options.load.limits);
  std::map<std::string, std::string> config_of_dir;  // a job's folder -> its config's path ("" = none)
  std::map<std::string, ProjectConfig> configs;        // by path
  try {
    std::vector<std::string> jobs = CollectFiles(options.job_paths);
    for (const std::string& job_path : jobs) {
      // A template a job before it named is read from the run's cache.
      std::shared_ptr<const ParsedFiles::File> named;
      if (parsed.Has(job_path)) {
        try {
          named = parsed.Get(job_path);
        } catch (const InputError&) {  // read again below, to say what is wrong with it
        }
      }
      std::shared_ptr<const SourceFile> source =
          named ? named->source : std::make_shared<SourceFile>(ReadSourceFile(job_path, options.load.max_file_size));
      std::string job_dir = fs::Parent(job_path);
      auto seen = config_of_dir.find(job_dir);
      if (seen == config_of_dir.end()) {
        seen = config_of_dir.emplace(job_dir, options.config_path.empty() ? FindProjectConfigPath(job_path) : options.config_path).first;
      }
      auto found = configs.find(seen->second);
      if (found == configs.end()) {
        found = configs.emplace(seen->second, seen->second.empty() ? ProjectConfig{}
                                                                   : ParseProjectConfig(ReadSourceFile(seen->second, 1 << 20)))
                    .first;
      }
      const ProjectConfig& config = found->second;
      // Only job files compile: pod templates and other Kubernetes objects kept
      // beside the jobs are skipped.
      std::vector<Node> docs = named ? named->docs : ParseDocuments(*source, options.load.limits);
      if (!named && IsTemplateFile(docs)) {
        // A job may name it: keep the parse.
        parsed.Put(job_path, std::make_shared<ParsedFiles::File>(ParsedFiles::File{source, docs}));
      }
      if (docs.empty() || !docs[0].IsMap()) continue;
      std::string why;
      if (ClassifyDocument(docs[0], &why) != FileKind::kJob) continue;  // pod templates, other files kept beside the jobs
      std::vector<LoadedJob> loaded = LoadJobs(source, std::move(docs), TemplateSources{&options.load, &config, &parsed});
      if (loaded.size() != 1) {
        throw InputError(Location{source->path, loaded[1].document.line, loaded[1].document.column},
                         "check compiles one job per file; this file holds more than one");
      }
      InputError problem(Location{}, "");
      if (FirstProblem(loaded[0], &problem)) throw problem;
      ResolveAckReferences(&loaded[0], options.context, config);
      std::string name = Stem(job_path);
      if (expected_dirs.count(name)) {
        // Two job files with one name would compile into one folder.
        throw InputError(Location{job_path, 0, 0},
                         "another job file is also named '" + name + "': check compiles each job into MANIFESTS/" + name +
                             "/, so job file names must be unique");
      }
      std::string dir = options.manifests_dir + "/" + name;
      expected_dirs.insert(name);
      std::vector<Manifest> manifests =
          options.target == "emr-eks"
              ? Compile(loaded[0], ResolveContext(loaded[0], options.context, config))
              : CompileOss(loaded[0], options.target,
                           ResolveOssContext(loaded[0], options.context, options.image, config, options.load, &parsed));
      auto files = DirectoryFiles(manifests);
      std::set<std::string> produced;
      for (const auto& [file, content] : files) {
        produced.insert(file);
        bool exists;
        std::string committed = ReadAll(dir + "/" + file, &exists);
        if (!exists) {
          fs::Print("{}/{}: missing (compile {} to create it)\n", dir, file, job_path);
          ++drift;
        } else if (committed != content) {
          fs::Print("{}/{}: differs from what {} compiles to now\n", dir, file, job_path);
          ++drift;
        }
      }
      for (const fs::Entry& f : Entries(dir)) {
        if (f.type != fs::Type::kFile) {
          fs::Print("{}/{}: not a regular file (a symlink or folder where compile writes files)\n", dir, f.name);
          ++drift;
        } else if (!produced.count(f.name)) {
          fs::Print("{}/{}: extra (no longer produced by {})\n", dir, f.name, job_path);
          ++drift;
        }
      }
    }
    for (const fs::Entry& d : Entries(options.manifests_dir)) {
      std::string path = options.manifests_dir + "/" + d.name;
      if (d.type == fs::Type::kSymlink || d.type == fs::Type::kOther) {
        fs::Print("{}: not a regular file or folder (a symlink?)\n", path);
        ++drift;
      } else if (d.type == fs::Type::kDirectory && !expected_dirs.count(d.name)) {
        fs::Print("{}: extra (no job file named {})\n", path, d.name);
        ++drift;
      }
    }
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  // Checked (fs::Print): a report lost to a failed write is exit 3, not a clean run.
  if (drift) fs::Print("{} manifest file{} out of date\n", drift, drift == 1 ? "" : "s");
  fs::FlushStdout();
  return drift ? 1 : 0;
}

}  // namespace sparkmc
