// JSON job files parsed once, strictly, with positions.
//
// JSON files used to be read twice: by nlohmann::json, to be as strict as the
// AWS CLI (no trailing commas, no comments, no single quotes), then by
// yaml-cpp, to build a tree that knows where every value is. yaml-cpp could
// not read keys over 1,024 characters or CR-only files, and two parsers meant
// two sets of rules. This parser is nlohmann's SAX parser alone, with the
// position of every token recovered from the bytes it has consumed.
#ifndef SPARKMC_LOAD_JSON_PARSER_H_
#define SPARKMC_LOAD_JSON_PARSER_H_

#include <vector>

#include "compiler/load/document.h"
#include "compiler/load/source.h"

namespace sparkmc {

/// Parses \a source as one strict JSON (RFC 8259) document into the tree the
/// YAML loader builds:
///   object  -> kMap, members in file order; keys are kScalar, plain=false
///   array   -> kSequence
///   string  -> kScalar, plain=false, escapes decoded
///   number  -> kScalar, plain=true, the text as written ("1e999", "-0.5")
///   boolean -> kScalar, plain=true, "true" or "false"
///   null    -> kNull
/// Every node has the 1-based line and character column of its first
/// character (the opening quote, bracket or digit). Lines end at "\n", "\r\n"
/// or "\r"; a UTF-8 byte order mark is skipped and is not a column.
///
/// Returns no nodes for empty or blank input, else exactly one. Throws
/// InputError at the offending position for syntax errors, duplicate keys,
/// NUL bytes, invalid UTF-8 in strings, nesting deeper than 500 levels and
/// more than limits.max_nodes nodes. limits.strict_json is not consulted:
/// JSON here is always strict.
std::vector<Node> ParseJson(const SourceFile& source, const LoadLimits& limits = {});

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_JSON_PARSER_H_
