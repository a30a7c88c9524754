// One Kubernetes object an emitter builds: the in-memory object and the file
// it goes to with `-o DIR`.
#ifndef SPARKMC_EMIT_MANIFEST_H_
#define SPARKMC_EMIT_MANIFEST_H_

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace sparkmc {

struct Manifest {
  std::string file_name;  ///< For `-o DIR`, e.g. "spark-defaults.yaml".
  nlohmann::ordered_json object;
  /// data keys whose text is a YAML document (the pod templates of EMR's
  /// pod-template ConfigMap): the object each text reads as, built with it
  /// (emit/rendered_yaml.h), so validation need not read the text again.
  std::map<std::string, nlohmann::json> data_objects = {};
};

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_MANIFEST_H_
