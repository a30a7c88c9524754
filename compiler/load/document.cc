#include "compiler/load/document.h"

#include <fmt/format.h>

#include <atomic>

#include "compiler/load/json_parser.h"
#include "compiler/load/yaml_parser.h"

namespace sparkmc {

const Node* Node::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : members) {
    if (k.IsScalar() && k.value == key) return &v;
  }
  return nullptr;
}

const Node* Node::FindKey(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : members) {
    if (k.IsScalar() && k.value == key) return &k;
  }
  return nullptr;
}

Node Node::ScalarAt(std::string value, const Node& at) {
  Node n;
  n.kind = Kind::kScalar;
  n.value = std::move(value);
  n.line = at.line;
  n.column = at.column;
  n.source = at.source;
  return n;
}

std::string Node::TypeName() const {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kSequence: return "list";
    case Kind::kMap: return "object";
    case Kind::kScalar: break;
  }
  if (!plain) return "string";
  if (value == "true" || value == "false" || value == "True" || value == "False" ||
      value == "TRUE" || value == "FALSE") {
    return "boolean";
  }
  bool numeric = !value.empty();
  bool digit = false;
  for (char c : value) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') numeric = false;
  }
  return numeric && digit ? "number" : "string";
}

namespace {

Location At(const SourceFile& src, int line, int col) { return Location{src.path, line, col}; }

/// Line and column (1-based) of byte \a offset in \a text.
std::pair<int, int> Position(const std::string& text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; }
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return {line, col};
}

/// Refuses bytes no YAML or JSON file may hold, before the parser sees them.
void CheckBytes(const SourceFile& src) {
  const std::string& t = src.text;
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == 0) {
      auto [l, col] = Position(t, i);
      throw InputError(At(src, l, col), "NUL byte in file: job files are text");
    }
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else extra = -1;
    bool ok = extra > 0;
    for (int k = 1; ok && k <= extra; ++k) {
      if (i + k >= t.size()) { ok = false; break; }
      unsigned char cc = static_cast<unsigned char>(t[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      // Overlong forms and surrogates are invalid too.
      if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
          (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ok = false;
      }
    }
    if (!ok) {
      auto [l, col] = Position(t, i);
      throw InputError(At(src, l, col), "invalid UTF-8 byte sequence: job files must be UTF-8");
    }
    i += static_cast<size_t>(extra) + 1;
  }
}

}  // namespace

namespace {
std::atomic<ParseHook> parse_hook{nullptr};
}  // namespace

void SetParseHook(ParseHook hook) { parse_hook.store(hook); }

std::vector<Node> ParseDocuments(const SourceFile& source, const LoadLimits& limits) {
  if (ParseHook hook = parse_hook.load(std::memory_order_relaxed)) hook(source);
  CheckBytes(source);
  std::string_view text = source.text;
  size_t skipped = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 byte order mark
    text.remove_prefix(3);
    skipped = 3;
  }
  // A file whose first character is '{' or '[' is JSON: read it with a JSON
  // parser (the AWS CLI's strictness, keys of any length, CR-only line ends).
  size_t first = text.find_first_not_of(" \t\r\n");
  if (limits.strict_json && first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    return ParseJson(source, limits);
  }
  return ParseYaml(source, text, skipped, limits);
}

}  // namespace sparkmc
