#include "compiler/base/utf8.h"

#include <fmt/format.h>

namespace sparkmc {

long DecodeUtf8(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0 || *i + static_cast<size_t>(extra) >= s.size()) {
    ++*i;
    return -1;
  }
  long cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const long kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return -1;
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (DecodeUtf8(s, &i) < 0) return false;
  }
  return true;
}

std::string EscapeInvalidUtf8(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    if (DecodeUtf8(s, &i) < 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[start]));
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

namespace {

/// The length of the leading run of printable ASCII in \a s: text every
/// check below passes unchanged (most messages, paths and values).
size_t PrintableAsciiPrefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 && static_cast<unsigned char>(s[i]) < 0x7F) ++i;
  return i;
}

}  // namespace

std::string TerminalSafe(std::string_view s) {
  size_t plain = PrintableAsciiPrefix(s);
  std::string out(s.substr(0, plain));
  for (size_t i = plain; i < s.size();) {
    size_t start = i;
    long cp = DecodeUtf8(s, &i);
    if (cp < 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[start]));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", cp);
    } else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      out += fmt::format("\\u{:04x}", cp);  // C1 controls, separators, bidirectional overrides
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string UnsafeTextChar(std::string_view s) {
  for (size_t i = PrintableAsciiPrefix(s); i < s.size();) {
    long cp = DecodeUtf8(s, &i);
    if (cp < 0) return "a byte that is not UTF-8";
    if (cp == '\n' || cp == '\r') return "a line break";
    if (cp == 0x85) return "a line break (U+0085)";
    if (cp == 0x2028 || cp == 0x2029) return "a line separator (U+2028/U+2029)";
    if ((cp < 0x20 && cp != '\t') || cp == 0x7F) return "a control character";
    if (cp >= 0x80 && cp <= 0x9F) return fmt::format("a control character (U+{:04X})", cp);
  }
  return "";
}

std::string PercentEncodePath(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace sparkmc
