// Rule kinds that judge a job against its EMR release: the JVM options its
// Java refuses or ignores, Spark properties newer than its Spark, and
// request features newer than the release.
#include "compiler/check/kinds_release.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <optional>

#include "compiler/base/text.h"
#include "compiler/check/jvm_options.h"
#include "compiler/check/kind_util.h"
#include "compiler/check/spark_keys.h"
#include "compiler/data/embedded.h"
#include "compiler/model/release_facts.h"
#include "compiler/model/release_label.h"

namespace sparkmc::kinds {

namespace {

/// The job's parsed release label, or nullopt (no job, no label, or one the
/// schema rule reports).
std::optional<ReleaseLabel> LabelOf(const LintSubject& s) {
  const Job* job = JobOf(s);
  if (!job || !job->release_label.set) return std::nullopt;
  std::string why;
  return ParseReleaseLabel(job->release_label.value, &why);
}

/// The file a finding's location names, among the subject's sources.
const SourceFile* SourceOf(const LintSubject& s, const std::string& path) {
  if (!s.loaded) return nullptr;
  if (s.loaded->source && s.loaded->source->path == path) return s.loaded->source.get();
  for (const auto& src : s.loaded->sources) {
    if (src && src->path == path) return src.get();
  }
  return nullptr;
}

/// Where \a needle, at \a offset in a property's value, is written in the
/// file: searched from \a at (where the value starts) plus \a offset, since
/// every character of a value comes from at least one of its source, within
/// the value's span; \a at itself when the text cannot be found there (an
/// escaped JSON string spells it differently).
Location Locate(const LintSubject& s, const Location& at, const std::string& needle, size_t offset, size_t value_size) {
  const SourceFile* src = SourceOf(s, at.file);
  if (!src || at.line < 1 || needle.empty()) return at;
  size_t start = src->Offset(at.line, at.column);
  if (start == std::string::npos) return at;
  // A --conf token starts at the key, and escapes lengthen the text: allow slack.
  size_t window = value_size * 2 + 256;
  size_t hit = src->text.find(needle, start + offset);
  if (hit == std::string::npos || hit - start > window) return at;
  return src->At(hit);
}

/// Major.minor of a version ("3.3.2-amzn-0" -> "3.3").
std::string MajorMinor(const std::string& v) {
  size_t dot = v.find('.');
  if (dot == std::string::npos) return v;
  size_t second = v.find_first_not_of("0123456789", dot + 1);
  return v.substr(0, second);
}

// ---- jvm-option -------------------------------------------------------------

struct JvmOptionParams {
  std::optional<std::vector<std::string>> properties;
  static std::vector<ParamField> Fields() {
    return {Param<&JvmOptionParams::properties>(
        "properties", kOptional,
        "the properties whose value is a Java options string; default spark.{driver,executor}.{default,extra}JavaOptions")};
  }
};

class JvmOptionCheck : public RuleCheck {
 public:
  using Params = JvmOptionParams;
  explicit JvmOptionCheck(Params p)
      : keys_(p.properties ? *p.properties
                           : std::vector<std::string>{"spark.driver.defaultJavaOptions", "spark.driver.extraJavaOptions",
                                                      "spark.executor.defaultJavaOptions",
                                                      "spark.executor.extraJavaOptions"}) {}

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    std::optional<ReleaseLabel> label = LabelOf(s);
    if (!label || OpenSourceTarget(s)) return;  // an open-source target runs its image's Java and Spark
    std::shared_ptr<const ReleaseFacts> shared = FactsFor(*label);
    const ReleaseFacts& facts = *shared;
    int java = 0;
    if (!facts.known || facts.java.empty() || !(java = std::atoi(facts.java.c_str()))) return;  // unknown-emr-release speaks
    const Job& job = *JobOf(s);
    std::string spark = SparkVersionOfRelease(*label);
    for (const std::string& key : keys_) {
      const Property* p = Winning(job, key);
      if (!p) continue;
      std::string role = StartsWith(key, "spark.driver.") ? "driver" : StartsWith(key, "spark.executor.") ? "executor" : "";
      for (const JvmOptionToken& tok : SplitJavaOptions(p->value)) {
        JvmOptionVerdict v = JudgeJvmOption(tok.text, java);
        if (!v.row || v.state == JvmOptionState::kAccepted) continue;
        Finding f = At(Locate(s, p->loc, tok.text, tok.offset, p->value.size()), Message(s, *label, java, spark, role, tok.text, v));
        if (v.state == JvmOptionState::kDeprecated) f.severity_override = Severity::kInfo;
        if (v.state == JvmOptionState::kObsolete) f.severity_override = Severity::kWarning;
        if (v.state == JvmOptionState::kRefused && Ignored(s, role, spark) != "") f.severity_override = Severity::kWarning;
        out->push_back(std::move(f));
      }
    }
  }

 private:
  /// Why the role's JVM ignores unknown options instead of refusing them:
  /// Spark 3.3+ puts JavaModuleOptions (-XX:+IgnoreUnrecognizedVMOptions
  /// first) on the driver's command line (SparkSubmitCommandBuilder,
  /// SPARK-36796) and before spark.executor.extraJavaOptions
  /// (SparkContext.supplementJavaModuleOptions); or the user's own options
  /// say so. "" when the JVM refuses; "?" when the release's Spark is unknown.
  std::string Ignored(const LintSubject& s, const std::string& role, const std::string& spark) const {
    if (!role.empty()) {
      for (const char* kind : {"defaultJavaOptions", "extraJavaOptions"}) {
        std::string value = Effective(s, "spark." + role + "." + kind);
        for (const JvmOptionToken& t : SplitJavaOptions(value)) {
          if (t.text == "-XX:+IgnoreUnrecognizedVMOptions") return "the job's own options set -XX:+IgnoreUnrecognizedVMOptions";
        }
      }
      if (spark.empty()) return "?";
      if (VersionAtLeast(spark, "3.3")) {
        return fmt::format("Spark {} adds -XX:+IgnoreUnrecognizedVMOptions (JavaModuleOptions, Spark 3.3+)", spark);
      }
    }
    return "";
  }

  std::string Message(const LintSubject& s, const ReleaseLabel& label, int java, const std::string& spark,
                      const std::string& role, const std::string& opt, const JvmOptionVerdict& v) const {
    const JvmOptionRow& r = *v.row;
    std::string release = "emr-" + label.ImageVersion();
    std::string instead = r.use_instead.empty() ? "" : "; use " + r.use_instead;
    std::string jvm = role.empty() ? "the JVM" : "the " + role + " JVM";
    switch (v.state) {
      case JvmOptionState::kDeprecated:
        return fmt::format("{} is deprecated since JDK {}: it still works on Java {} ({}), with a warning{}", opt, v.since,
                           java, release, instead);
      case JvmOptionState::kObsolete:
        return fmt::format("{} has no effect on Java {} ({}): support was removed in JDK {}, and {} warns and ignores it{}",
                           opt, java, release, v.since, jvm, instead);
      case JvmOptionState::kRefused: {
        std::string what = fmt::format(v.too_new ? "is new in JDK {}" : "was removed in JDK {}", v.since);
        std::string why = Ignored(s, role, spark);
        if (why == "?") {
          return fmt::format("{} {}, unknown to Java {} ({}): {} refuses to start unless -XX:+IgnoreUnrecognizedVMOptions "
                             "is set, and sparkmc does not know whether this release's Spark sets it{}",
                             opt, what, java, release, jvm, instead);
        }
        if (!why.empty()) {
          return fmt::format("{} has no effect on Java {} ({}): it {}, and {} starts only because {}{}", opt, java, release,
                             what, jvm, why, instead);
        }
        return fmt::format("{} refuses to start on Java {} ({}): {} {}{}", jvm, java, release, opt, what, instead);
      }
      case JvmOptionState::kAccepted:
        break;
    }
    return "";
  }

  std::vector<std::string> keys_;
};

// ---- spark-key-release ------------------------------------------------------

class SparkKeyReleaseCheck : public RuleCheck {
 public:
  using Params = NoParams;
  explicit SparkKeyReleaseCheck(Params) {}

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    std::optional<ReleaseLabel> label = LabelOf(s);
    if (!label || OpenSourceTarget(s)) return;  // an open-source target runs another Spark
    bool verified = false;
    std::string spark = SparkVersionOfRelease(*label, &verified);
    if (spark.empty()) return;
    for (const Property* p : UserProperties(*JobOf(s))) {
      const SparkKey* k = FindSparkKey(p->key);
      if (!k || k->status == "pattern" || k->since.empty() || !std::isdigit(static_cast<unsigned char>(k->since[0]))) continue;
      // An inferred release version may be off by a patch level: compare lines only.
      bool newer = verified ? !VersionAtLeast(spark, k->since) : !VersionAtLeast(MajorMinor(spark), MajorMinor(k->since));
      if (!newer) continue;
      out->push_back(At(p->key_loc.line > 0 ? p->key_loc : p->loc,
                        fmt::format("{} is new in Spark {}, and emr-{} ships Spark {}{}: Spark there does not read it",
                                    p->flag.empty() || p->flag == "--conf" ? p->key : p->flag + " (" + p->key + ")",
                                    k->since, label->Version(), spark,
                                    verified ? "" : " (inferred for this release line, not read on its release page)")));
    }
  }
};

// ---- release-feature --------------------------------------------------------

struct ReleaseFeatureParams {
  DataFile features;
  static std::vector<ParamField> Fields() {
    return {Param<&ReleaseFeatureParams::features>(
        "features", kRequired,
        "embedded data file (feature, where, first, source): what a request uses ('release', 'request:A.B', "
        "'property:KEY') and the first release of each line that has it")};
  }
};

struct Feature {
  std::string name, where;
  std::vector<ReleaseLabel> first;  ///< One per release line major, ascending.
};

class ReleaseFeatureCheck : public RuleCheck {
 public:
  using Params = ReleaseFeatureParams;
  explicit ReleaseFeatureCheck(Params p) {
    for (const std::vector<std::string>& row : CachedEmbeddedTable(p.features.path)) {
      if (row.size() < 3) continue;
      Feature f{row[0], row[1], {}};
      for (const std::string& v : Split(row[2], ',')) {
        std::string why;
        if (auto l = ParseReleaseLabel("emr-" + std::string(Trim(v)) + "-latest", &why)) f.first.push_back(*l);
      }
      if (!f.first.empty()) features_.push_back(std::move(f));
    }
  }

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    std::optional<ReleaseLabel> label = LabelOf(s);
    if (!label || OpenSourceTarget(s)) return;  // the oss-target rule says what EMR-only features become
    const Job& job = *JobOf(s);
    for (const Feature& f : features_) {
      std::string first;
      if (Has(f, *label, &first)) continue;
      std::string release = "emr-" + label->Version();
      if (f.where == "release") {
        std::string from;
        for (const ReleaseLabel& l : f.first) from += (from.empty() ? "" : " and ") + fmt::format("{}.x from {}", l.major, l.Version());
        out->push_back(At(job.release_label.loc, fmt::format("{} is not an EMR on EKS release: {} has {} on, and "
                                                             "refuses other labels", release, f.name, from)));
      } else if (StartsWith(f.where, "request:")) {
        const Node* n = &s.loaded->request;
        const Node* key = nullptr;
        for (const std::string& seg : Split(f.where.substr(8), '.')) {
          key = n->FindKey(seg);
          n = n->Find(seg);
          if (!n) break;
        }
        if (!n || !key) continue;
        const SourceFile* src = key->source ? key->source : s.loaded->source.get();
        out->push_back(At(Location{src ? src->path : "", key->line, key->column},
                          fmt::format("{} ({}) needs {} or later; this job runs {}", f.where.substr(8), f.name, first,
                                      release)));
      } else if (StartsWith(f.where, "property:")) {
        std::string want = f.where.substr(9);
        for (const Property* p : UserProperties(job)) {
          if (p->key != want) continue;
          out->push_back(At(p->key_loc.line > 0 ? p->key_loc : p->loc,
                            fmt::format("{} ({}) needs {} or later; this job runs {}", want, f.name, first, release)));
        }
      }
    }
  }

 private:
  /// Whether \a label's release has \a f; else the first release of its line
  /// (or the first of all, for a line before any) in \a first.
  static bool Has(const Feature& f, const ReleaseLabel& label, std::string* first) {
    for (const ReleaseLabel& l : f.first) {
      if (l.major == label.major) {
        *first = "emr-" + l.Version();
        return VersionAtLeast(label.Version(), l.Version());
      }
    }
    *first = "emr-" + f.first.front().Version();
    return label.major > f.first.back().major;
  }

  static std::vector<std::string> Split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
      size_t end = s.find(sep, start);
      if (end == std::string::npos) end = s.size();
      out.push_back(s.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  std::vector<Feature> features_;
};

}  // namespace

RuleKind JvmOptionKind() {
  return MakeRuleKind<JvmOptionCheck>(
      "jvm-option", "JVM options against the release's Java (compiler/data/jvm/removed-options.tsv) and Spark");
}
RuleKind SparkKeyReleaseKind() {
  return MakeRuleKind<SparkKeyReleaseCheck>("spark-key-release", "Spark properties newer than the release's Spark");
}
RuleKind ReleaseFeatureKind() {
  return MakeRuleKind<ReleaseFeatureCheck>("release-feature", "request features and releases the job's EMR release does not have");
}

}  // namespace sparkmc::kinds
