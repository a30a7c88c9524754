// EMR release labels: emr-6.8.0-latest, emr-7.1.0-20240321,
// emr-6.11.0-java17-latest. One parser for every stage.
#ifndef SPARKMC_MODEL_RELEASE_LABEL_H_
#define SPARKMC_MODEL_RELEASE_LABEL_H_

#include <optional>
#include <string>
#include <string_view>

namespace sparkmc {

struct ReleaseLabel {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string variant;  ///< "java17", "spark-rapids", or "".
  std::string tag;      ///< "latest" or a YYYYMMDD date.

  /// "6.8.0".
  std::string Version() const;
  /// "6.8": the release line, which keys EMR's facts and Spark's version.
  std::string Line() const;
  /// "6.8.0-java17": the Spark image's name after "emr-".
  std::string ImageVersion() const;
};

/// Parses \a label; on failure returns nullopt and says why in \a why.
std::optional<ReleaseLabel> ParseReleaseLabel(std::string_view label, std::string* why);

/// The Apache Spark version the release line ships ("3.3.0-amzn-0"), from
/// compiler/data/oss/emr-spark-versions.tsv, or "" when unknown. \a verified
/// (optional) tells whether the row was read on the release pages.
std::string SparkVersionOfRelease(const ReleaseLabel& label, bool* verified = nullptr);

/// Compares dotted versions numerically ("3.10" > "3.4"); suffixes ignored.
bool VersionAtLeast(std::string_view version, std::string_view floor);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_RELEASE_LABEL_H_
