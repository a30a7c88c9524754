// Writes manifests as YAML, deterministically: keys in the order given,
// multi-line strings as literal blocks (so a reviewer can read a pod template
// inside a ConfigMap), anything ambiguous double-quoted.
#ifndef SPARKMC_EMIT_YAML_WRITER_H_
#define SPARKMC_EMIT_YAML_WRITER_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkmc {

/// One YAML document (no leading `---`).
std::string ToYaml(const nlohmann::ordered_json& doc);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_YAML_WRITER_H_
