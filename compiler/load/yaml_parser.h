// The YAML path of ParseDocuments (compiler/load/document.h).
#ifndef SPARKMC_LOAD_YAML_PARSER_H_
#define SPARKMC_LOAD_YAML_PARSER_H_

#include <string_view>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc {

/// Parses \a text (the file's text after any byte order mark, \a skipped
/// bytes into source.text) as a YAML stream. Throws InputError as
/// ParseDocuments documents.
std::vector<Node> ParseYaml(const SourceFile& source, std::string_view text, size_t skipped, const LoadLimits& limits);

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_YAML_PARSER_H_
