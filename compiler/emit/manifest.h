// One Kubernetes object an emitter builds: the in-memory object and the file
// it goes to with `-o DIR`.
#ifndef SPARKMC_EMIT_MANIFEST_H_
#define SPARKMC_EMIT_MANIFEST_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkmc {

struct Manifest {
  std::string file_name;  ///< For `-o DIR`, e.g. "spark-defaults.yaml".
  nlohmann::ordered_json object;
};

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_MANIFEST_H_
