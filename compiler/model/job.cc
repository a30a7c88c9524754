#include "compiler/model/job.h"

namespace sparkmc {

const char* OriginName(Origin o) {
  switch (o) {
    case Origin::kReleaseDefault: return "EMR release default";
    case Origin::kApplicationConfiguration: return "applicationConfiguration";
    case Origin::kSparkSubmitParameters: return "sparkSubmitParameters";
  }
  return "";
}

namespace {
void Collect(const std::vector<Configuration>& list, const std::string& classification,
             std::vector<const Property*>* out) {
  for (const Configuration& c : list) {
    if (c.classification.value == classification) {
      for (const Property& p : c.properties) out->push_back(&p);
    }
  }
}
}  // namespace

std::vector<const Property*> Job::SparkDefaultsOverrides() const {
  std::vector<const Property*> out;
  Collect(application_configuration, "spark-defaults", &out);
  return out;
}

const Property* Job::ClassificationProperty(const std::string& classification,
                                            const std::string& key) const {
  std::vector<const Property*> props;
  Collect(application_configuration, classification, &props);
  const Property* found = nullptr;
  for (const Property* p : props) {
    if (p->key == key) found = p;  // the last one wins, as in a JSON object read twice
  }
  return found;
}

}  // namespace sparkmc
