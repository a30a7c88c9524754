// sparkmc check MANIFESTS JOBS...: the GitOps drift check. For each job file
// jobs/<name>.<ext>, MANIFESTS/<name>/ must hold exactly what
// `sparkmc compile jobs/<name>.<ext> -o MANIFESTS/<name>` writes now.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "compiler/driver/commands.h"
#include "compiler/driver/output.h"
#include "compiler/load/source.h"
#include "compiler/model/job_reader.h"

namespace sparkmc {

namespace {

std::string ReadAll(const std::string& path, bool* exists) {
  struct stat st;
  *exists = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  if (!*exists) return "";
  return ReadSourceFile(path, 64 << 20).text;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') out.push_back(e->d_name);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Stem(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  size_t dot = base.rfind('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  if (options.target != "emr-eks" && options.target != "spark-operator" && options.target != "spark-submit") {
    std::fprintf(stderr, "sparkmc: error: --target must be emr-eks, spark-operator or spark-submit\n");
    return 2;
  }
  int drift = 0;
  std::set<std::string> expected_dirs;
  try {
    std::vector<std::string> jobs = CollectFiles(options.job_paths);
    for (const std::string& job_path : jobs) {
      auto source = std::make_shared<SourceFile>(ReadSourceFile(job_path, options.load.max_file_size));
      ProjectConfig config = options.config_path.empty() ? FindProjectConfig(job_path)
                                                         : ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20));
      // Only job files compile: pod templates and other Kubernetes objects kept
      // beside the jobs are skipped.
      std::vector<Node> docs = ParseDocuments(*source, options.load.limits);
      if (docs.size() != 1 || !docs[0].IsMap()) continue;
      const Node* kind = docs[0].Find("kind");
      if (kind && !IsAckJobRun(docs[0])) continue;
      std::vector<LoadedJob> loaded = LoadJobs(source, options.load);
      if (loaded.size() != 1) continue;
      InputError problem(Location{}, "");
      if (FirstProblem(loaded[0], &problem)) throw problem;
      ResolveAckReferences(&loaded[0], options.context, config);
      std::string name = Stem(job_path);
      std::string dir = options.manifests_dir + "/" + name;
      expected_dirs.insert(name);
      std::vector<Manifest> manifests =
          options.target == "emr-eks"
              ? Compile(loaded[0], ResolveContext(loaded[0], options.context, config))
              : CompileOss(loaded[0], options.target,
                           ResolveOssContext(loaded[0], options.context, options.image, config, options.load));
      auto files = DirectoryFiles(manifests);
      std::set<std::string> produced;
      for (const auto& [file, content] : files) {
        produced.insert(file);
        bool exists;
        std::string committed = ReadAll(dir + "/" + file, &exists);
        if (!exists) {
          std::printf("%s/%s: missing (compile %s to create it)\n", dir.c_str(), file.c_str(), job_path.c_str());
          ++drift;
        } else if (committed != content) {
          std::printf("%s/%s: differs from what %s compiles to now\n", dir.c_str(), file.c_str(), job_path.c_str());
          ++drift;
        }
      }
      for (const std::string& f : Entries(dir)) {
        if (!produced.count(f)) {
          std::printf("%s/%s: extra (no longer produced by %s)\n", dir.c_str(), f.c_str(), job_path.c_str());
          ++drift;
        }
      }
    }
    for (const std::string& d : Entries(options.manifests_dir)) {
      struct stat st;
      std::string path = options.manifests_dir + "/" + d;
      if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !expected_dirs.count(d)) {
        std::printf("%s: extra (no job file named %s)\n", path.c_str(), d.c_str());
        ++drift;
      }
    }
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  if (drift) std::printf("%d manifest file%s out of date\n", drift, drift == 1 ? "" : "s");
  std::fflush(stdout);
  return drift ? 1 : 0;
}

}  // namespace sparkmc
