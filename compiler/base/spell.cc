#include "compiler/base/spell.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace sparkmc {

namespace {

/// EditDistance, but gives up (returning limit + 1) as soon as every path
/// through the table exceeds \a limit: suggestions only care about close words.
int BoundedEditDistance(const std::string& a, const std::string& b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  const int kFar = limit + 1;
  std::vector<int> prev2(m + 1, kFar), prev(m + 1), cur(m + 1, kFar);
  for (int j = 0; j <= m; ++j) prev[j] = std::min(j, kFar);
  for (int i = 1; i <= n; ++i) {
    int lo = std::max(1, i - limit), hi = std::min(m, i + limit);
    std::fill(cur.begin(), cur.end(), kFar);
    cur[0] = std::min(i, kFar);
    int row_min = cur[0];
    for (int j = lo; j <= hi; ++j) {
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = std::min(v, kFar);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return kFar;
    prev2 = prev;
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.size() > 200) return "";  // keep hostile input from costing quadratic time
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_d = limit + 1;
  std::string cl;  // one buffer for every candidate's lowercase form
  for (const std::string& c : candidates) {
    if (c == word) continue;
    // Lengths further apart than the limit cannot be within it: skip the
    // quadratic distance for most of Spark's 1,286 keys.
    size_t diff = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (diff > static_cast<size_t>(limit)) continue;
    cl.assign(c);
    for (char& ch : cl) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    // A case-only difference is the most likely typo of all.
    int d = cl == lower ? 0 : BoundedEditDistance(lower, cl, std::min(limit, best_d - 1));
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
