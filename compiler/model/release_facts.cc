#include "compiler/model/release_facts.h"

#include <algorithm>
#include <mutex>

#include "compiler/base/text.h"
#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

constexpr const char* kDir = "compiler/data/emr/";

struct LineRow {
  std::string line, provenance, basis, java, facts, source;
};

const std::vector<LineRow>& Lines() {
  static const std::vector<LineRow> rows = [] {
    std::vector<LineRow> out;
    for (const auto& c : EmbeddedTable("compiler/data/emr/release-facts.tsv")) {
      // Columns past the sixth belong to other readers of the table.
      if (c.size() >= 6) out.push_back(LineRow{c[0], c[1], c[2] == "-" ? "" : c[2], c[3], c[4], c[5]});
    }
    return out;
  }();
  return rows;
}

const LineRow* FindLine(const std::string& line) {
  for (const LineRow& r : Lines()) {
    if (r.line == line) return &r;
  }
  return nullptr;
}

Provenance ParseProvenance(const std::string& s) {
  if (s == "captured") return Provenance::kCaptured;
  if (s == "documented") return Provenance::kDocumented;
  return Provenance::kDerived;
}

/// "key value" lines, '#' comments, as spark-defaults.conf.tmpl is written.
std::vector<std::pair<std::string, std::string>> DefaultLines(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view line : DataLines(text)) {
    size_t sp = line.find(' ');
    out.emplace_back(std::string(line.substr(0, sp)), sp == std::string_view::npos ? "" : std::string(line.substr(sp + 1)));
  }
  return out;
}

std::string ValueText(const std::string& value) {
  if (!value.empty() && value[0] == '@') return std::string(EmbeddedData(kDir + value.substr(1)));
  return value;
}

/// Lays the facts file of \a line over \a f; each fact remembers its line.
void Apply(const LineRow& row, ReleaseFacts* f, std::map<std::string, std::string>* defined_in) {
  if (row.facts == "-" || row.facts.empty()) return;
  for (const auto& c : CachedEmbeddedTable(kDir + row.facts)) {
    if (c.size() < 4) continue;
    FactOrigin origin{ParseProvenance(c[2]), c[3], "", ""};
    const std::string& id = c[0];
    if (id == "spark-defaults") {
      f->spark_defaults.clear();
      for (auto& [k, v] : DefaultLines(ValueText(c[1]))) {
        f->spark_defaults.push_back(Fact{"spark-defaults/" + k, v, origin});
        (*defined_in)["spark-defaults/" + k] = row.line;
      }
    } else if (id.rfind("spark-default:", 0) == 0) {
      std::string fid = "spark-defaults/" + id.substr(14);
      auto it = std::find_if(f->spark_defaults.begin(), f->spark_defaults.end(),
                             [&](const Fact& x) { return x.id == fid; });
      if (c[1] == "!removed") {
        if (it != f->spark_defaults.end()) f->spark_defaults.erase(it);
      } else if (it != f->spark_defaults.end()) {
        *it = Fact{fid, c[1], origin};
      } else {
        f->spark_defaults.push_back(Fact{fid, c[1], origin});
      }
      (*defined_in)[fid] = row.line;
    } else {
      f->pieces[id] = Fact{id, ValueText(c[1]), origin};
      (*defined_in)[id] = row.line;
    }
  }
}

void MarkDerived(Fact* fact, const std::string& from, const std::string& why) {
  // A page documents EMR on EKS as a whole, not one release.
  if (fact->origin.provenance == Provenance::kDocumented) return;
  fact->origin.provenance = Provenance::kDerived;
  fact->origin.from = from;
  fact->origin.why = why;
}

/// The facts of a capture with another monitoring combination that do not
/// depend on monitoring (in the 6.8.0 captures spark-defaults, allowlists and
/// images are the same with and without it): better than another release's.
void OverlayOtherCombination(const ImportedFacts& imp, const std::string& combination, ReleaseFacts* f) {
  std::string from = imp.release + " (" + imp.combination + " capture)";
  std::string why = "the job's monitoring (" + combination +
                    ") has no capture; spark-defaults, allowlists and images do not change with monitoring "
                    "in the emr-6.8.0 captures (File 1 = File 4, File 2 ~ File 5)";
  auto derive = [&](Fact x) {
    x.origin.provenance = Provenance::kDerived;
    x.origin.from = from;
    x.origin.why = why;
    return x;
  };
  bool defaults_derived = std::any_of(f->spark_defaults.begin(), f->spark_defaults.end(),
                                      [](const Fact& x) { return x.origin.provenance == Provenance::kDerived; });
  if (defaults_derived) {
    f->spark_defaults.clear();
    for (const Fact& x : imp.spark_defaults) f->spark_defaults.push_back(derive(x));
  }
  auto pt = imp.data.find("pod-template");
  auto replace = [&](const char* piece, const char* key) {
    auto it = f->pieces.find(piece);
    if (pt == imp.data.end() || it == f->pieces.end() || it->second.origin.provenance != Provenance::kDerived) return;
    auto d = pt->second.find(key);
    if (d != pt->second.end()) it->second = derive(Fact{piece, d->second.text, d->second.origin});
  };
  replace("pod-allowlist", "driver-pod-allowlist");
  replace("container-allowlist", "driver-container-allowlist");
  for (const auto& [piece, learned] : {std::pair<const char*, const std::optional<Fact>*>{"image/spark", &imp.spark_image},
                                       {"image/fluentd", &imp.fluentd_image}}) {
    auto it = f->pieces.find(piece);
    if (learned->has_value() && it != f->pieces.end() && it->second.origin.provenance == Provenance::kDerived) {
      it->second = derive(**learned);
      it->second.id = piece;
    }
  }
}

}  // namespace

const char* ProvenanceName(Provenance p) {
  switch (p) {
    case Provenance::kCaptured: return "captured";
    case Provenance::kDocumented: return "documented";
    case Provenance::kDerived: return "derived";
  }
  return "derived";
}

std::string ReleaseOfLine(const std::string& line) { return "emr-" + line + ".0"; }

std::string MonitoringCombination(const Monitoring& m) {
  std::vector<std::string> parts;
  if (m.cloudwatch) parts.push_back("cloudwatch");
  if (m.s3) parts.push_back("s3");
  if (m.PersistentUiEnabled()) parts.push_back("persistent-ui");
  if (parts.empty()) return "none";
  std::string out = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) out += "+" + parts[i];
  return out;
}

namespace {

ReleaseFacts BuiltInFacts(const ReleaseLabel& label) {
  ReleaseFacts f;
  f.line = label.Line();
  f.release = "emr-" + label.Version();
  const LineRow* row = FindLine(f.line);
  f.known = row != nullptr;
  // The chain from the label's line down to a line that states every fact.
  std::vector<const LineRow*> chain;
  std::string why;
  if (row) {
    for (const LineRow* r = row; r && chain.size() < 16; r = r->basis.empty() ? nullptr : FindLine(r->basis)) {
      chain.push_back(r);
    }
    f.basis = row->basis;
    f.java = row->java;
    f.source = row->source;
    why = row->source;
  } else {
    chain.push_back(FindLine("6.8"));
    f.basis = "6.8";
    f.java = "";
    why = "sparkmc has no facts for this release line; emr-6.8.0's, which it may not match";
    f.source = why;
  }
  std::map<std::string, std::string> defined_in;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (*it) Apply(**it, &f, &defined_in);
  }
  std::string own = row ? row->line : "";
  for (Fact& x : f.spark_defaults) {
    if (defined_in[x.id] != own) MarkDerived(&x, ReleaseOfLine(defined_in[x.id]), why);
  }
  for (auto& [id, x] : f.pieces) {
    if (defined_in[id] != own) MarkDerived(&x, ReleaseOfLine(defined_in[id]), why);
  }
  // A variant label (-java17) names its own JDK.
  for (const char* v : {"java8", "java11", "java17", "java21"}) {
    if (label.variant.find(v) != std::string::npos) f.java = std::string(v).substr(4);
  }
  return f;
}

}  // namespace

namespace {

/// No fact a job of \a f's release can use is derived.
bool AllCaptured(const ReleaseFacts& f) {
  auto derived = [](const Fact& x) { return x.origin.provenance == Provenance::kDerived; };
  if (!f.known || std::any_of(f.spark_defaults.begin(), f.spark_defaults.end(), derived)) return false;
  for (const auto& [id, x] : f.pieces) {
    if (derived(x) && !(f.exact && id != "image/spark" && id != "image/fluentd" && id != "image/custom")) return false;
  }
  if (f.exact) {
    for (const auto& [cm, keys] : f.exact->data) {
      for (const auto& [k, x] : keys) {
        if (derived(x)) return false;
      }
    }
  }
  return true;
}

}  // namespace

std::shared_ptr<const ReleaseFacts> FactsFor(const ReleaseLabel& label, const FactStore* store,
                                             const std::string& combination) {
  // The built-in facts of a label never change: read them once per label.
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ReleaseFacts>> cache;
  std::string key = label.Version() + "/" + label.variant;
  std::shared_ptr<const ReleaseFacts> built_in;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) {
      built_in = it->second;
    } else {
      auto f = std::make_shared<ReleaseFacts>(BuiltInFacts(label));
      f->captured = AllCaptured(*f);
      built_in = f;
      if (cache.size() < 256) cache.emplace(key, built_in);  // bounded: labels come from input
    }
  }
  if (!store) return built_in;
  const ImportedFacts* exact = nullptr;
  const ImportedFacts* other = nullptr;
  for (const ImportedFacts& imp : store->imports) {
    if (imp.release != built_in->release) continue;
    if (imp.combination == combination) exact = &imp;
    else if (!other || imp.combination < other->combination) other = &imp;
  }
  if (!exact && !other) return built_in;
  auto f = std::make_shared<ReleaseFacts>(*built_in);
  f->known = true;
  if (exact) {
    f->exact = *exact;
    f->spark_defaults = exact->spark_defaults;
    if (exact->spark_image) f->pieces["image/spark"] = *exact->spark_image;
    if (exact->fluentd_image) f->pieces["image/fluentd"] = *exact->fluentd_image;
  } else {
    OverlayOtherCombination(*other, combination, f.get());
  }
  f->captured = AllCaptured(*f);
  return f;
}

}  // namespace sparkmc
