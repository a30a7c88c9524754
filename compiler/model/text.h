// Small text recognisers used on every scalar of every file. std::regex
// costs a compile per pattern and a backtracking match per call; these are
// the hot ones written out by hand.
#ifndef SPARKMC_MODEL_TEXT_H_
#define SPARKMC_MODEL_TEXT_H_

#include <string>
#include <string_view>

namespace sparkmc {

/// [-+]?[0-9]+
bool IsIntegerText(std::string_view s);

/// YAML 1.2 core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsFloatText(std::string_view s);

/// Splits "-?[0-9]+[a-z]*" (Spark's size and duration syntax) into its number
/// and unit. False if \a s has another form; \a fraction is set when the
/// number has a decimal point ("1.5g"), which Spark refuses.
bool SplitNumberUnit(std::string_view s, std::string* digits, std::string* unit, bool* fraction);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_TEXT_H_
