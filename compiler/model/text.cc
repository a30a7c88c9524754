#include "compiler/model/text.h"

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

}  // namespace sparkmc
