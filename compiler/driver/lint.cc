#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "compiler/check/rules.h"
#include "compiler/driver/commands.h"
#include "compiler/model/job_reader.h"
#include "compiler/base/spell.h"
#include "compiler/report/report.h"

namespace sparkmc {

namespace {

bool HasJobExtension(const std::string& name) {
  for (const char* ext : {".json", ".yaml", ".yml"}) {
    size_t n = std::char_traits<char>::length(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

void Walk(const std::string& dir, int depth, std::vector<std::string>* out) {
  if (depth > 32) return;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) names.push_back(e->d_name);
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.empty() || name[0] == '.') continue;  // hidden files, .sparkmc.yaml, . and ..
    std::string path = dir == "." ? name : dir + "/" + name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) continue;
    if (S_ISDIR(st.st_mode)) Walk(path, depth + 1, out);
    else if (S_ISREG(st.st_mode) && HasJobExtension(name) && name != "kustomization.yaml") out->push_back(path);
  }
}

bool IsPodDocument(const Node& doc) {
  const Node* kind = doc.Find("kind");
  return kind && kind->value == "Pod";
}

/// A Kubernetes object that is neither a job (ACK JobRun) nor a pod template:
/// compiled manifests, kustomizations. Lint and check leave them alone.
bool IsOtherKubernetesObject(const Node& doc) {
  const Node* kind = doc.Find("kind");
  const Node* api = doc.Find("apiVersion");
  return kind && api && kind->IsScalar() && api->IsScalar() && !IsPodDocument(doc) && !IsAckJobRun(doc);
}

std::string GuessRole(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  return base.find("executor") != std::string::npos ? "executor" : "driver";
}

struct FileResult {
  std::vector<Finding> findings;
  std::string error;  ///< A formatted InputError: the file could not be read.
};

/// The project config and effective rules for each directory, found once:
/// a run over thousands of files in a few directories should not walk up
/// the tree and re-instantiate the rules for every file.
class ConfigCache {
 public:
  struct Entry {
    ProjectConfig config;
    std::vector<RuleSpec> rules;
  };

  explicit ConfigCache(const ProjectConfig* fixed) {
    if (fixed) fixed_ = std::make_shared<Entry>(Entry{*fixed, EffectiveRules(*fixed)});
  }

  std::shared_ptr<const Entry> For(const std::string& path) {
    if (fixed_) return fixed_;
    size_t slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = by_dir_.find(dir);
      if (it != by_dir_.end()) return it->second;
    }
    ProjectConfig config = FindProjectConfig(path);  // may throw InputError: not cached
    auto entry = std::make_shared<Entry>(Entry{config, EffectiveRules(config)});
    std::lock_guard<std::mutex> lock(mu_);
    return by_dir_.emplace(dir, entry).first->second;
  }

 private:
  std::shared_ptr<Entry> fixed_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> by_dir_;
};

FileResult LintFile(const std::string& path, const LintOptions& options, ConfigCache* configs) {
  FileResult result;
  std::shared_ptr<const SourceFile> source;
  try {
    source = std::make_shared<SourceFile>(ReadSourceFile(path, options.load.max_file_size));
    std::shared_ptr<const ConfigCache::Entry> entry = configs->For(path);
    const ProjectConfig& config = entry->config;
    const std::vector<RuleSpec>& rules = entry->rules;
    std::vector<Node> docs;
    bool pod_file = !options.role.empty();
    if (!pod_file) {
      docs = ParseDocuments(*source, options.load.limits);
      pod_file = !docs.empty() && docs[0].IsMap() && IsPodDocument(docs[0]);
      if (!docs.empty() && docs[0].IsMap() && IsOtherKubernetesObject(docs[0])) return result;
    }
    if (pod_file) {
      if (docs.empty()) docs = ParseDocuments(*source, options.load.limits);
      LintSubject subject;
      for (Node& d : docs) {
        if (!d.IsNull()) subject.templates.push_back(PodTemplateInput{options.role.empty() ? GuessRole(path) : options.role, source, d});
      }
      result.findings = RunRules(rules, subject, config);
      return result;
    }
    std::vector<LoadedJob> jobs = LoadJobs(source, options.load);
    for (const LoadedJob& lj : jobs) {
      LintSubject subject;
      subject.loaded = &lj;
      subject.ctx = LintContext(lj, config);
      subject.target = options.target;
      subject.oss_image = config.spark_image;
      if (lj.job) {
        try {
          subject.emr_defaults = SparkDefaults(*lj.job, subject.ctx);
        } catch (const std::exception&) {
          // An unmappable release label: the schema rule reports it.
        }
        for (const char* role : {"driver", "executor"}) {
          std::string named;
          std::string file = ResolvePodTemplate(*lj.job, role, config, &named);
          if (file.empty()) continue;
          struct stat st;
          if (::stat(file.c_str(), &st) != 0) continue;  // remote and not mapped: nothing to check offline
          auto tsrc = std::make_shared<SourceFile>(ReadSourceFile(file, options.load.max_file_size));
          for (Node& d : ParseDocuments(*tsrc, options.load.limits)) {
            if (!d.IsNull()) subject.templates.push_back(PodTemplateInput{role, tsrc, d});
          }
        }
      }
      std::vector<Finding> f = RunRules(rules, subject, config);
      result.findings.insert(result.findings.end(), f.begin(), f.end());
    }
  } catch (const InputError& e) {
    const SourceFile* src = source && e.location().file == source->path ? source.get() : nullptr;
    result.error = FormatError(e, src);
  }
  return result;
}

}  // namespace

std::vector<std::string> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) throw InputError(Location{p, 0, 0}, "no such file or directory");
    if (S_ISDIR(st.st_mode)) {
      std::string dir = p;
      while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
      Walk(dir, 0, &files);
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

int RunLint(const LintOptions& options) {
  Severity fail_on;
  if (!ParseSeverity(options.fail_on, &fail_on)) {
    std::fprintf(stderr, "sparkmc: error: --fail-on must be error, warning or info\n");
    return 2;
  }
  for (const ReportTarget& r : options.reports) {
    const auto& formats = ReportFormats();
    if (std::find(formats.begin(), formats.end(), r.format) == formats.end()) {
      std::fprintf(stderr, "sparkmc: error: unknown format '%s'%s\n", r.format.c_str(),
                   DidYouMean(r.format, formats).c_str());
      return 2;
    }
  }
  if (options.target != "emr-eks" && options.target != "spark-operator" && options.target != "spark-submit") {
    std::fprintf(stderr, "sparkmc: error: --target must be emr-eks, spark-operator or spark-submit\n");
    return 2;
  }
  if (!options.role.empty() && options.role != "driver" && options.role != "executor") {
    std::fprintf(stderr, "sparkmc: error: --role must be driver or executor\n");
    return 2;
  }
  std::vector<std::string> files;
  std::unique_ptr<ProjectConfig> fixed;
  try {
    files = CollectFiles(options.paths.empty() ? std::vector<std::string>{"."} : options.paths);
    if (!options.config_path.empty()) {
      fixed = std::make_unique<ProjectConfig>(ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20)));
    }
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }

  // Files are independent: lint them in parallel and report in path order as
  // soon as every earlier file is done. Workers stay at most kWindow files
  // ahead of the reporter, so memory does not grow with the number of files.
  std::unique_ptr<ConfigCache> configs;
  try {
    configs = std::make_unique<ConfigCache>(fixed.get());
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  std::vector<ReportTarget> targets = options.reports.empty() ? std::vector<ReportTarget>{ReportTarget{}} : options.reports;
  struct Output {
    std::FILE* file;
    std::string path;  ///< "" for stdout; else written to path.sparkmc-tmp and renamed at the end.
    std::unique_ptr<Reporter> reporter;
  };
  std::vector<Output> outputs;
  for (const ReportTarget& t : targets) {
    Output o;
    o.path = t.output == "-" ? "" : t.output;
    o.file = o.path.empty() ? stdout : std::fopen((o.path + ".sparkmc-tmp").c_str(), "wb");
    if (!o.file) {
      std::fprintf(stderr, "%s: error: cannot write report\n", t.output.c_str());
      for (Output& prev : outputs) {
        if (!prev.path.empty()) {
          std::fclose(prev.file);
          std::remove((prev.path + ".sparkmc-tmp").c_str());
        }
      }
      return 2;
    }
    std::FILE* f = o.file;
    o.reporter = MakeReporter(t.format, [f](std::string_view text) { std::fwrite(text.data(), 1, text.size(), f); });
    outputs.push_back(std::move(o));
  }
  // Every rule that can run, custom ones from each directory's config
  // included, so SARIF can describe them all up front.
  std::vector<RuleSpec> rules = BuiltinRules();
  try {
    std::set<std::string> dirs_seen;
    for (const std::string& f : files) {
      if (!dirs_seen.insert(f.substr(0, f.rfind('/') == std::string::npos ? 0 : f.rfind('/'))).second) continue;
      for (const RuleSpec& r : configs->For(f)->rules) {
        if (std::none_of(rules.begin(), rules.end(), [&](const RuleSpec& x) { return x.id == r.id; })) rules.push_back(r);
      }
    }
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    for (Output& o : outputs) {
      if (!o.path.empty()) {
        std::fclose(o.file);
        std::remove((o.path + ".sparkmc-tmp").c_str());
      }
    }
    return 2;
  }
  for (Output& o : outputs) o.reporter->Begin(rules);

  constexpr size_t kWindow = 256;
  std::vector<std::unique_ptr<FileResult>> results(files.size());
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0, reported = 0;
  unsigned threads = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(files.size(), 1)));
  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return next >= files.size() || next < reported + kWindow; });
        if (next >= files.size()) return;
        i = next++;
      }
      auto r = std::make_unique<FileResult>(LintFile(files[i], options, configs.get()));
      {
        std::lock_guard<std::mutex> lock(mu);
        results[i] = std::move(r);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  ReportSummary summary;
  summary.files = files.size();
  bool bad_input = false;
  Severity worst = Severity::kInfo;
  bool any = false;
  for (size_t i = 0; i < files.size(); ++i) {
    std::unique_ptr<FileResult> r;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return results[i] != nullptr; });
      r = std::move(results[i]);
      reported = i + 1;
    }
    cv.notify_all();
    if (!r->error.empty()) {
      bad_input = true;
      std::fwrite(r->error.data(), 1, r->error.size(), stderr);
    }
    std::sort(r->findings.begin(), r->findings.end(), FindingLess);
    for (const Finding& f : r->findings) {
      ++summary.counts[static_cast<int>(f.severity)];
      if (!any || f.severity > worst) worst = f.severity;
      any = true;
      for (Output& o : outputs) o.reporter->Write(f);
    }
  }
  for (std::thread& t : pool) t.join();
  bool write_failed = false;
  for (Output& o : outputs) {
    o.reporter->End(summary);
    if (o.path.empty()) {
      std::fflush(stdout);
      continue;
    }
    // Renamed into place only when complete, so a reader never sees half a report.
    bool ok = std::fclose(o.file) == 0;
    ok = ok && std::rename((o.path + ".sparkmc-tmp").c_str(), o.path.c_str()) == 0;
    if (!ok) {
      std::fprintf(stderr, "%s: error: cannot write report\n", o.path.c_str());
      write_failed = true;
    }
  }
  if (bad_input || write_failed) return 2;
  return any && worst >= fail_on ? 1 : 0;
}

}  // namespace sparkmc
