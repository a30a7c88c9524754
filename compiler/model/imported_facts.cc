#include "compiler/model/imported_facts.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/error.h"
#include "compiler/base/text.h"

namespace sparkmc {

namespace {

constexpr const char* kHeader =
    "# Release facts sparkmc learned from a capture of a job (sparkmc capture import).\n"
    "# Compile uses them, marked captured, for jobs on this release with this monitoring.\n"
    "# key\tvalue...\n";

/// A row's cells as strings (base's SplitTabs gives views).
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string_view> cols = SplitTabs(line);
  return {cols.begin(), cols.end()};
}

/// Every {{name}} in \a text is a known variable, or an InputError there.
void CheckTemplate(const SourceFile& file) {
  const std::vector<std::string>& known = FactVariables();
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < file.text.size(); ++i) {
    if (file.text[i] == '\n') {
      ++line;
      line_start = i + 1;
      continue;
    }
    if (file.text.compare(i, 2, "{{") != 0) continue;
    size_t close = file.text.find("}}", i);
    size_t nl = file.text.find('\n', i);
    std::string name = close == std::string::npos || close > nl ? "" : file.text.substr(i + 2, close - i - 2);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(Location{file.path, line, static_cast<int>(i - line_start) + 1},
                       fmt::format("'{{{{{}}}}}' is not a variable sparkmc fills in (one of: {})", name, list));
    }
    i = close + 1;
  }
}

}  // namespace

const std::vector<std::string>& FactVariables() {
  static const std::vector<std::string> names = {
      "job_id", "vcid", "namespace", "region", "account_id", "role_b36", "spark_image", "fluentd_image",
      "appinfo_bucket", "log_group", "stream_prefix", "s3_bucket", "s3_prefix", "registry", "tag"};
  return names;
}

ImportedFacts ParseImportedFacts(const std::string& dir, const std::vector<SourceFile>& files) {
  ImportedFacts f;
  f.dir = dir;
  const SourceFile* meta = nullptr;
  for (const SourceFile& s : files) {
    std::string name = s.path.substr(s.path.find_last_of('/') + 1);
    if (name == "facts.tsv") meta = &s;
  }
  if (!meta) throw InputError(Location{dir, 0, 0}, "a learned release folder needs facts.tsv (written by sparkmc capture import)");
  FactOrigin captured{Provenance::kCaptured, "", "", ""};
  std::vector<std::pair<std::string, FactOrigin>> not_learned;
  int n = 0;
  size_t pos = 0;
  while (pos <= meta->text.size()) {
    size_t end = meta->text.find('\n', pos);
    std::string line = meta->text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? meta->text.size() + 1 : end + 1;
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> c = Cells(line);
    Location at{meta->path, n, 1};
    auto need = [&](size_t cols) {
      if (c.size() != cols) throw InputError(at, fmt::format("'{}' takes {} tab-separated columns", c[0], cols));
    };
    if (c[0] == "release") {
      need(2);
      f.release = c[1];
    } else if (c[0] == "combination") {
      need(2);
      f.combination = c[1];
    } else if (c[0] == "source") {
      need(2);
      f.source = c[1];
    } else if (c[0] == "image/spark" || c[0] == "image/fluentd") {
      need(2);
      try {
        CheckTemplate(SourceFile{meta->path, c[1]});
      } catch (const InputError& e) {
        // At its place in facts.tsv: after the key and its tab.
        throw InputError(Location{meta->path, n, e.location().column + static_cast<int>(c[0].size()) + 1}, e.what());
      }
      Fact image{c[0], c[1], captured};
      (c[0] == "image/spark" ? f.spark_image : f.fluentd_image) = image;
    } else if (c[0] == "derived") {
      need(4);  // derived, fact id, from, why
      not_learned.emplace_back(c[1], FactOrigin{Provenance::kDerived, "", c[2], c[3]});
    } else {
      throw InputError(at, fmt::format("unknown key '{}' in facts.tsv (release, combination, source, image/spark, "
                                       "image/fluentd, derived)", c[0]));
    }
  }
  if (f.release.empty() || f.combination.empty()) {
    throw InputError(Location{meta->path, 1, 1}, "facts.tsv must name the release and the combination");
  }
  captured.source = f.source;
  if (f.spark_image) f.spark_image->origin = captured;
  if (f.fluentd_image) f.fluentd_image->origin = captured;
  for (const SourceFile& s : files) {
    std::string name = s.path.substr(s.path.find_last_of('/') + 1);
    if (name == "facts.tsv") continue;
    CheckTemplate(s);
    if (name == "spark-defaults.conf") {
      size_t p = 0;
      while (p < s.text.size()) {
        size_t end = s.text.find('\n', p);
        std::string line = s.text.substr(p, end == std::string::npos ? std::string::npos : end - p);
        p = end == std::string::npos ? s.text.size() : end + 1;
        if (line.empty() || line[0] == '#') continue;
        size_t sp = line.find(' ');
        std::string key = line.substr(0, sp);
        Fact fact{"spark-defaults/" + key, sp == std::string::npos ? "" : line.substr(sp + 1), captured};
        for (const auto& [id, origin] : not_learned) {
          if (id == fact.id) fact.origin = origin;
        }
        f.spark_defaults.push_back(fact);
      }
      continue;
    }
    size_t dot = name.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) {
      throw InputError(Location{s.path, 0, 0}, "a learned fact file is named <configmap>.<data key> (pod-template.driver)");
    }
    std::string cm = name.substr(0, dot), key = name.substr(dot + 1);
    f.data[cm][key] = Fact{cm + "/" + key, s.text, captured};
  }
  return f;
}

std::vector<std::pair<std::string, std::string>> WriteImportedFacts(const ImportedFacts& f) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string meta = kHeader;
  meta += "release\t" + f.release + "\n";
  meta += "combination\t" + f.combination + "\n";
  meta += "source\t" + f.source + "\n";
  if (f.spark_image) meta += "image/spark\t" + f.spark_image->text + "\n";
  if (f.fluentd_image) meta += "image/fluentd\t" + f.fluentd_image->text + "\n";
  std::string defaults = "# EMR's spark-defaults.conf for this release, one `key value` a line, in EMR's order.\n";
  for (const Fact& d : f.spark_defaults) {
    defaults += d.id.substr(15) + " " + d.text + "\n";
    if (d.origin.provenance == Provenance::kDerived) {
      meta += "derived\t" + d.id + "\t" + d.origin.from + "\t" + d.origin.why + "\n";
    }
  }
  out.emplace_back("facts.tsv", meta);
  out.emplace_back("spark-defaults.conf", defaults);
  for (const auto& [cm, keys] : f.data) {
    for (const auto& [key, fact] : keys) out.emplace_back(cm + "." + key, fact.text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sparkmc
