#include "compiler/model/spell.h"

#include <algorithm>
#include <cctype>

namespace sparkmc {

int EditDistance(const std::string& a, const std::string& b) {
  // Optimal string alignment: like Levenshtein, but a swap of two adjacent
  // characters ("nmae" for "name") counts as one edit.
  std::vector<int> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2 = prev;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.size() > 200) return "";  // keep hostile input from costing quadratic time
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_d = limit + 1;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    // Lengths further apart than the limit cannot be within it: skip the
    // quadratic distance for most of Spark's 1,286 keys.
    size_t diff = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (diff > static_cast<size_t>(limit)) continue;
    std::string cl = c;
    for (char& ch : cl) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    // A case-only difference is the most likely typo of all.
    int d = cl == lower ? 0 : EditDistance(lower, cl);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string m = ClosestMatch(word, candidates);
  return m.empty() ? "" : ", did you mean '" + m + "'?";
}

}  // namespace sparkmc
