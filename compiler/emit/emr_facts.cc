#include "compiler/emit/emr_facts.h"

#include <regex>
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
    std::istringstream in{std::string(EmbeddedData("compiler/data/emr/regions.tsv"))};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      Registry r;
      std::getline(ls, r.region, '\t');
      std::getline(ls, r.account, '\t');
      std::getline(ls, r.domain, '\t');
      out.push_back(r);
    }
    return out;
  }();
  return table;
}

// emr-6.8.0-latest, emr-7.1.0-20240321: version and image tag.
const std::regex& LabelPattern() {
  static const std::regex re(R"(^emr-([0-9]+\.[0-9]+\.[0-9]+)-(latest|[0-9]{8})$)");
  return re;
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
  if (!std::regex_match(label, LabelPattern())) {
    return "release label '" + label + "' is not of the form emr-X.Y.Z-latest or emr-X.Y.Z-YYYYMMDD";
  }
  return "";
}

EmrImages ImagesFor(const std::string& label, const std::string& region) {
  std::smatch m;
  if (!std::regex_match(label, m, LabelPattern())) throw std::invalid_argument(label);
  for (const Registry& r : Registries()) {
    if (r.region != region) continue;
    std::string host = r.account + ".dkr.ecr." + region + "." + r.domain;
    std::string tag = "emr-" + m[1].str() + ":" + m[2].str();
    return EmrImages{host + "/spark/" + tag, host + "/fluentd/" + tag};
  }
  throw std::invalid_argument(region);
}

std::string AppinfoBucket(const std::string& region) { return "prod." + region + ".appinfo.src"; }

}  // namespace sparkmc
