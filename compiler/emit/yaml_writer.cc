#include "compiler/emit/yaml_writer.h"

#include <cctype>
#include <cstdio>

#include "compiler/base/text.h"
#include "compiler/base/utf8.h"

namespace sparkmc {

namespace {

/// Words and numbers a YAML 1.1 or 1.2 reader would take for something else.
bool ReadsAsOtherType(const std::string& s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", ".inf", "-.inf", ".nan"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  if (IsFloatText(s) || IsIntegerText(s)) return true;
  if (lower.rfind("0x", 0) == 0 || lower.rfind("0o", 0) == 0) return true;
  if (s[0] >= '0' && s[0] <= '9' && s.find_first_not_of("0123456789_.:") == std::string::npos) return true;  // 1_000, 1:20 (sexagesimal)
  return false;
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
  // Words and numbers a YAML 1.1 or 1.2 reader would take for something else.
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", ".inf", ".nan"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  if (IsFloatText(s) || IsIntegerText(s)) return true;
  if (lower.rfind("0x", 0) == 0 || lower.rfind("0o", 0) == 0) return true;
  // 1_000 is an integer in YAML 1.1.
  if (s[0] >= '0' && s[0] <= '9' && s.find_first_not_of("0123456789_.") == std::string::npos) return true;
  return false;
}

/// YAML double-quoted, escaping what YAML does not allow printed: C0 and
/// C1 controls, DEL, and the line separators U+0085, U+2028, U+2029 (which
/// a YAML reader folds or refuses: kubectl kustomize does).
std::string DoubleQuoted(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    long cp = DecodeUtf8(s, &i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case 0x85: out += "\\N"; break;
      case 0x2028: out += "\\L"; break;
      case 0x2029: out += "\\P"; break;
      default: {
        char buf[12];
        if (cp < 0) {
          // Not UTF-8: the inputs are checked, so this is sparkmc's own bug;
          // keep the output valid YAML anyway.
          std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[start]));
          out += buf;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFEFF) {
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
/// the first line does not start with a blank, and there are no control
/// characters (the same test kubectl applies).
bool LiteralOk(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (s[0] == ' ' || s[0] == '\n') return false;
  if (!UnsafeTextChar(std::string_view(s)).empty() && UnsafeTextChar(std::string_view(s)) != "a line break") return false;
  if (s.find('\r') != std::string::npos) return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    std::string line = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) return false;
    for (unsigned char c : line) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

void WriteScalarOrBlock(const std::string& s, int indent, std::string* out) {
  if (LiteralOk(s)) {
    size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    *out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    *out += '\n';
    std::string pad(static_cast<size_t>(indent), ' ');
    size_t start = 0;
    std::string body = trailing == 0 ? s : s.substr(0, s.size() - 1);
    while (start <= body.size()) {
      size_t end = body.find('\n', start);
      std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
      *out += line.empty() ? "" : pad + line;
      *out += '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return;
  }
  *out += NeedsQuotes(s) ? DoubleQuoted(s) : s;
  *out += '\n';
}

void Write(const nlohmann::ordered_json& v, int indent, std::string* out);

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
      *out += pad + key + ':';
      WriteValueAfterKey(it.value(), indent, out);
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
  Write(doc, 0, &out);
  return out;
}

}  // namespace sparkmc
