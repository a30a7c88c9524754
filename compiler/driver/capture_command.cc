#include <fmt/format.h>

#include <algorithm>

#include <cstdio>
#include <set>
#include <stdexcept>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
#include "compiler/check/configmap_diff.h"
#include "compiler/check/emr_learn.h"
#include "compiler/driver/capture.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/output.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/load/json_view.h"
#include "compiler/model/capture.h"
#include "compiler/model/imported_facts.h"

namespace sparkmc {

namespace {

const Location kCommandLine{"command line", 0, 0};

SourceFile ReadCaptureSource(const std::string& path, size_t max_bytes) {
  if (path != "-") return ReadSourceFile(path, max_bytes);
  SourceFile src{"<stdin>", ""};
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    src.text.append(buf, n);
    if (src.text.size() > max_bytes) {
      throw InputError(Location{"<stdin>", 0, 0}, fmt::format("input is over the limit of {} bytes", max_bytes));
    }
  }
  if (std::ferror(stdin)) throw InputError(Location{"<stdin>", 0, 0}, "cannot read standard input");
  return src;
}

/// The region the capture ran in: from EMR's image registry host
/// (<account>.dkr.ecr.<region>.<domain>) in any of its values.
std::string RegionOfCapture(const Capture& c) {
  for (const CapturedConfigMap& m : c.maps) {
    const Node* data = m.node.Find("data");
    if (!data) continue;
    for (const auto& [k, v] : data->members) {
      for (size_t at = v.value.find(".dkr.ecr."); at != std::string::npos; at = v.value.find(".dkr.ecr.", at + 1)) {
        size_t start = at + 9, end = v.value.find('.', start);
        std::string region = v.value.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (IsKnownRegion(region)) return region;
      }
    }
  }
  // Else fluentd's `region X` / `s3_region X` (a capture without the pod
  // templates).
  for (const CapturedConfigMap& m : c.maps) {
    const Node* data = m.node.Find("data");
    if (!data) continue;
    for (const auto& [k, v] : data->members) {
      for (size_t at = v.value.find("region "); at != std::string::npos; at = v.value.find("region ", at + 1)) {
        if (at > 0 && v.value[at - 1] != ' ' && v.value[at - 1] != '_') continue;
        size_t start = at + 7, end = v.value.find_first_of(" \n\"", start);
        std::string region = v.value.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (IsKnownRegion(region)) return region;
      }
    }
  }
  return "";
}

struct Prepared {
  std::shared_ptr<const SourceFile> source;
  std::vector<LoadedJob> jobs;
  ProjectConfig config;
  Capture capture;
  EmrContext ctx;
};

/// The job, compiled-ready, with the capture's ids and namespace.
Prepared Prepare(const CaptureOptions& options, bool require_all) {
  Prepared p;
  p.source = std::make_shared<SourceFile>(ReadSourceFile(options.job_path, options.load.max_file_size));
  p.config = options.config_path.empty() ? FindProjectConfig(options.job_path)
                                         : ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20));
  p.jobs = LoadJobs(p.source, options.load, &p.config);
  if (p.jobs.size() != 1) {
    throw InputError(Location{p.source->path, p.jobs[1].document.line, p.jobs[1].document.column},
                     fmt::format("capture takes one job per file; this file holds {}", p.jobs.size()));
  }
  InputError problem(Location{}, "");
  if (FirstProblem(p.jobs[0], &problem)) throw problem;
  ContextFlags flags = options.context;
  ResolveAckReferences(&p.jobs[0], flags, p.config);
  p.capture = ReadCapture(ReadCaptureSource(options.capture_path, options.load.max_file_size), require_all);
  const Capture& c = p.capture;
  Location label_at = c.maps[0].loc;
  Job& job = *p.jobs[0].job;
  if (!flags.job_id.empty() && flags.job_id != c.job_id) {
    throw InputError(label_at, fmt::format("the capture is of job '{}', not '{}' (--job-id)", TerminalSafe(c.job_id),
                                           TerminalSafe(flags.job_id)));
  }
  if (job.virtual_cluster_id.set && !c.vcid.empty() && job.virtual_cluster_id.value != c.vcid) {
    throw InputError(label_at, fmt::format("the capture is of a job in virtual cluster '{}', but {} runs in '{}': "
                                           "capture this job's ConfigMaps", TerminalSafe(c.vcid), options.job_path,
                                           TerminalSafe(job.virtual_cluster_id.value)));
  }
  if (!flags.namespace_.empty() && !c.namespace_.empty() && flags.namespace_ != c.namespace_) {
    throw InputError(label_at, fmt::format("the capture is of namespace '{}', not '{}' (--namespace)",
                                           TerminalSafe(c.namespace_), TerminalSafe(flags.namespace_)));
  }
  flags.job_id = c.job_id;
  if (!c.namespace_.empty()) flags.namespace_ = c.namespace_;
  if (flags.region.empty()) flags.region = RegionOfCapture(c);
  p.ctx = ResolveContext(p.jobs[0], flags, p.config);
  return p;
}

std::string FactLine(const Fact& f) {
  if (f.origin.provenance == Provenance::kDerived) {
    return fmt::format("{}: derived from {} ({})", f.id, f.origin.from, f.origin.why);
  }
  return fmt::format("{}: {} ({})", f.id, ProvenanceName(f.origin.provenance), f.origin.source);
}

/// Where sparkmc's side of a difference came from.
std::vector<std::string> Attribution(const ConfigMapDiff& d, const std::string& configmap, const Job& job,
                                     const std::vector<WrittenFact>& written) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  if (configmap == "spark-defaults" && d.data_key == "spark-defaults.conf") {
    for (const WrittenFact& w : written) {
      if (w.configmap == configmap && w.property == d.what) out.push_back(FactLine(w.fact));
    }
    if (out.empty()) {
      for (const Property* p : job.SparkDefaultsOverrides()) {
        if (p->key == d.what) {
          out.push_back(fmt::format("the job's spark-defaults classification ({}:{}:{})", p->loc.file, p->loc.line,
                                    p->loc.column));
        }
      }
    }
    if (out.empty()) out.push_back("no release fact: sparkmc writes no such default for this release");
    return out;
  }
  if (d.data_key.empty()) {
    out.push_back("the names EMR gives a job's ConfigMaps (the capture's ids)");
    return out;
  }
  for (const WrittenFact& w : written) {
    if (w.configmap == configmap && w.data_key == d.data_key && seen.insert(w.fact.id).second) out.push_back(FactLine(w.fact));
  }
  if (out.empty()) out.push_back("no release fact: sparkmc writes no such key for this job");
  return out;
}

/// Every difference between the capture and what \a ctx compiles, printed
/// (when \a print) with the fact behind sparkmc's side; the count.
size_t Compare(const Prepared& p, const EmrContext& ctx, bool print, std::vector<ConfigMapDiff>* first) {
  const Job& job = *p.jobs[0].job;
  std::vector<WrittenFact> written;
  std::vector<Manifest> manifests = Compile(p.jobs[0], ctx, &written);
  const auto& kinds = GeneratedConfigurations();
  size_t count = 0;
  std::string out;
  for (const CapturedConfigMap& cm : p.capture.maps) {
    size_t index = std::find(kinds.begin(), kinds.end(), cm.configuration) - kinds.begin();
    if (index == kinds.size()) {
      if (print) {
        std::fprintf(stderr, "%s:%d:%d: note: ConfigMap '%s' (%s) is not one sparkmc writes: not compared\n",
                     TerminalSafe(cm.loc.file).c_str(), cm.loc.line, cm.loc.column, TerminalSafe(cm.name).c_str(),
                     TerminalSafe(cm.configuration).c_str());
      }
      continue;
    }
    for (const ConfigMapDiff& d : DiffConfigMaps(cm.node, ManifestNode(manifests[index]), p.capture.path)) {
      ++count;
      if (first && first->empty()) first->push_back(d);
      out += fmt::format("{}:{}:{}: difference: {}: {}\n", TerminalSafe(d.where.file), d.where.line, d.where.column,
                         TerminalSafe(cm.name), DescribeDiff(d));
      for (const std::string& a : Attribution(d, cm.configuration, job, written)) {
        out += "    sparkmc's fact: " + TerminalSafe(a) + "\n";
      }
    }
  }
  if (print) {
    for (const std::string& kind : kinds) {
      if (!p.capture.Find(kind)) {
        std::fprintf(stderr, "%s: note: the capture has no %s ConfigMap: not compared\n",
                     TerminalSafe(p.capture.path).c_str(), kind.c_str());
      }
    }
    size_t compared = 0;
    for (const std::string& kind : kinds) compared += p.capture.Find(kind) != nullptr;
    out += count == 0 ? fmt::format("{}: the capture matches: {} ConfigMap{} equal to what sparkmc compiles\n",
                                    TerminalSafe(p.capture.path), compared, compared == 1 ? "" : "s")
                      : fmt::format("{}: {} difference{} from what sparkmc compiles\n", TerminalSafe(p.capture.path),
                                    count, count == 1 ? "" : "s");
    fs::WriteStdout(out);
    fs::FlushStdout();
  }
  return count;
}

int Verify(const CaptureOptions& options) {
  if (!options.into.empty()) throw InputError(kCommandLine, "--into is for `sparkmc capture import`");
  Prepared p = Prepare(options, false);
  return Compare(p, p.ctx, true, nullptr) == 0 ? 0 : 1;
}

int Import(const CaptureOptions& options) {
  Prepared p = Prepare(options, true);
  std::string dir = FactStoreDir(options.into, p.config);
  if (dir.empty()) {
    throw InputError(p.config.path.empty() ? kCommandLine : Location{p.config.path, 1, 1},
                     "no folder for learned facts: add `releaseFacts: .sparkmc/releases` to .sparkmc.yaml or pass --into DIR");
  }
  const Job& job = *p.jobs[0].job;
  std::string source = fmt::format("{} (job {}, namespace {}, imported by sparkmc capture import)",
                                   options.capture_path == "-" ? "<stdin>" : options.capture_path, p.capture.job_id,
                                   p.ctx.namespace_);
  for (char& ch : source) {
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  }
  std::vector<std::string> notes;
  ImportedFacts learned = LearnFacts(job, p.ctx, p.capture, source, &notes);
  std::vector<std::pair<std::string, std::string>> files = WriteImportedFacts(learned);
  // Read the files back as compile will, and hold them to the capture:
  // facts that do not reproduce it are not written.
  std::string folder = dir + "/" + learned.release + "/" + learned.combination;
  std::vector<SourceFile> sources;
  for (const auto& [name, text] : files) sources.push_back(SourceFile{folder + "/" + name, text});
  auto store = std::make_shared<FactStore>();
  store->dir = dir;
  if (p.ctx.facts) {
    for (const ImportedFacts& imp : p.ctx.facts->imports) {
      if (imp.release != learned.release || imp.combination != learned.combination) store->imports.push_back(imp);
    }
  }
  store->imports.push_back(ParseImportedFacts(folder, sources));
  EmrContext check = p.ctx;
  check.facts = store;
  std::vector<ConfigMapDiff> first;
  size_t differences = 0;
  try {
    differences = Compare(p, check, false, &first);
  } catch (const std::logic_error& e) {
    // Facts that make an invalid manifest (a Pod the schema refuses).
    throw InputError(p.capture.maps[0].loc, std::string("sparkmc cannot learn this capture's facts: compiled with them, ") +
                                                e.what() + "; nothing was written");
  }
  if (differences != 0) {
    throw InputError(first[0].where, "sparkmc cannot learn this capture's facts: compiled with them, " +
                                         DescribeDiff(first[0]) + "; nothing was written");
  }
  // The golden case beside the facts: the job, the flags, what EMR generated.
  std::string golden = dir + "/" + learned.release + "/golden-" + learned.combination;
  std::vector<std::pair<std::string, std::string>> expected;
  for (const CapturedConfigMap& cm : p.capture.maps) {
    if (std::find(GeneratedConfigurations().begin(), GeneratedConfigurations().end(), cm.configuration) ==
        GeneratedConfigurations().end()) {
      continue;
    }
    expected.emplace_back(cm.configuration + ".yaml", ManifestStream({Manifest{cm.configuration, ToOrderedJson(cm.node)}}));
  }
  std::string ext = options.job_path.substr(options.job_path.find_last_of('.') == std::string::npos
                                                ? options.job_path.size()
                                                : options.job_path.find_last_of('.'));
  if (ext.find('/') != std::string::npos) ext = "";
  fs::ReplaceDirectory(folder, files);
  fs::ReplaceDirectory(golden + "/expected", expected);
  fs::ReplaceFile(golden + "/job" + (ext.empty() ? ".json" : ext), p.source->text);
  fs::ReplaceFile(golden + "/args", fmt::format("--namespace {} --region {} --job-id {}\n", p.ctx.namespace_,
                                                p.ctx.region, p.ctx.job_id));
  for (const std::string& n : notes) std::fprintf(stderr, "%s: note: %s\n", TerminalSafe(p.capture.path).c_str(), TerminalSafe(n).c_str());
  size_t count = learned.spark_defaults.size() + (learned.spark_image ? 1 : 0) + (learned.fluentd_image ? 1 : 0);
  for (const auto& [cm, keys] : learned.data) count += keys.size();
  fs::WriteStdout(fmt::format("learned {} facts of {} for monitoring '{}' into {}/ (golden case {}/)\n", count,
                              learned.release, learned.combination, TerminalSafe(folder), TerminalSafe(golden)));
  fs::FlushStdout();
  return 0;
}

}  // namespace

int RunCapture(const CaptureOptions& options) {
  try {
    if (options.action == "verify") return Verify(options);
    if (options.action == "import") return Import(options);
    throw InputError(kCommandLine, "unknown capture action '" + TerminalSafe(options.action) + "' (verify or import)");
  } catch (const InputError& e) {
    return ReportInputError(e, nullptr);
  } catch (const OutputError& e) {
    return ReportOutputError(e);
  }
}

}  // namespace sparkmc
