// What sparkmc knows of a job's EMR release, fact by fact, and where each fact
// comes from: compiler/data/emr/release-facts.tsv lists the release lines and
// their basis, compiler/data/emr/releases/ states each line's own facts (see
// its README.md), and a user's fact store (`sparkmc capture import`) adds
// facts learned from their own cluster.
#ifndef SPARKMC_MODEL_RELEASE_FACTS_H_
#define SPARKMC_MODEL_RELEASE_FACTS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/model/job.h"
#include "compiler/model/release_label.h"

namespace sparkmc {

enum class Provenance { kCaptured, kDocumented, kDerived };

/// "captured", "documented" or "derived".
const char* ProvenanceName(Provenance p);

struct FactOrigin {
  Provenance provenance = Provenance::kDerived;
  /// captured: the capture; documented: the page; derived: the source of the
  /// fact in the release it comes from.
  std::string source;
  std::string from;  ///< derived: the release the fact is known for ("emr-6.8.0").
  std::string why;   ///< derived: why that release's fact is used.
};

struct Fact {
  std::string id;    ///< "spark-defaults/spark.driver.memory", "driver-pod", "image/spark", ...
  std::string text;  ///< The value: template text (compiler/emit/template.h).
  FactOrigin origin;
};

/// Facts learned from one capture of one job: what EMR generated for a
/// release and a monitoring combination, ids turned back into variables.
struct ImportedFacts {
  std::string release;      ///< "emr-7.2.0"
  std::string combination;  ///< MonitoringCombination()
  std::string source;       ///< The capture, as facts.tsv names it.
  std::string dir;          ///< Where it was read from.
  /// EMR's release defaults in its order; the job's own settings removed.
  std::vector<Fact> spark_defaults;
  /// ConfigMap (job.configuration label) -> data key -> template. The
  /// spark-defaults ConfigMap is spark_defaults above.
  std::map<std::string, std::map<std::string, Fact>> data;
  std::optional<Fact> spark_image;    ///< "{{registry}}/spark/...:{{tag}}"; unset when the job ran a custom image.
  std::optional<Fact> fluentd_image;  ///< unset when the capture has no fluentd sidecar.
};

struct FactStore {
  std::string dir;
  std::vector<ImportedFacts> imports;
};

struct ReleaseFacts {
  bool known = false;     ///< The line is in the table (or the store has the release).
  bool captured = false;  ///< No fact this job can use is derived.
  std::string line;       ///< "7.2"
  std::string release;    ///< "emr-7.2.0"
  std::string basis;      ///< The line derived facts start from ("6.8"), or "".
  std::string java;       ///< The JDK major version ("8", "17").
  std::string source;     ///< Why the line rests on its basis.
  std::vector<Fact> spark_defaults;    ///< In EMR's order.
  std::map<std::string, Fact> pieces;  ///< Every other fact, by id.
  /// A capture of this release with the job's monitoring: the pod-template and
  /// fluentd ConfigMaps are written from it whole.
  std::optional<ImportedFacts> exact;
};

/// "none", "persistent-ui", "cloudwatch", "cloudwatch+s3+persistent-ui", ...:
/// which of EMR's generated files a job's monitoring selects.
std::string MonitoringCombination(const Monitoring& m);

/// The facts for \a label, built-in facts overlaid by \a store's for the
/// release (when given); \a combination picks the store's exact facts.
/// A line sparkmc does not know gets emr-6.8's facts, derived, known = false.
/// Shared: a line's built-in facts are built once per process (lint asks
/// per job, and they hold every pod template's text).
std::shared_ptr<const ReleaseFacts> FactsFor(const ReleaseLabel& label, const FactStore* store = nullptr,
                                             const std::string& combination = "");

/// "emr-6.8.0" for the line "6.8".
std::string ReleaseOfLine(const std::string& line);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_RELEASE_FACTS_H_
