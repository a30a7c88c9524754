#include <fmt/format.h>

#include <algorithm>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
#include "compiler/driver/fact_store.h"
#include "compiler/driver/facts.h"
#include "compiler/driver/output.h"
#include "compiler/model/project_config.h"

namespace sparkmc {

namespace {

nlohmann::ordered_json FactJson(const Fact& f) {
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["value"] = f.text;
  j["provenance"] = ProvenanceName(f.origin.provenance);
  j["source"] = f.origin.source;
  if (f.origin.provenance == Provenance::kDerived) {
    j["from"] = f.origin.from;
    j["why"] = f.origin.why;
  }
  return j;
}

std::string FactText(const Fact& f) {
  std::string value;
  if (f.text.find('\n') == std::string::npos) {
    value = " = " + TerminalSafe(f.text);
  } else {
    size_t lines = 0;
    for (char c : f.text) lines += c == '\n';
    value = fmt::format(" ({} lines)", lines);
  }
  std::string where = f.origin.provenance == Provenance::kDerived
                          ? fmt::format("derived from {}: {} (there: {})", f.origin.from, f.origin.why, f.origin.source)
                          : fmt::format("{}: {}", ProvenanceName(f.origin.provenance), f.origin.source);
  return fmt::format("{}{}\n    {}\n", TerminalSafe(f.id), value, TerminalSafe(where));
}

std::vector<Fact> AllFacts(const ReleaseFacts& f) {
  std::vector<Fact> out = f.spark_defaults;
  for (const auto& [id, x] : f.pieces) out.push_back(x);
  return out;
}

}  // namespace

std::string DerivedFactsWarning(const Job& job, const std::vector<WrittenFact>& written, bool defaults_only) {
  std::set<std::string> seen;
  std::map<std::string, size_t> by_release;
  for (const WrittenFact& w : written) {
    if (defaults_only && w.configmap != "spark-defaults") continue;
    // The same fact written twice (an allowlist for the driver and the executors) counts once.
    if (!seen.insert(w.fact.id + "\n" + w.property).second) continue;
    if (w.fact.origin.provenance == Provenance::kDerived) ++by_release[w.fact.origin.from];
  }
  if (by_release.empty()) return "";
  std::vector<std::pair<size_t, std::string>> counts;
  for (const auto& [from, n] : by_release) counts.emplace_back(n, from);
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string what = fmt::format("{}: {} setting{} derived from {}", job.release_label.value, counts[0].first,
                                 counts[0].first == 1 ? "" : "s", counts[0].second);
  for (size_t i = 1; i < counts.size(); ++i) what += fmt::format(", {} from {}", counts[i].first, counts[i].second);
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  if (label && !FactsFor(*label)->known) what += " (sparkmc has no facts for this release line)";
  return what + "; run `sparkmc capture` on one of your jobs to make them exact";
}

int RunFacts(const FactsOptions& options) {
  try {
    if (options.format != "text" && options.format != "json") {
      throw InputError(Location{"command line", 0, 0}, "unknown format '" + options.format + "' (text or json)");
    }
    std::string why;
    std::optional<ReleaseLabel> label = ParseReleaseLabel(options.label, &why);
    // "emr-7.2.0" names the release without a tag.
    if (!label) label = ParseReleaseLabel(options.label + "-latest", &why);
    if (!label) throw InputError(Location{"command line", 0, 0}, why);
    ProjectConfig config = options.config_path.empty() ? FindProjectConfig("./-")
                                                       : ParseProjectConfig(ReadSourceFile(options.config_path, 1 << 20));
    std::shared_ptr<const FactStore> store = ResolveFactStore(options.facts_dir, config);
    std::shared_ptr<const ReleaseFacts> shared = FactsFor(*label);
    const ReleaseFacts& facts = *shared;
    std::vector<const ImportedFacts*> learned;
    if (store) {
      for (const ImportedFacts& imp : store->imports) {
        if (imp.release == facts.release) learned.push_back(&imp);
      }
    }
    if (!facts.known && learned.empty()) {
      throw InputError(Location{"command line", 0, 0},
                       fmt::format("sparkmc has no facts for {} (release line {}): compile would use emr-6.8.0's, "
                                   "derived; `sparkmc capture import` learns them from one of your jobs",
                                   TerminalSafe(options.label), facts.line));
    }
    std::string out;
    if (options.format == "json") {
      nlohmann::ordered_json j;
      j["label"] = options.label;
      j["release"] = facts.release;
      j["line"] = facts.line;
      j["known"] = facts.known;
      j["java"] = facts.java;
      j["basis"] = facts.basis.empty() ? "" : ReleaseOfLine(facts.basis);
      j["reason"] = facts.source;
      j["facts"] = nlohmann::ordered_json::array();
      for (const Fact& f : AllFacts(facts)) j["facts"].push_back(FactJson(f));
      j["learned"] = nlohmann::ordered_json::array();
      for (const ImportedFacts* imp : learned) {
        nlohmann::ordered_json l;
        l["combination"] = imp->combination;
        l["dir"] = imp->dir;
        l["source"] = imp->source;
        l["facts"] = nlohmann::ordered_json::array();
        for (const Fact& f : imp->spark_defaults) l["facts"].push_back(FactJson(f));
        for (const auto& [cm, keys] : imp->data) {
          for (const auto& [k, f] : keys) l["facts"].push_back(FactJson(f));
        }
        if (imp->spark_image) l["facts"].push_back(FactJson(*imp->spark_image));
        if (imp->fluentd_image) l["facts"].push_back(FactJson(*imp->fluentd_image));
        j["learned"].push_back(l);
      }
      out = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
      std::map<std::string, size_t> counts;
      std::vector<Fact> all = AllFacts(facts);
      for (const Fact& f : all) ++counts[ProvenanceName(f.origin.provenance)];
      out += fmt::format("{} (release line {}, Java {}): {} facts", facts.release, facts.line,
                         facts.java.empty() ? "unknown" : facts.java, all.size());
      for (const auto& [p, n] : counts) out += fmt::format(", {} {}", n, p);
      out += "\n";
      if (!facts.basis.empty()) out += fmt::format("derives from {}: {}\n", ReleaseOfLine(facts.basis), facts.source);
      out += "\n";
      for (const Fact& f : all) out += FactText(f);
      for (const ImportedFacts* imp : learned) {
        out += fmt::format("\nlearned for monitoring '{}' ({}), used instead for jobs with that monitoring:\n",
                           imp->combination, imp->dir);
        for (const Fact& f : imp->spark_defaults) out += FactText(f);
        for (const auto& [cm, keys] : imp->data) {
          for (const auto& [k, f] : keys) out += FactText(f);
        }
        if (imp->spark_image) out += FactText(*imp->spark_image);
        if (imp->fluentd_image) out += FactText(*imp->fluentd_image);
      }
    }
    fs::WriteStdout(out);
    fs::FlushStdout();
    return 0;
  } catch (const InputError& e) {
    return ReportInputError(e, nullptr);
  } catch (const OutputError& e) {
    return ReportOutputError(e);
  }
}

}  // namespace sparkmc
