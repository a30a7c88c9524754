// A document tree seen as JSON, the way a JSON reader (and so the schemas)
// sees it, and back.
#ifndef SPARKMC_LOAD_JSON_VIEW_H_
#define SPARKMC_LOAD_JSON_VIEW_H_

#include <nlohmann/json.hpp>

#include "compiler/load/document.h"

namespace sparkmc {

/// Plain YAML scalars become numbers, booleans and null by the YAML 1.2 core
/// schema; quoted ones stay strings.
nlohmann::json ToJson(const Node& node);

/// ToJson, keeping the file's key order (for objects we re-emit).
nlohmann::ordered_json ToOrderedJson(const Node& node);

/// The tree for a JSON value (no positions): scalars other than strings are
/// plain, strings quoted.
Node FromJson(const nlohmann::json& value);

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_JSON_VIEW_H_
