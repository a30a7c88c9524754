#include "compiler/emit/emr_facts.h"

#include <sstream>
#include <stdexcept>

#include "compiler/data/embedded.h"
#include "compiler/emit/template.h"
#include "compiler/model/release_facts.h"
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

std::string RegistryFor(const std::string& region) {
  for (const Registry& r : Registries()) {
    if (r.region == region) return r.account + ".dkr.ecr." + region + "." + r.domain;
  }
  return "";
}

EmrImages ImagesFor(const std::string& label, const std::string& region) {
  std::string why;
  std::optional<ReleaseLabel> parsed = ParseReleaseLabel(label, &why);
  if (!parsed) throw std::invalid_argument(why);
  if (!IsKnownRegion(region)) throw std::invalid_argument(region);
  // Variants (-java17, -spark-rapids) are separate Spark images; the fluentd
  // sidecar image has one per release (releases/6.8.tsv).
  std::shared_ptr<const ReleaseFacts> shared = FactsFor(*parsed);
  const ReleaseFacts& facts = *shared;
  TemplateVars vars;
  vars.values["registry"] = RegistryFor(region);
  vars.values["version"] = parsed->Version();
  vars.values["image_version"] = parsed->ImageVersion();
  vars.values["tag"] = parsed->tag;
  return EmrImages{RenderTemplate(facts.pieces.at("image/spark").text, vars),
                   RenderTemplate(facts.pieces.at("image/fluentd").text, vars)};
}

std::string AppinfoBucket(const std::string& region) { return "prod." + region + ".appinfo.src"; }

}  // namespace sparkmc
