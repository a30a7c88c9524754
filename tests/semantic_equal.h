// Semantic equality of ConfigMaps, as the conformance README defines it.
#ifndef SPARKMC_TESTS_SEMANTIC_EQUAL_H_
#define SPARKMC_TESTS_SEMANTIC_EQUAL_H_

#include <string>

#include "compiler/load/document.h"

namespace sparkmc::test {

/// "" when \a got equals \a expected semantically, else the first difference.
std::string ConfigMapDifference(const Node& expected, const Node& got);

/// A document parsed from \a text (the first one).
Node ParseYamlText(const std::string& text, const std::string& name = "<memory>");

}  // namespace sparkmc::test

#endif  // SPARKMC_TESTS_SEMANTIC_EQUAL_H_
