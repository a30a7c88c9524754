#include "compiler/emit/yaml_writer.h"

#include <cctype>
#include <cstdio>
#include <string_view>

#include "compiler/base/text.h"
#include "compiler/base/utf8.h"

namespace sparkmc {

namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

/// 2001-12-14 or 2001-1-2, alone or followed by a time: a timestamp to
/// YAML 1.1 readers (go-yaml v2, which kubectl uses, turns it into a time).
bool ReadsAsTimestamp(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && i < 4 && Digit(s[i])) ++i;
  if (i != 4 || i >= s.size() || s[i] != '-') return false;
  for (int part = 0; part < 2; ++part) {
    size_t start = ++i;
    while (i < s.size() && Digit(s[i])) ++i;
    if (i == start || i - start > 2) return false;
    if (part == 0 && (i >= s.size() || s[i] != '-')) return false;
  }
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

/// Words and numbers a YAML 1.1 or 1.2 reader would take for something else:
/// the 1.2 core schema's, PyYAML's 1.1 resolvers (0b1, 012, 1_000, 1:20,
/// ._5, 1.5e+3, <<, =) and go-yaml v2's (y, n, dates). Over-quoting is
/// harmless; a string read back as a number or a time is not.
bool ReadsAsOtherType(const std::string& s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "<<", "="};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  if (IsFloatText(s) || IsIntegerText(s)) return true;
  if (ReadsAsTimestamp(s)) return true;
  // The rest may carry a sign.
  std::string t = lower;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.erase(0, 1);
  if (t == ".inf" || t == ".nan") return true;
  if (t.rfind("0x", 0) == 0 || t.rfind("0o", 0) == 0 || t.rfind("0b", 0) == 0) return true;
  if (t.empty() || !(Digit(t[0]) || t[0] == '.')) return false;
  // Digits with '_', '.' and ':' (1_000, 1:20, 1.2.3, ._5), optionally with
  // an exponent (1_0.5e+3): quoted when there is a digit or '_' at all.
  size_t e = t.find('e');
  std::string mantissa = t.substr(0, e);
  if (mantissa.find_first_not_of("0123456789_.:") != std::string::npos) return false;
  if (mantissa.find_first_of("0123456789_") == std::string::npos) return false;
  if (e == std::string::npos) return true;
  std::string exponent = t.substr(e + 1);
  if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.erase(0, 1);
  return !exponent.empty() && exponent.find_first_not_of("0123456789") == std::string::npos;
}

bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  // Plain only for [A-Za-z0-9_./][A-Za-z0-9_./-]*: nothing YAML treats specially.
  auto safe = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/';
  };
  if (!safe(s[0])) return true;
  for (char c : s) {
    if (!safe(c) && c != '-') return true;
  }
  return ReadsAsOtherType(s);
}

/// YAML double-quoted, escaping what YAML does not allow printed: C0 and
/// C1 controls, DEL, the line separators U+0085, U+2028, U+2029 (which a
/// YAML reader folds or refuses: kubectl kustomize does), the byte order
/// mark and the non-characters U+FFFE and U+FFFF. U+0085 is written \x85,
/// not \N: yaml-cpp reads \N as the lone byte 0x85, which is not UTF-8.
std::string DoubleQuoted(const std::string& s) {
  std::string out = "\"";
  out.reserve(s.size() + s.size() / 8 + 2);
  for (size_t i = 0; i < s.size();) {
    // A run of printable ASCII with nothing to escape goes in whole (EMR's
    // pod templates are written this way: a few KB a job).
    size_t run = i;
    while (run < s.size() && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\') ++run;
    if (run > i) {
      out.append(s, i, run - i);
      i = run;
      continue;
    }
    size_t start = i;
    long cp = DecodeUtf8(s, &i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case 0x2028: out += "\\L"; break;
      case 0x2029: out += "\\P"; break;
      default: {
        char buf[12];
        if (cp < 0) {
          // Not UTF-8: the inputs are checked, so this is sparkmc's own bug;
          // keep the output valid YAML anyway.
          std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[start]));
          out += buf;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFEFF || cp == 0xFFFE ||
                   cp == 0xFFFF) {
          std::snprintf(buf, sizeof buf, cp > 0xFF ? "\\u%04lX" : "\\x%02lX", cp);
          out += buf;
        } else {
          out.append(s, start, i - start);
        }
      }
    }
  }
  return out + "\"";
}

/// A literal block keeps the text exactly when no line has trailing blanks,
/// the first line does not start with a blank or a line break, and every
/// character is printable in YAML (no control characters but tab, no CR, no
/// U+0085/U+2028/U+2029, which YAML 1.1 readers take for line breaks, no
/// byte order mark or non-character): the same test kubectl applies, and
/// what YAML allows in block content.
bool LiteralOk(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (s[0] == ' ' || s[0] == '\n') return false;
  char last = 0;
  for (size_t i = 0; i < s.size();) {
    if ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\t') {  // printable ASCII: no decoding needed
      last = s[i++];
      continue;
    }
    long cp = DecodeUtf8(s, &i);
    if (cp == '\n') {
      if (last == ' ' || last == '\t') return false;  // a trailing blank
      last = 0;
      continue;
    }
    if (cp < 0 || (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
      return false;
    }
    last = cp < 0x80 ? static_cast<char>(cp) : 'x';
  }
  return last != ' ' && last != '\t';
}

void WriteScalarOrBlock(const std::string& s, int indent, std::string* out) {
  if (LiteralOk(s)) {
    size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    *out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    *out += '\n';
    std::string_view body(s);
    if (trailing > 0) body.remove_suffix(1);
    size_t start = 0;
    while (start <= body.size()) {
      size_t end = body.find('\n', start);
      std::string_view line = body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (!line.empty()) {
        out->append(static_cast<size_t>(indent), ' ');
        out->append(line);
      }
      *out += '\n';
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return;
  }
  *out += NeedsQuotes(s) ? DoubleQuoted(s) : s;
  *out += '\n';
}

void Write(const nlohmann::ordered_json& v, int indent, std::string* out);

/// Bytes of a written key from which it is written as an explicit key (YAML
/// allows 1024 characters in an implicit one; yaml-cpp counts bytes).
constexpr size_t kMaxImplicitKey = 1000;

void WriteValueAfterKey(const nlohmann::ordered_json& v, int indent, std::string* out) {
  if (v.is_object() && !v.empty()) {
    *out += '\n';
    Write(v, indent + 2, out);
  } else if (v.is_array() && !v.empty()) {
    *out += '\n';
    Write(v, indent, out);
  } else if (v.is_object()) {
    *out += " {}\n";
  } else if (v.is_array()) {
    *out += " []\n";
  } else if (v.is_string()) {
    *out += ' ';
    WriteScalarOrBlock(v.get<std::string>(), indent + 2, out);
  } else {
    *out += ' ' + v.dump() + '\n';
  }
}

void Write(const nlohmann::ordered_json& v, int indent, std::string* out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string key = NeedsQuotes(it.key()) ? DoubleQuoted(it.key()) : it.key();
      if (key.size() < kMaxImplicitKey) {
        *out += pad + key + ':';
        WriteValueAfterKey(it.value(), indent, out);
      } else if (it.value().is_array() && !it.value().empty()) {
        // YAML limits an implicit key to 1024 characters: a longer one is
        // written explicitly ("? key" then ": value"), its list indented.
        *out += pad + "? " + key + '\n' + pad + ":\n";
        Write(it.value(), indent + 2, out);
      } else {
        *out += pad + "? " + key + '\n' + pad + ':';
        WriteValueAfterKey(it.value(), indent, out);
      }
    }
  } else if (v.is_array()) {
    for (const auto& item : v) {
      *out += pad + "-";
      if (item.is_object() && !item.empty()) {
        // First member on the dash line, the rest aligned under it.
        std::string nested;
        Write(item, indent + 2, &nested);
        *out += ' ' + nested.substr(static_cast<size_t>(indent + 2));
      } else if (item.is_array() && !item.empty()) {
        // A list inside a list is indented under its dash; at the same
        // indent its items would read as the outer list's.
        *out += '\n';
        Write(item, indent + 2, out);
      } else {
        WriteValueAfterKey(item, indent, out);
      }
    }
  }
}

}  // namespace

/// Plain is fine for text that starts with no indicator, holds no ": " or
/// " #" (which would end it), has no blanks at its ends, no control or line
/// characters, and does not read as another type (the words and numbers
/// NeedsQuotes knows). Image references (repo/name:tag@sha256:...) stay plain.
bool PlainScalarOk(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (std::string("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos) return false;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.find('\t') != std::string::npos) return false;
  if (!UnsafeTextChar(s).empty()) return false;
  // The byte order mark and the non-characters are not printable in YAML.
  if (s.find("\xEF\xBB\xBF") != std::string::npos || s.find("\xEF\xBF\xBE") != std::string::npos ||
      s.find("\xEF\xBF\xBF") != std::string::npos) {
    return false;
  }
  for (char c : s) {
    if (c == ' ') return false;  // keep it to one word: nothing to fold
  }
  return !ReadsAsOtherType(s);
}

std::string YamlScalar(const std::string& s) { return PlainScalarOk(s) ? s : DoubleQuoted(s); }

std::string YamlQuotedBody(const std::string& s) {
  std::string q = DoubleQuoted(s);
  return q.substr(1, q.size() - 2);
}

bool YamlPlainSafe(const std::string& s) {
  if (s.empty() || s[0] == '-') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '/' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string ToYaml(const nlohmann::ordered_json& doc) {
  std::string out;
  if ((doc.is_object() || doc.is_array()) && !doc.empty()) {
    Write(doc, 0, &out);
  } else if (doc.is_object()) {
    out = "{}\n";
  } else if (doc.is_array()) {
    out = "[]\n";
  } else if (doc.is_string()) {
    // A scalar document: quoted when it would read as a document marker too.
    const std::string& s = doc.get_ref<const std::string&>();
    out = (NeedsQuotes(s) || s.rfind("...", 0) == 0 ? DoubleQuoted(s) : s) + '\n';
  } else {
    out = doc.dump() + '\n';
  }
  return out;
}

}  // namespace sparkmc
