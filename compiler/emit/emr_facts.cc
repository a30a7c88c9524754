#include "compiler/emit/emr_facts.h"

#include <sstream>
#include <stdexcept>

#include "compiler/data/embedded.h"
#include "compiler/model/release_label.h"

namespace sparkmc {

namespace {

struct Registry {
  std::string region;
  std::string account;
  std::string domain;
};

const std::vector<Registry>& Registries() {
  static const std::vector<Registry> table = [] {
    std::vector<Registry> out;
    for (const auto& cols : EmbeddedTable("compiler/data/emr/regions.tsv")) {
      if (cols.size() >= 3) out.push_back(Registry{cols[0], cols[1], cols[2]});
    }
    return out;
  }();
  return table;
}

}  // namespace

bool IsKnownRegion(const std::string& region) {
  for (const Registry& r : Registries()) {
    if (r.region == region) return true;
  }
  return false;
}

std::vector<std::string> KnownRegions() {
  std::vector<std::string> out;
  for (const Registry& r : Registries()) out.push_back(r.region);
  return out;
}

std::string CheckReleaseLabel(const std::string& label) {
  std::string why;
  ParseReleaseLabel(label, &why);
  return why;
}

EmrImages ImagesFor(const std::string& label, const std::string& region) {
  std::string why;
  std::optional<ReleaseLabel> parsed = ParseReleaseLabel(label, &why);
  if (!parsed) throw std::invalid_argument(why);
  for (const Registry& r : Registries()) {
    if (r.region != region) continue;
    std::string host = r.account + ".dkr.ecr." + region + "." + r.domain;
    // Variants (-java17, -spark-rapids) are separate Spark images; the fluentd
    // sidecar image has one per release.
    return EmrImages{host + "/spark/emr-" + parsed->ImageVersion() + ":" + parsed->tag,
                     host + "/fluentd/emr-" + parsed->Version() + ":" + parsed->tag};
  }
  throw std::invalid_argument(region);
}

std::string AppinfoBucket(const std::string& region) { return "prod." + region + ".appinfo.src"; }

}  // namespace sparkmc
