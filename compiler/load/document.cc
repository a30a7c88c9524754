#include "compiler/load/document.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <unordered_set>

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

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& src, const LoadLimits& limits) : src_(src), limits_(limits) {}

  std::vector<Node> TakeDocuments() { return std::move(docs_); }

  void OnDocumentStart(const YAML::Mark&) override { anchors_.clear(); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n = Make(mark, Node::Kind::kNull);
    Finish(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw InputError(At(src_, mark.line + 1, mark.column + 1), "unknown alias");
    Count(mark, it->second.second);
    Node copy = it->second.first;
    Finish(std::move(copy), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n = Make(mark, Node::Kind::kScalar);
    n.value = value;
    n.plain = tag == "?";
    Finish(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    stack_.push_back(Frame{Make(mark, Node::Kind::kSequence), anchor, nodes_, {}, {}, false});
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    stack_.push_back(Frame{Make(mark, Node::Kind::kMap), anchor, nodes_, {}, {}, false});
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor;
    size_t nodes_at_start;
    Node key;
    std::unordered_set<std::string> keys;
    bool have_key;
  };

  Node Make(const YAML::Mark& mark, Node::Kind kind) {
    Count(mark, 1);
    Node n;
    n.kind = kind;
    n.line = mark.line + 1;
    n.column = mark.column + 1;
    return n;
  }

  void Count(const YAML::Mark& mark, size_t n) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes) {
      throw InputError(At(src_, mark.line + 1, mark.column + 1),
                       fmt::format("document expands to more than {} nodes (alias bomb?)",
                                   limits_.max_nodes));
    }
  }

  void Close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    size_t size = nodes_ - f.nodes_at_start;
    if (f.anchor) anchors_[f.anchor] = {f.node, size};
    Attach(std::move(f.node));
  }

  void Finish(Node n, YAML::anchor_t anchor) {
    if (anchor) anchors_[anchor] = {n, 1};
    Attach(std::move(n));
  }

  void Attach(Node n) {
    if (stack_.empty()) {
      docs_.push_back(std::move(n));
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == Node::Kind::kSequence) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key) {
      if (n.kind == Node::Kind::kMap || n.kind == Node::Kind::kSequence) {
        throw InputError(At(src_, n.line, n.column), "a mapping key must be a scalar");
      }
      if (!top.keys.insert(n.value).second) {
        throw InputError(At(src_, n.line, n.column),
                         fmt::format("duplicate key \"{}\"", n.value));
      }
      top.key = std::move(n);
      top.have_key = true;
      return;
    }
    top.node.members.emplace_back(std::move(top.key), std::move(n));
    top.have_key = false;
  }

  const SourceFile& src_;
  LoadLimits limits_;
  std::vector<Frame> stack_;
  std::vector<Node> docs_;
  std::map<YAML::anchor_t, std::pair<Node, size_t>> anchors_;
  size_t nodes_ = 0;
};

}  // namespace

std::vector<Node> ParseDocuments(const SourceFile& source, const LoadLimits& limits) {
  CheckBytes(source);
  std::string_view text = source.text;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  std::istringstream in{std::string(text)};
  TreeBuilder builder(source, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::ParserException& e) {
    std::string msg = e.msg;
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    // yaml-cpp reports a tab in indentation as whatever it tripped over next;
    // name the real cause.
    for (int l = e.mark.line + 1; l >= e.mark.line && l >= 1; --l) {
      std::string line = source.Line(l);
      size_t first = line.find_first_not_of(" \t");
      if (line.substr(0, first).find('\t') != std::string::npos) {
        throw InputError(At(source, l, static_cast<int>(line.find('\t')) + 1),
                         "tab character in indentation: YAML indents with spaces only");
      }
    }
    throw InputError(At(source, e.mark.line + 1, e.mark.column + 1), "syntax error: " + msg);
  } catch (const YAML::Exception& e) {
    throw InputError(At(source, e.mark.line + 1, e.mark.column + 1), "syntax error: " + e.msg);
  }
  return builder.TakeDocuments();
}

}  // namespace sparkmc
