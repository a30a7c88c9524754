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

// Appends \a cp as UTF-8.
void AppendUtf8(std::string* out, unsigned cp) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

PropertyList ReadProperties(const std::string& text) {
  // First join logical lines: a line ending in an odd number of backslashes
  // continues on the next, whose leading blanks are dropped.
  std::vector<std::string> logical;
  size_t pos = 0;
  std::string cur;
  bool continuing = false;
  while (pos <= text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (end == std::string::npos) pos = text.size() + 1;
    else pos = (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? end + 2 : end + 1;
    size_t start = 0;
    while (start < line.size() && IsBlank(line[start])) ++start;
    line = line.substr(start);
    if (!continuing && (line.empty() || line[0] == '#' || line[0] == '!')) continue;
    size_t slashes = 0;
    for (size_t i = line.size(); i > 0 && line[i - 1] == '\\'; --i) ++slashes;
    if (slashes % 2 == 1) {
      cur += line.substr(0, line.size() - 1);
      continuing = true;
      continue;
    }
    cur += line;
    logical.push_back(cur);
    cur.clear();
    continuing = false;
  }
  if (continuing) logical.push_back(cur);

  PropertyList out;
  for (const std::string& l : logical) {
    std::string key, value;
    size_t i = 0;
    // Key: up to an unescaped '=', ':' or blank.
    while (i < l.size()) {
      char c = l[i];
      if (c == '\\' && i + 1 < l.size()) {
        key += l.substr(i, 2);
        i += 2;
        continue;
      }
      if (c == '=' || c == ':' || IsBlank(c)) break;
      key += c;
      ++i;
    }
    while (i < l.size() && IsBlank(l[i])) ++i;
    if (i < l.size() && (l[i] == '=' || l[i] == ':')) ++i;
    while (i < l.size() && IsBlank(l[i])) ++i;
    value = l.substr(i);
    auto unescape = [](const std::string& s) {
      std::string r;
      for (size_t j = 0; j < s.size(); ++j) {
        if (s[j] != '\\' || j + 1 >= s.size()) {
          if (s[j] != '\\') r += s[j];
          continue;
        }
        char n = s[++j];
        if (n == 't') r += '\t';
        else if (n == 'n') r += '\n';
        else if (n == 'r') r += '\r';
        else if (n == 'f') r += '\f';
        else if (n == 'u') {
          unsigned cp = 0;
          bool ok = true;
          for (int k = 1; ok && k <= 4; ++k) {
            if (j + k >= s.size()) { ok = false; break; }
            char h = s[j + k];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
            else ok = false;
          }
          if (!ok) throw std::invalid_argument("malformed \\uxxxx encoding");
          AppendUtf8(&r, cp);
          j += 4;
        } else {
          r += n;
        }
      }
      return r;
    };
    out.emplace_back(unescape(key), unescape(value));
  }
  return out;
}

}  // namespace sparkmc
