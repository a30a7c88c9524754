#include "compiler/emit/emr_facts.h"

#include <cctype>

#include <sstream>
#include <stdexcept>

#include "compiler/data/embedded.h"

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

/// emr-6.8.0-latest, emr-7.1.0-20240321, emr-6.11.0-java17-latest: the
/// version with its variants ("6.11.0-java17") and the image tag.
bool SplitLabel(const std::string& label, std::string* version, std::string* tag) {
  if (label.rfind("emr-", 0) != 0) return false;
  size_t last = label.rfind('-');
  if (last <= 4) return false;
  *version = label.substr(4, last - 4);
  *tag = label.substr(last + 1);
  std::string number = version->substr(0, version->find('-'));
  int parts = 0;
  bool digit = false;
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && digit) {
      ++parts;
      digit = false;
    } else {
      return false;
    }
  }
  if (parts != 2 || !digit) return false;
  for (char c : *version) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  if (*tag == "latest") return true;
  return tag->size() == 8 && tag->find_first_not_of("0123456789") == std::string::npos;
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
  std::string version, tag;
  if (!SplitLabel(label, &version, &tag)) {
    return "release label '" + label + "' is not of the form emr-X.Y.Z[-variant]-latest or emr-X.Y.Z[-variant]-YYYYMMDD";
  }
  return "";
}

EmrImages ImagesFor(const std::string& label, const std::string& region) {
  std::string version, tag_part;
  if (!SplitLabel(label, &version, &tag_part)) throw std::invalid_argument(label);
  for (const Registry& r : Registries()) {
    if (r.region != region) continue;
    std::string host = r.account + ".dkr.ecr." + region + "." + r.domain;
    // Variants (-java17, -spark-rapids) are separate Spark images; the fluentd
    // sidecar image has one per release.
    std::string plain = version.substr(0, version.find('-'));
    return EmrImages{host + "/spark/emr-" + version + ":" + tag_part, host + "/fluentd/emr-" + plain + ":" + tag_part};
  }
  throw std::invalid_argument(region);
}

std::string AppinfoBucket(const std::string& region) { return "prod." + region + ".appinfo.src"; }

}  // namespace sparkmc
