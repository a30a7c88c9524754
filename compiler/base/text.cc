#include "compiler/base/text.h"

#include <algorithm>
#include <cctype>

namespace sparkmc {

namespace {
bool Digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool IsIntegerText(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!Digit(s[i])) return false;
  }
  return true;
}

bool IsFloatText(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && Digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && Digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && Digit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

bool SplitNumberUnit(std::string_view s, std::string* digits, std::string* unit, bool* fraction) {
  size_t i = 0;
  digits->clear();
  unit->clear();
  *fraction = false;
  if (i < s.size() && s[i] == '-') *digits += s[i++];
  size_t start = i;
  while (i < s.size() && Digit(s[i])) *digits += s[i++];
  if (i < s.size() && s[i] == '.') {
    *fraction = true;
    ++i;
    while (i < s.size() && Digit(s[i])) ++i;
  }
  if (i == start && !*fraction) return false;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') *unit += s[i++];
  return i == s.size();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // The classic two-pointer match: on a mismatch, retry from the last '*'
  // one character further on.
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> DataLines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return cols;
    start = tab + 1;
  }
}

size_t FindLineBreak(std::string_view text, size_t pos) {
  // Not text.find_first_of("\r\n", pos): libstdc++ calls memchr on the set
  // for every byte of the text, ten times the cost of this loop.
  auto it = std::find_if(text.begin() + std::min(pos, text.size()), text.end(),
                         [](char c) { return c == '\r' || c == '\n'; });
  return it == text.end() ? std::string_view::npos : static_cast<size_t>(it - text.begin());
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    out.push_back(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

}  // namespace sparkmc
