#include "compiler/emit/emr_facts.h"

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

/// emr-6.8.0-latest, emr-7.1.0-20240321: the version and the image tag.
bool SplitLabel(const std::string& label, std::string* version, std::string* tag) {
  if (label.rfind("emr-", 0) != 0) return false;
  size_t dash = label.find('-', 4);
  if (dash == std::string::npos) return false;
  *version = label.substr(4, dash - 4);
  *tag = label.substr(dash + 1);
  int parts = 0;
  bool digit = false;
  for (char c : *version) {
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
    return "release label '" + label + "' is not of the form emr-X.Y.Z-latest or emr-X.Y.Z-YYYYMMDD";
  }
  return "";
}

EmrImages ImagesFor(const std::string& label, const std::string& region) {
  std::string version, tag_part;
  if (!SplitLabel(label, &version, &tag_part)) throw std::invalid_argument(label);
  for (const Registry& r : Registries()) {
    if (r.region != region) continue;
    std::string host = r.account + ".dkr.ecr." + region + "." + r.domain;
    std::string tag = "emr-" + version + ":" + tag_part;
    return EmrImages{host + "/spark/" + tag, host + "/fluentd/" + tag};
  }
  throw std::invalid_argument(region);
}

std::string AppinfoBucket(const std::string& region) { return "prod." + region + ".appinfo.src"; }

}  // namespace sparkmc
