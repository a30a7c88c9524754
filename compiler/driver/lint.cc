// sparkmc lint: every file under the paths, in parallel, reported in path
// order as files finish. Each file is parsed once and each document is
// classified by its content (driver/classify.h); anything a worker throws
// becomes a finding, so one bad file never takes the run down.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
#include "compiler/check/rules.h"
#include "compiler/driver/classify.h"
#include "compiler/driver/parsed_files.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/pod_templates.h"
#include "compiler/model/job_template.h"
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

std::string GuessRole(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  return base.find("executor") != std::string::npos ? "executor" : "driver";
}

struct FileResult {
  std::vector<Finding> findings;
  std::string error;    ///< A formatted InputError: the file could not be read.
  std::string skipped;  ///< Why lint does not read this file ("" = it did).
  bool internal = false;  ///< A bug in sparkmc met this file (exit 3).
};

/// The project config and effective rules for each directory, found once:
/// a run over thousands of files in a few directories should not walk up
/// the tree and re-instantiate the rules for every file.
class ConfigCache {
 public:
  struct Entry {
    ProjectConfig config;
    std::vector<RuleSpec> rules;
    std::shared_ptr<const FactStore> facts;  ///< Learned release facts (--facts, else releaseFacts).
  };

  ConfigCache(const ProjectConfig* fixed, std::string facts_dir) : facts_dir_(std::move(facts_dir)) {
    if (fixed) fixed_ = std::make_shared<Entry>(Entry{*fixed, EffectiveRules(*fixed), ResolveFactStore(facts_dir_, *fixed)});
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
    // Folders under one .sparkmc.yaml share it, and it is parsed once (a
    // broken one too: its error is kept and reported for every file). Held
    // under the lock, so two workers never parse it at once.
    std::string config_path = FindProjectConfigPath(path);
    std::lock_guard<std::mutex> lock(mu_);
    auto known = by_config_.find(config_path);
    if (known == by_config_.end()) {
      Loaded loaded;
      try {
        ProjectConfig config = config_path.empty() ? ProjectConfig{} : ParseProjectConfig(ReadSourceFile(config_path, 1 << 20));
        loaded.entry = std::make_shared<Entry>(Entry{config, EffectiveRules(config), ResolveFactStore(facts_dir_, config)});
      } catch (const InputError& e) {
        loaded.error = e;
      }
      known = by_config_.emplace(config_path, std::move(loaded)).first;
    }
    if (known->second.error) throw *known->second.error;
    return by_dir_.emplace(dir, known->second.entry).first->second;
  }

 private:
  std::shared_ptr<Entry> fixed_;
  std::string facts_dir_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> by_dir_;
  struct Loaded {
    std::shared_ptr<Entry> entry;
    std::optional<InputError> error;
  };
  std::map<std::string, Loaded> by_config_;  ///< By FindProjectConfigPath ("" = none).
};

/// The user pod templates \a lj names, read for the rules.
void AddNamedTemplates(const LoadedJob& lj, const ProjectConfig& config, ParsedFiles* files, LintSubject* subject) {
  for (const char* role : {"driver", "executor"}) {
    NamedPodTemplate t;
    try {
      t = ResolvePodTemplate(*lj.job, role, config);
    } catch (const InputError& e) {
      // Outside the project: reported at the property, and not read.
      Finding f;
      f.rule = "schema";
      f.severity = Severity::kError;
      f.message = e.what();
      f.loc = e.location();
      subject->notes.push_back(f);
      continue;
    }
    if (t.file.empty() || !fs::IsRegularFile(t.file)) continue;  // remote and not mapped: nothing to check offline
    std::shared_ptr<const ParsedFiles::File> parsed = files->Get(t.file);  // once per run, however many jobs name it
    for (const Node& d : parsed->docs) {
      if (!d.IsNull()) subject->templates.push_back(PodTemplateInput{role, parsed->source, d});
    }
  }
}

/// Runs the rules on one job.
void RunJob(const LoadedJob& lj, const ProjectConfig& config, const ConfigCache::Entry& entry,
            const LintOptions& options, ParsedFiles* files, FileResult* result, bool template_alone) {
  LintSubject subject;
  subject.loaded = &lj;
  subject.ctx = LintContext(lj, config);
  subject.ctx.facts = entry.facts;
  subject.target = options.target;
  subject.oss_image = config.spark_image;
  subject.node_pools = NodePoolsFromConfig(config);
  if (lj.job) {
    try {
      subject.emr_defaults = SparkDefaults(*lj.job, subject.ctx);
    } catch (const std::invalid_argument&) {
      // An unmappable release label: the schema rule reports it.
    }
    AddNamedTemplates(lj, config, files, &subject);
  }
  for (Finding& f : RunRules(entry.rules, subject, config, {!options.no_inline_suppressions})) {
    // A template on its own: a finding about a value still holding a
    // placeholder judges the placeholder, not a value (except the template's
    // own placeholder errors).
    if (template_alone && f.message.find("${") != std::string::npos && f.message.rfind("placeholder ${", 0) != 0) continue;
    result->findings.push_back(std::move(f));
  }
}

void LintDocuments(const std::string& path, const std::shared_ptr<const SourceFile>& source, std::vector<Node> docs,
                   const LintOptions& options, const ConfigCache::Entry& entry, ParsedFiles* files,
                   FileResult* result) {
  const ProjectConfig& config = entry.config;
  std::vector<std::string> skipped;
  LintSubject pods;  // every pod template of the file, linted together
  bool any = false;
  for (Node& d : docs) {
    if (d.IsNull()) continue;
    std::string why;
    FileKind kind = options.role.empty() ? ClassifyDocument(d, &why) : FileKind::kPodTemplate;
    if (kind == FileKind::kPodTemplate) {
      pods.templates.push_back(PodTemplateInput{options.role.empty() ? GuessRole(path) : options.role, source, d});
      pods.target = options.target;
      any = true;
      continue;
    }
    if (kind == FileKind::kJobTemplate) {
      // A template on its own: placeholders are fine here. Parameters with a
      // default take it; the rest stay as written, and findings about them
      // are dropped (nothing is known of their values yet).
      any = true;
      JobTemplate t = ReadJobTemplate(d, source);
      std::vector<InputError> problems;
      Node request = ResolveTemplateAlone(t, &problems);
      LoadedJob lj = LoadJobDocument(source, std::move(request));
      lj.errors.insert(lj.errors.begin(), problems.begin(), problems.end());
      RunJob(lj, config, entry, options, files, result, /*template_alone=*/true);
      continue;
    }
    if (kind != FileKind::kJob) {
      skipped.push_back(why);
      continue;
    }
    any = true;
    LoadedJob lj = LoadJobDocument(source, std::move(d), TemplateSources{&options.load, &config, files});
    RunJob(lj, config, entry, options, files, result, false);
  }
  if (!pods.templates.empty()) {
    std::vector<Finding> f = RunRules(entry.rules, pods, config, {!options.no_inline_suppressions});
    result->findings.insert(result->findings.end(), f.begin(), f.end());
  }
  if (!any) result->skipped = skipped.empty() ? "empty" : skipped.front();
}

FileResult LintFile(const std::string& path, const LintOptions& options, ConfigCache* configs, ParsedFiles* files) {
  FileResult result;
  std::shared_ptr<const SourceFile> source;
  try {
    std::shared_ptr<const ConfigCache::Entry> entry;
    std::vector<Node> docs;
    std::shared_ptr<const ParsedFiles::File> parsed;
    if (options.role.empty() && files->Has(path)) {
      // A template a job of this run named first: its parse is kept (one that
      // failed is read again below, so its error quotes its line).
      try {
        parsed = files->Get(path);
      } catch (const InputError&) {
      }
    }
    if (parsed) {
      source = parsed->source;
      entry = configs->For(path);
      docs = parsed->docs;
      LintDocuments(path, source, std::move(docs), options, *entry, files, &result);
      return result;
    }
    source = std::make_shared<SourceFile>(ReadSourceFile(path, options.load.max_file_size));
    entry = configs->For(path);
    docs = ParseDocuments(*source, options.load.limits);  // the one parse of this file
    if (options.role.empty() && IsTemplateFile(docs)) {
      // A job in this run may name it: hand the parse over (a copy; the
      // documents are moved into the lint below).
      files->Put(path, std::make_shared<ParsedFiles::File>(ParsedFiles::File{source, docs}));
    }
    LintDocuments(path, source, std::move(docs), options, *entry, files, &result);
  } catch (const InputError& e) {
    const SourceFile* src = source && e.location().file == source->path ? source.get() : nullptr;
    result.error = FormatError(e, src);
  } catch (const std::exception& e) {
    // A bug in sparkmc, not in the file: say so at the file, keep the
    // reports well-formed, and exit 3.
    Finding f;
    f.rule = "internal-error";
    f.severity = Severity::kError;
    f.message = std::string("internal error in sparkmc while linting this file: ") + e.what();
    f.loc = Location{path, 0, 0};
    result.findings = {f};
    result.internal = true;
  }
  return result;
}

}  // namespace

std::vector<std::string> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    fs::Type type = fs::TypeOf(p);
    if (type == fs::Type::kMissing) throw InputError(Location{p, 0, 0}, "no such file or directory");
    if (type == fs::Type::kDirectory || (type == fs::Type::kSymlink && std::filesystem::is_directory(p))) {
      for (std::string& f : fs::Walk(p, [](const std::string& name) {
             return HasJobExtension(name) && name != "kustomization.yaml";
           })) {
        files.push_back(std::move(f));
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

int RunLint(const LintOptions& options) {
  // The CLI's validators (CLI::IsMember) let only known formats, targets,
  // roles and severities through.
  Severity fail_on = Severity::kError;
  ParseSeverity(options.fail_on, &fail_on);
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
    configs = std::make_unique<ConfigCache>(fixed.get(), options.facts_dir);
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  std::vector<ReportTarget> targets = options.reports.empty() ? std::vector<ReportTarget>{ReportTarget{}} : options.reports;
  // Report files are written to an exclusive temp file beside them and
  // renamed into place when complete (fs::AtomicFile): a reader never sees
  // half a report, and a planted symlink is refused, never written through.
  struct Output {
    std::unique_ptr<fs::AtomicFile> file;  ///< Null for stdout.
    std::unique_ptr<Reporter> reporter;
  };
  std::vector<Output> outputs;
  try {
    for (size_t i = 0; i < targets.size(); ++i) {
      const ReportTarget& t = targets[i];
      Output o;
      if (!t.output.empty() && t.output != "-") o.file = std::make_unique<fs::AtomicFile>(t.output);
      fs::AtomicFile* f = o.file.get();
      ReportSettings settings;
      for (size_t j = 0; j < targets.size(); ++j) {
        if (j != i) settings.others.push_back(OtherReport{targets[j].format, targets[j].output});
      }
      std::string name = f ? t.output : "<stdout>";
      settings.warn = [name](const std::string& line) {
        std::fprintf(stderr, "%s: %s\n", TerminalSafe(name).c_str(), TerminalSafe(line).c_str());
      };
      o.reporter = MakeReporter(
          t.format,
          [f](std::string_view text) {
            if (f) f->Write(text);
            else fs::WriteStdout(text);
          },
          std::move(settings));
      outputs.push_back(std::move(o));
    }
  } catch (const OutputError& e) {
    std::fprintf(stderr, "%s: error: cannot write report: %s\n", TerminalSafe(e.path()).c_str(), TerminalSafe(e.what()).c_str());
    return 3;
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
    return 2;  // the temp report files go with their AtomicFile
  }
  for (Output& o : outputs) o.reporter->Begin(rules);

  // Pod and job templates the jobs name, parsed once for the whole run.
  ParsedFiles parsed(options.load.max_file_size, options.load.limits);
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
      auto r = std::make_unique<FileResult>(LintFile(files[i], options, configs.get(), &parsed));
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
  bool bad_input = false, internal = false;
  Severity worst = Severity::kInfo;
  bool any = false;
  try {
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
      internal |= r->internal;
      if (!r->skipped.empty()) {
        ++summary.skipped;
        if (options.fail_on_skipped) {
          std::fprintf(stderr, "%s: error: not linted: %s\n", TerminalSafe(files[i]).c_str(), r->skipped.c_str());
          bad_input = true;
        }
      } else {
        ++summary.files;
      }
      std::sort(r->findings.begin(), r->findings.end(), FindingLess);
      // A pod template two jobs of the file name, or a comment under
      // --no-inline-suppressions, is reported once per job: once is enough.
      r->findings.erase(std::unique(r->findings.begin(), r->findings.end(),
                                    [](const Finding& a, const Finding& b) { return !FindingLess(a, b) && !FindingLess(b, a); }),
                        r->findings.end());
      for (const Finding& f : r->findings) {
        // Suppressed findings reach SARIF only, and count as suppressed.
        if (f.suppression) {
          ++summary.suppressed;
        } else {
          ++summary.counts[static_cast<int>(f.severity)];
          if (!any || f.severity > worst) worst = f.severity;
          any = true;
        }
        for (Output& o : outputs) o.reporter->Add(f);
      }
      FileOutcome outcome{files[i], r->skipped, r->error};
      for (Output& o : outputs) o.reporter->FileDone(outcome);
    }
    for (Output& o : outputs) o.reporter->End(summary);
    for (Output& o : outputs) {
      if (o.file) o.file->Commit();
    }
    fs::FlushStdout();
  } catch (const OutputError& e) {
    {
      // Let the workers finish before the process leaves.
      std::lock_guard<std::mutex> lock(mu);
      reported = files.size();
      next = files.size();
    }
    cv.notify_all();
    for (std::thread& t : pool) t.join();
    std::fprintf(stderr, "%s: error: cannot write report: %s\n", TerminalSafe(e.path()).c_str(), TerminalSafe(e.what()).c_str());
    return 3;
  }
  for (std::thread& t : pool) t.join();
  if (internal) return 3;
  if (bad_input) return 2;
  return any && worst >= fail_on ? 1 : 0;
}

}  // namespace sparkmc
