// YAML through yaml-cpp's event parser into the Node tree: positions for
// every node, duplicate keys refused, aliases budgeted, tags refused, and
// yaml-cpp's vaguer errors turned into ones that name the cause.
#include "compiler/load/yaml_parser.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_set>

#include "compiler/base/line_index.h"

namespace sparkmc {

namespace {

Location At(const SourceFile& src, int line, int col) { return Location{src.path, line, col}; }

/// Maps yaml-cpp's byte offsets (into the text it parsed, which lacks any
/// byte order mark) to 1-based line and character columns of the file.
class Positions {
 public:
  Positions(const std::string& text, size_t skipped) : index_(text), skipped_(skipped) {}
  std::pair<int, int> At(size_t parsed_offset) const {
    LineIndex::Pos p = index_.At(parsed_offset + skipped_);
    int col = p.column;
    if (p.line == 1 && skipped_ > 0) col -= 1;  // the byte order mark is not a column
    return {p.line, std::max(col, 1)};
  }

 private:
  LineIndex index_;
  size_t skipped_;
};

constexpr int kMaxDepth = 500;

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& src, std::string_view text, const LoadLimits& limits, const Positions& pos)
      : src_(src), text_(text), limits_(limits), pos_(pos) {}

  std::vector<Node> TakeDocuments() { return std::move(docs_); }

  void OnDocumentStart(const YAML::Mark&) override { anchors_.clear(); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n = Make(mark, Node::Kind::kNull);
    Finish(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw InputError(Where(mark), "unknown alias");
    Count(mark, it->second.nodes);
    bytes_ += it->second.bytes;
    CheckBytes(mark);
    Node copy = it->second.node;
    Location l = Where(mark);
    copy.line = l.line;  // an alias is reported where it is used
    copy.column = l.column;
    Finish(std::move(copy), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckTag(mark, tag, "tag:yaml.org,2002:str");
    Node n = Make(mark, Node::Kind::kScalar);
    n.value = DecodeLatin1Escapes(value);
    n.plain = tag == "?";
    if (!n.plain) CheckClosingQuote(mark);
    bytes_ += n.value.size();
    CheckBytes(mark);
    Finish(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckTag(mark, tag, "tag:yaml.org,2002:seq");
    CheckDepth(mark);
    stack_.push_back(Frame{Make(mark, Node::Kind::kSequence), anchor, nodes_, bytes_, {}, {}, false});
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckTag(mark, tag, "tag:yaml.org,2002:map");
    CheckDepth(mark);
    stack_.push_back(Frame{Make(mark, Node::Kind::kMap), anchor, nodes_, bytes_, {}, {}, false});
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor;
    size_t nodes_at_start;
    size_t bytes_at_start;
    Node key;
    std::unordered_set<std::string> keys;
    bool have_key;
  };

  Location Where(const YAML::Mark& mark) const {
    auto [line, col] = pos_.At(static_cast<size_t>(std::max(mark.pos, 0)));
    return At(src_, line, col);
  }

  void CheckDepth(const YAML::Mark& mark) {
    if (stack_.size() >= static_cast<size_t>(kMaxDepth)) {
      throw InputError(Where(mark), fmt::format("nesting deeper than {} levels", kMaxDepth));
    }
  }

  Node Make(const YAML::Mark& mark, Node::Kind kind) {
    Count(mark, 1);
    Node n;
    n.kind = kind;
    Location l = Where(mark);
    n.line = l.line;
    n.column = l.column;
    return n;
  }

  /// An explicit tag changes what a value means (!!binary decodes base64,
  /// !!int "7" is a number) in ways the AWS CLI and kubectl do not share, or
  /// names a type nobody defined (!foo): refuse all but the default ones.
  void CheckTag(const YAML::Mark& mark, const std::string& tag, const char* plain_default) {
    if (tag.empty() || tag == "?" || tag == "!" || tag == plain_default) return;
    std::string shown = tag.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + tag.substr(18) : tag;
    if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
    throw InputError(Where(mark), fmt::format("explicit YAML tag '{}' is not supported: write the value without it", shown));
  }

  /// yaml-cpp turns the escapes \N and \_ into the single bytes 0x85 and
  /// 0xA0, which are not UTF-8 (the file itself was checked to be): decode
  /// them as the code points U+0085 and U+00A0 they stand for.
  static std::string DecodeLatin1Escapes(const std::string& v) {
    bool clean = true;
    for (unsigned char c : v) clean &= c < 0x80;
    if (clean) return v;
    std::string out;
    for (size_t i = 0; i < v.size();) {
      unsigned char c = static_cast<unsigned char>(v[i]);
      int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool ok = len > 0 && i + len <= v.size();
      for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(v[i + k]) & 0xC0) == 0x80;
      if (ok) {
        out.append(v, i, static_cast<size_t>(len));
        i += static_cast<size_t>(len);
      } else {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
        ++i;
      }
    }
    return out;
  }

  /// yaml-cpp accepts a quoted scalar the file never closes ("4g and then the
  /// end of the file) as if it were closed: look for the closing quote.
  void CheckClosingQuote(const YAML::Mark& mark) {
    size_t at = static_cast<size_t>(std::max(mark.pos, 0));
    if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) return;
    char q = text_[at];
    for (size_t i = at + 1; i < text_.size(); ++i) {
      if (q == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
          continue;
        }
        return;
      }
    }
    throw InputError(Where(mark), "unterminated quoted string: the closing quote is missing");
  }

  void CheckBytes(const YAML::Mark& mark) {
    if (bytes_ > limits_.max_bytes(text_.size())) {
      throw InputError(Where(mark), fmt::format("document expands to more than {} bytes of text (alias bomb?)",
                                                limits_.max_bytes(text_.size())));
    }
  }

  void Count(const YAML::Mark& mark, size_t n) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes) {
      throw InputError(Where(mark),
                       fmt::format("document expands to more than {} nodes (alias bomb?)",
                                   limits_.max_nodes));
    }
  }

  void Close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    size_t size = nodes_ - f.nodes_at_start;
    if (f.anchor) anchors_[f.anchor] = Anchored{f.node, size, bytes_ - f.bytes_at_start};
    Attach(std::move(f.node));
  }

  void Finish(Node n, YAML::anchor_t anchor) {
    if (anchor) anchors_[anchor] = Anchored{n, 1, n.value.size()};
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
    if (n.IsNull() && n.line > top.key.line) {
      // `key:` with nothing after it: yaml-cpp marks the null at the next
      // token; the user wrote it at the key.
      n.line = top.key.line;
      n.column = top.key.column;
    }
    top.node.members.emplace_back(std::move(top.key), std::move(n));
    top.have_key = false;
  }

  const SourceFile& src_;
  std::string_view text_;  ///< What yaml-cpp parses (no byte order mark): its marks are offsets here.
  LoadLimits limits_;
  const Positions& pos_;
  std::vector<Frame> stack_;
  std::vector<Node> docs_;
  struct Anchored {
    Node node;
    size_t nodes;
    size_t bytes;
  };
  std::map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
  size_t bytes_ = 0;  ///< Scalar bytes, aliases expanded: bounds width bombs.
};


/// Refuses flow collections ([ and {) nested deeper than kMaxDepth before
/// either parser recurses into them.
void CheckFlowDepth(const SourceFile& source, std::string_view text, const Positions& pos) {
  int depth = 0;
  char quote = 0;
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || (c == '\'' && depth > 0)) quote = c;
    else if (c == '#' && (line_start || (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')))) {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        auto [l, col] = pos.At(i);
        throw InputError(At(source, l, col), fmt::format("nesting deeper than {} levels", kMaxDepth));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    line_start = c == '\n';
  }
}

/// The innermost '[' or '{' never closed before \a text ends, or npos.
size_t UnclosedBracket(std::string_view text) {
  std::vector<size_t> open;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      open.push_back(i);
    } else if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    }
  }
  return open.empty() ? std::string_view::npos : open.back();
}

}  // namespace

std::vector<Node> ParseYaml(const SourceFile& source, std::string_view text, size_t skipped, const LoadLimits& limits) {
  Positions pos(source.text, skipped);
  CheckFlowDepth(source, text, pos);
  std::istringstream in{std::string(text)};
  TreeBuilder builder(source, text, limits, pos);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::ParserException& e) {
    std::string msg = e.msg;
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    auto [line, col] = pos.At(static_cast<size_t>(std::max(e.mark.pos, 0)));
    if (e.mark.pos < 0) {
      line = e.mark.line + 1;
      col = e.mark.column + 1;
    }
    // yaml-cpp reports a tab in indentation as whatever it tripped over next;
    // name the real cause.
    for (int l = line; l >= line - 1 && l >= 1; --l) {
      std::string text_line = source.Line(l);
      size_t first = text_line.find_first_not_of(" \t");
      if (text_line.substr(0, first).find('\t') != std::string::npos) {
        throw InputError(At(source, l, static_cast<int>(text_line.find('\t')) + 1),
                         "tab character in indentation: YAML indents with spaces only");
      }
    }
    if (msg.find("flow not found") != std::string::npos) {
      // Point at the bracket that was never closed, not at where the parser noticed.
      size_t open = UnclosedBracket(text);
      if (open != std::string_view::npos) {
        auto [ol, oc] = pos.At(open);
        throw InputError(At(source, ol, oc), std::string("syntax error: this '") + text[open] + "' is never closed");
      }
    }
    // yaml-cpp's scanner gives up on very deep block nesting with "bad file".
    if (msg == "bad file") msg = "nesting too deep to parse";
    throw InputError(At(source, line, col), "syntax error: " + msg);
  } catch (const YAML::Exception& e) {
    throw InputError(At(source, e.mark.line + 1, e.mark.column + 1), "syntax error: " + e.msg);
  }
  return builder.TakeDocuments();
}

}  // namespace sparkmc
