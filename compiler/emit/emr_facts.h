// Facts AWS defines for EMR on EKS, read from compiler/data/emr/.
#ifndef SPARKMC_EMIT_EMR_FACTS_H_
#define SPARKMC_EMIT_EMR_FACTS_H_

#include <string>
#include <vector>

namespace sparkmc {

struct EmrImages {
  std::string spark;    ///< e.g. 996579266876.dkr.ecr.ap-northeast-2.amazonaws.com/spark/emr-6.8.0:latest
  std::string fluentd;  ///< the same registry, fluentd/emr-6.8.0:latest
};

/// True if EMR on EKS has an image registry in \a region.
bool IsKnownRegion(const std::string& region);
std::vector<std::string> KnownRegions();

/// Why \a release_label is not a label sparkmc can map to images, or "".
std::string CheckReleaseLabel(const std::string& release_label);

/// "<account>.dkr.ecr.<region>.<domain>": EMR's image registry in \a region
/// (regions.tsv), or "" when it has none.
std::string RegistryFor(const std::string& region);

/// The images for \a release_label in \a region (both must pass the checks
/// above), as the release's built-in facts name them.
EmrImages ImagesFor(const std::string& release_label, const std::string& region);

/// EMR's own bucket behind the persistent Spark UI.
std::string AppinfoBucket(const std::string& region);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_EMR_FACTS_H_
