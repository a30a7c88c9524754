// "Did you mean" suggestions by edit distance, as ninja and clang-tidy offer them.
#ifndef SPARKMC_BASE_SPELL_H_
#define SPARKMC_BASE_SPELL_H_

#include <string>
#include <vector>

namespace sparkmc {

/// The closest of \a candidates to \a word if it is close enough (at most a
/// third of the word's length, and at least 1 edit allowed), else "".
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

/// ", did you mean 'x'?" or "".
std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace sparkmc

#endif  // SPARKMC_BASE_SPELL_H_
