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

/// \a s as one YAML scalar: plain when nothing in it means something to
/// YAML, else double-quoted with every non-printable character escaped.
std::string YamlScalar(const std::string& s);

/// \a s escaped for the inside of a YAML double-quoted scalar.
std::string YamlQuotedBody(const std::string& s);

/// True when \a s can be written plain, even inside a longer plain scalar
/// (letters, digits, '_', '.', '/', '-', not starting with '-').
bool YamlPlainSafe(const std::string& s);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_YAML_WRITER_H_
