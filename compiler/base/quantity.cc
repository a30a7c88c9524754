#include "compiler/base/quantity.h"

#include <charconv>
#include <cmath>
#include <string>

#include "compiler/base/text.h"

namespace sparkmc {

namespace {

int ShiftOf(std::string_view unit) {
  if (unit == "b") return 0;
  if (unit == "k" || unit == "kb") return 10;
  if (unit == "m" || unit == "mb") return 20;
  if (unit == "g" || unit == "gb") return 30;
  if (unit == "t" || unit == "tb") return 40;
  if (unit == "p" || unit == "pb") return 50;
  return -1;
}

}  // namespace

std::optional<int64_t> ParseSparkBytes(std::string_view text, char default_unit) {
  std::string v = Lower(Trim(text));
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::string_view unit = std::string_view(v).substr(digits);
  int shift = unit.empty() ? ShiftOf(std::string_view(&default_unit, 1)) : ShiftOf(unit);
  if (shift < 0) return std::nullopt;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + digits, n);
  if (ec != std::errc() || end != v.data() + digits) return std::nullopt;
  int64_t bytes = 0;
  if (__builtin_mul_overflow(n, int64_t{1} << shift, &bytes)) return std::nullopt;
  return bytes;
}

long long SizeInMiB(std::string_view text, char default_unit) {
  std::optional<int64_t> bytes = ParseSparkBytes(text, default_unit);
  return bytes ? static_cast<long long>(*bytes >> 20) : -1;
}

std::optional<double> ParseQuantity(std::string_view text) {
  // Split the number from the suffix; the number is [+-]?digits[.digits].
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t start_digits = i;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
  if (i == start_digits) return std::nullopt;
  std::string_view number = text.substr(0, i);
  std::string_view suffix = text.substr(i);
  if (number.find('.') != number.rfind('.')) return std::nullopt;
  double value = 0;
  std::string n(number[0] == '+' ? number.substr(1) : number);
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), value);
  if (ec != std::errc() || end != n.data() + n.size()) return std::nullopt;
  double scale = 1;
  static const std::pair<std::string_view, double> kSuffixes[] = {
      {"", 1},       {"n", 1e-9},   {"u", 1e-6},           {"m", 1e-3},           {"k", 1e3},
      {"M", 1e6},    {"G", 1e9},    {"T", 1e12},           {"P", 1e15},           {"E", 1e18},
      {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
      {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}};
  bool known = false;
  for (const auto& [name, factor] : kSuffixes) {
    if (suffix == name) {
      scale = factor;
      known = true;
      break;
    }
  }
  if (!known) {
    // Decimal exponent: e3, E-2.
    if (suffix.size() < 2 || (suffix[0] != 'e' && suffix[0] != 'E')) return std::nullopt;
    int exp = 0;
    std::string_view e = suffix.substr(1);
    if (!e.empty() && e[0] == '+') e.remove_prefix(1);
    auto [eend, eec] = std::from_chars(e.data(), e.data() + e.size(), exp);
    if (eec != std::errc() || eend != e.data() + e.size() || exp > 30 || exp < -30) return std::nullopt;
    scale = std::pow(10.0, exp);
  }
  double out = value * scale;
  if (!std::isfinite(out)) return std::nullopt;
  return out;
}

long long QuantityMiB(std::string_view text) {
  std::optional<double> q = ParseQuantity(text);
  if (!q || *q < 0) return -1;
  double mib = std::ceil(*q / 1048576.0);
  if (mib > 9007199254740992.0) return -1;
  return static_cast<long long>(mib);
}

}  // namespace sparkmc
