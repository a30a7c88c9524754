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

/// Where each node of \a node was written, for a file kept as JSON (the
/// built-in rules, converted at build time): an array of [line, column] in
/// the order RestorePositions visits the nodes (map keys sorted, each key
/// before its value), so errors still name the source file's lines.
nlohmann::json PositionsOf(const Node& node);

/// Puts back on \a node, the FromJson of ToJson(original), the positions
/// PositionsOf(original) recorded. Nodes past the list keep line 0.
void RestorePositions(const nlohmann::json& positions, Node* node);

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_JSON_VIEW_H_
