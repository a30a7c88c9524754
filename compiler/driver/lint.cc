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
#include "compiler/check/schema.h"
#include "compiler/driver/classify.h"
#include "compiler/driver/parsed_files.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/lint_reports.h"
#include "compiler/driver/ordered_pool.h"
#include "compiler/driver/pod_templates.h"
#include "compiler/model/job_template.h"
#include "compiler/driver/commands.h"
#include "compiler/model/job_reader.h"
#include "compiler/base/spell.h"
#include "compiler/report/report.h"

namespace sparkmc {

namespace {

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

int RunLint(const LintOptions& options) {
  // The job schema is built on the other core while this thread reads the
  // rule declarations: the two are most of a one-file lint's start-up.
  SchemaPreload preload({SchemaId::kStartJobRun});
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

  std::unique_ptr<ConfigCache> configs;
  try {
    configs = std::make_unique<ConfigCache>(fixed.get(), options.facts_dir);
  } catch (const InputError& e) {
    std::string text = FormatError(e, nullptr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  std::vector<LintOutput> outputs;
  try {
    outputs = OpenReports(options.reports);
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
  for (LintOutput& o : outputs) o.reporter->Begin(rules);

  // Pod and job templates the jobs name, parsed once for the whole run.
  ParsedFiles parsed(options.load.max_file_size, options.load.limits);
  ReportSummary summary;
  bool bad_input = false, internal = false;
  Severity worst = Severity::kInfo;
  bool any = false;
  // Files are independent: linted in parallel, and reported in path order as
  // soon as every earlier file is done (driver/ordered_pool.h).
  auto lint = [&](size_t i) { return LintFile(files[i], options, configs.get(), &parsed); };
  auto report = [&](size_t i, FileResult r) {
    if (!r.error.empty()) {
      bad_input = true;
      std::fwrite(r.error.data(), 1, r.error.size(), stderr);
    }
    internal |= r.internal;
    if (!r.skipped.empty()) {
      ++summary.skipped;
      if (options.fail_on_skipped) {
        std::fprintf(stderr, "%s: error: not linted: %s\n", TerminalSafe(files[i]).c_str(), r.skipped.c_str());
        bad_input = true;
      }
    } else {
      ++summary.files;
    }
    // A pod template two jobs of the file name, or a comment under
    // --no-inline-suppressions, is reported once per job: once is enough.
    SortAndDedupe(&r.findings);
    for (const Finding& f : r.findings) {
      // Suppressed findings reach SARIF only, and count as suppressed.
      if (f.suppression) {
        ++summary.suppressed;
      } else {
        ++summary.counts[static_cast<int>(f.severity)];
        if (!any || f.severity > worst) worst = f.severity;
        any = true;
      }
      for (LintOutput& o : outputs) o.reporter->Add(f);
    }
    FileOutcome outcome{files[i], r.skipped, r.error};
    for (LintOutput& o : outputs) o.reporter->FileDone(outcome);
  };
  try {
    RunInOrder<FileResult>(files.size(), options.jobs, lint, report);
    for (LintOutput& o : outputs) o.reporter->End(summary);
    for (LintOutput& o : outputs) {
      if (o.file) o.file->Commit();
    }
    fs::FlushStdout();
  } catch (const OutputError& e) {  // RunInOrder has let the workers finish
    std::fprintf(stderr, "%s: error: cannot write report: %s\n", TerminalSafe(e.path()).c_str(), TerminalSafe(e.what()).c_str());
    return 3;
  }
  if (internal) return 3;
  if (bad_input) return 2;
  return any && worst >= fail_on ? 1 : 0;
}

}  // namespace sparkmc
