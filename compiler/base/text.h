// Small text helpers every stage uses. No user-sized string goes through
// std::regex (libstdc++ recurses once per character and overflows the stack
// on long input): the recognisers are written out by hand.
#ifndef SPARKMC_BASE_TEXT_H_
#define SPARKMC_BASE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace sparkmc {

/// [-+]?[0-9]+
bool IsIntegerText(std::string_view s);

/// YAML 1.2 core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsFloatText(std::string_view s);

/// Splits "-?[0-9]+[a-z]*" (Spark's size and duration syntax) into its number
/// and unit. False if \a s has another form; \a fraction is set when the
/// number has a decimal point ("1.5g"), which Spark refuses.
bool SplitNumberUnit(std::string_view s, std::string* digits, std::string* unit, bool* fraction);

/// ASCII lowercase.
std::string Lower(std::string_view s);

/// \a s without leading and trailing blanks (space, tab), as Spark's trim.
std::string_view Trim(std::string_view s);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

/// Glob match where '*' is any run of characters and everything else is
/// literal (property names are full of '.', which must stay literal). Linear
/// in practice; no backtracking blow-up on hostile input.
bool GlobMatch(std::string_view pattern, std::string_view text);

/// The tab-separated columns of one line of a data table.
std::vector<std::string_view> SplitTabs(std::string_view line);

/// The lines of a data file that hold data, in order: not empty and not a
/// '#' comment. Views into \a text.
std::vector<std::string_view> DataLines(std::string_view text);

/// The offset of the first '\r' or '\n' at or after \a pos in \a text, or
/// npos: where a line ends, as LineIndex ends lines.
size_t FindLineBreak(std::string_view text, size_t pos);

/// \a text cut at each '\n' (the newlines dropped); a final newline ends the
/// last line rather than starting an empty one.
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace sparkmc

#endif  // SPARKMC_BASE_TEXT_H_
