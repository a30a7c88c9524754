#include "compiler/model/names.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sparkmc {

std::string Base36(const std::string& text) {
  // Repeated division of the big-endian byte string by 36.
  std::vector<unsigned> num(text.begin(), text.end());
  for (unsigned& d : num) d &= 0xFF;
  std::string out;
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  while (!num.empty()) {
    std::vector<unsigned> quotient;
    unsigned rem = 0;
    for (unsigned d : num) {
      unsigned cur = rem * 256 + d;
      unsigned q = cur / 36;
      rem = cur % 36;
      if (!quotient.empty() || q != 0) quotient.push_back(q);
    }
    out += kDigits[rem];
    num = std::move(quotient);
  }
  if (out.empty()) out = "0";
  std::reverse(out.begin(), out.end());
  return out;
}

std::string DerivedJobId(const std::string& content) {
  // Two FNV-1a 64-bit hashes with different offsets give 128 bits; 19 base36
  // digits hold 98 of them, plenty to keep jobs in one repository apart.
  uint64_t h1 = 1469598103934665603ULL, h2 = 0x9E3779B97F4A7C15ULL;
  for (unsigned char c : content) {
    h1 = (h1 ^ c) * 1099511628211ULL;
    h2 = (h2 ^ c) * 1099511628211ULL;
  }
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (int i = 0; i < 19; ++i) {
    uint64_t& h = i % 2 == 0 ? h1 : h2;
    out += kDigits[h % 36];
    h /= 36;
    if (h == 0) h = 0x2545F4914F6CDD1DULL;
  }
  return out;
}

std::string CheckDns1123Label(const std::string& name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 63) return "must be at most 63 characters";
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return "must consist of lowercase letters, digits and '-' (a DNS-1123 label)";
    }
  }
  if (name.front() == '-' || name.back() == '-') return "must start and end with a letter or digit";
  return "";
}

}  // namespace sparkmc
