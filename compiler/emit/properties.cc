#include "compiler/emit/properties.h"

#include <stdexcept>

#include "compiler/base/utf8.h"

namespace sparkmc {

std::string UnsafeConfigChar(const std::string& value) { return UnsafeTextChar(value); }

namespace {

std::string Escape(const std::string& s, bool is_key) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '/': out += "\\/"; break;
      case '\t': out += "\\t"; break;
      case ' ':
        out += (is_key || i == 0) ? "\\ " : " ";
        break;
      case '=':
      case ':':
        // In a key they end it; at the start of a value Properties.load
        // would take them as the separator.
        if (is_key || i == 0) out += '\\';
        out += c;
        break;
      case '#':
      case '!':
        if (is_key && i == 0) out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string WriteProperties(const PropertyList& props) {
  std::string out;
  for (const auto& [k, v] : props) {
    if (!UnsafeConfigChar(k).empty() || !UnsafeConfigChar(v).empty() || k.empty()) {
      throw std::invalid_argument("property cannot be written safely: " + k);
    }
    out += Escape(k, true);
    out += ' ';
    out += Escape(v, false);
    out += '\n';
  }
  return out;
}

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Appends the UTF-16 code unit or code point \a cp as UTF-8 (a lone
// surrogate as its three-byte form, which is not valid UTF-8: Java keeps it).
void AppendUtf8(std::string* out, unsigned cp) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// java.util.Properties.LineReader.readLine (JDK 9 and later): the next
/// logical line of \a text from \a *pos, or false at the end. Comment and
/// blank lines are skipped, a line ending in an odd number of backslashes
/// continues on the next (whose leading blanks are dropped), and a line break
/// is \n, \r or \r\n. Quirks kept: while the logical line is still empty
/// (after a lone "\" line) a '#' or '!' starts a comment and an empty line
/// ends nothing, and a line cut by the end of the text right after its
/// continuation backslash is a (possibly empty) line. JDK 8 differed only
/// there: it read '#' after a continuation as text.
bool ReadLogicalLine(const std::string& text, size_t* pos, std::string* line) {
  line->clear();
  bool skip_white = true, appended_line_begin = false, preceding_backslash = false, skip_lf = false;
  const size_t n = text.size();
  while (true) {
    if (*pos >= n) {
      if (line->empty()) return false;
      if (preceding_backslash) line->pop_back();
      return true;
    }
    char c = text[(*pos)++];
    if (skip_lf) {
      skip_lf = false;
      if (c == '\n') continue;
    }
    if (skip_white) {
      if (IsBlank(c)) continue;
      if (!appended_line_begin && (c == '\r' || c == '\n')) continue;
      skip_white = false;
      appended_line_begin = false;
    }
    if (line->empty() && (c == '#' || c == '!')) {
      // A comment, to the end of its line; at the end of the text, nothing.
      while (*pos < n && text[*pos] != '\r' && text[*pos] != '\n') ++*pos;
      if (*pos >= n) return false;
      ++*pos;
      skip_white = true;
      continue;
    }
    if (c != '\n' && c != '\r') {
      *line += c;
      preceding_backslash = c == '\\' ? !preceding_backslash : false;
      continue;
    }
    if (line->empty()) {
      skip_white = true;
      continue;
    }
    if (*pos >= n) {
      if (preceding_backslash) line->pop_back();
      return true;
    }
    if (!preceding_backslash) return true;
    line->pop_back();  // the backslash is not part of the line
    skip_white = true;
    appended_line_begin = true;
    preceding_backslash = false;
    if (c == '\r') skip_lf = true;
  }
}

/// Properties.loadConvert: backslash escapes (\t \n \r \f, \uXXXX, any
/// other character stands for itself). \uXXXX gives a UTF-16 code unit: a
/// surrogate pair becomes one code point.
std::string LoadConvert(const std::string& s) {
  std::string r;
  unsigned high = 0;  // a pending high surrogate
  auto flush_high = [&] {
    if (high) AppendUtf8(&r, high);
    high = 0;
  };
  for (size_t j = 0; j < s.size(); ++j) {
    if (s[j] != '\\' || j + 1 >= s.size()) {
      flush_high();
      r += s[j];
      continue;
    }
    char c = s[++j];
    if (c != 'u') {
      flush_high();
      r += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 'f' ? '\f' : c;
      continue;
    }
    if (s.size() - (j + 1) < 4) throw std::invalid_argument("malformed \\uxxxx encoding");
    unsigned unit = 0;
    for (int k = 1; k <= 4; ++k) {
      char h = s[j + static_cast<size_t>(k)];
      unit <<= 4;
      if (h >= '0' && h <= '9') unit |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') unit |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') unit |= static_cast<unsigned>(h - 'A' + 10);
      else throw std::invalid_argument("malformed \\uxxxx encoding");
    }
    j += 4;
    if (unit >= 0xDC00 && unit <= 0xDFFF && high) {
      AppendUtf8(&r, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
      high = 0;
    } else {
      flush_high();
      if (unit >= 0xD800 && unit <= 0xDBFF) high = unit;
      else AppendUtf8(&r, unit);
    }
  }
  flush_high();
  return r;
}

}  // namespace

PropertyList ReadProperties(const std::string& text) {
  // Properties.load0: the key runs to the first unescaped '=', ':' or blank;
  // blanks, then at most one '=' or ':' (if the key did not end at one),
  // then blanks separate it from the value.
  PropertyList out;
  size_t pos = 0;
  std::string l;
  while (ReadLogicalLine(text, &pos, &l)) {
    size_t key_len = 0, value_start = l.size();
    bool has_sep = false, preceding_backslash = false;
    while (key_len < l.size()) {
      char c = l[key_len];
      if ((c == '=' || c == ':') && !preceding_backslash) {
        value_start = key_len + 1;
        has_sep = true;
        break;
      }
      if (IsBlank(c) && !preceding_backslash) {
        value_start = key_len + 1;
        break;
      }
      preceding_backslash = c == '\\' ? !preceding_backslash : false;
      ++key_len;
    }
    while (value_start < l.size()) {
      char c = l[value_start];
      if (!IsBlank(c)) {
        if (!has_sep && (c == '=' || c == ':')) has_sep = true;
        else break;
      }
      ++value_start;
    }
    out.emplace_back(LoadConvert(l.substr(0, key_len)), LoadConvert(l.substr(value_start)));
  }
  return out;
}

}  // namespace sparkmc
