#include "compiler/load/json_parser.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace sparkmc {

namespace {

constexpr int kMaxDepth = 500;

// nlohmann::json, but with long double floats. nlohmann refuses a number
// that overflows its float type, and the AWS CLI (Python's json) accepts
// 1e999; we keep numbers as written and never use the value, so the wider
// type only moves nlohmann's refusal out to 1e4932.
using Json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, long double>;

/// A pointer into the text that counts the bytes nlohmann's lexer pulls
/// through it. SAX events carry no offsets; this count is how the handler
/// learns where the token behind an event ends.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, size_t* consumed) : p_(p), consumed_(consumed) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  size_t* consumed_;
};

/// Line and column of offsets visited in increasing order, by one forward
/// walk over the text. (A LineIndex lookup per node would rescan up to 2 KiB
/// of a minified file for each of its million nodes.) Counts exactly as
/// LineIndex does: breaks at "\n", "\r\n" and a lone "\r"; a column per
/// UTF-8 character.
class Cursor {
 public:
  struct Pos {
    int line;
    int column;
  };

  explicit Cursor(std::string_view text) : text_(text) {}

  Pos At(size_t to) {
    to = std::min(to, text_.size());
    if (to < offset_) *this = Cursor(text_);  // only error positions go back
    for (; offset_ < to; ++offset_) {
      unsigned char c = static_cast<unsigned char>(text_[offset_]);
      bool crlf = c == '\r' && offset_ + 1 < text_.size() && text_[offset_ + 1] == '\n';
      if (c == '\n' || (c == '\r' && !crlf)) {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;
      }
    }
    return Pos{line_, column_};
  }

 private:
  std::string_view text_;
  size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
};

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/// The opening quote of the string that runs up to \a end (exclusive): the
/// last quote before it that is not escaped, i.e. not preceded by an odd
/// number of backslashes. Linear in the string's length.
size_t OpeningQuote(std::string_view text, size_t end) {
  for (size_t i = end; i-- > 0;) {
    if (text[i] != '"') continue;
    size_t backslashes = 0;
    while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

/// nlohmann reports bad UTF-8 at the byte that broke the sequence; the
/// YAML loader reports the sequence's first byte, so step back to it.
size_t Utf8SequenceStart(std::string_view text, size_t bad) {
  for (size_t back = 1; back <= 3 && back <= bad; ++back) {
    unsigned char c = static_cast<unsigned char>(text[bad - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: keep looking
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return length > back ? bad - back : bad;
  }
  return bad;
}

/// nlohmann's message without its "[json.exception.parse_error.101] parse
/// error at line 1, column 5: " prefix (its lines count only "\n" and its
/// columns bytes), and with the "last read" token cut short: for an
/// unterminated string it is the rest of the file.
std::string Describe(const std::string& what) {
  std::string m = what;
  size_t syntax = m.find("syntax error");
  size_t bracket = m.find("] ");
  if (syntax != std::string::npos) m = m.substr(syntax);
  else if (bracket != std::string::npos) m = m.substr(bracket + 2);

  constexpr std::string_view kMarker = "; last read: '";
  constexpr size_t kMaxQuoted = 60;
  size_t from = m.find(kMarker);
  if (from == std::string::npos) return m;
  from += kMarker.size();
  size_t to = m.rfind("'; expected");
  if (to == std::string::npos || to < from) to = m.rfind('\'');
  if (to == std::string::npos || to < from || to - from <= kMaxQuoted) return m;
  size_t cut = from + kMaxQuoted;
  while (cut > from && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return m.substr(0, cut) + "..." + m.substr(to);
}

/// Builds the Node tree from nlohmann's SAX events. Each event's token ends
/// at (or, for numbers, one byte before) the bytes consumed so far; scanning
/// back from there over the token alone finds where it starts, so the
/// whole parse stays linear.
class Builder : public nlohmann::json_sax<Json> {
 public:
  Builder(const SourceFile& source, std::string_view text, const LoadLimits& limits,
          const size_t* consumed)
      : source_(source), text_(text), limits_(limits), consumed_(*consumed), cursor_(text) {}

  std::vector<Node> Take() { return std::move(root_); }

  bool null() override {
    Attach(Make(Node::Kind::kNull, consumed_ - 4));  // literals have no lookahead
    return true;
  }
  bool boolean(bool value) override {
    Node n = Make(Node::Kind::kScalar, consumed_ - (value ? 4 : 5));
    n.value = value ? "true" : "false";
    n.plain = true;
    Attach(std::move(n));
    return true;
  }
  bool number_integer(number_integer_t) override { return Number(); }
  bool number_unsigned(number_unsigned_t) override { return Number(); }
  bool number_float(number_float_t, const string_t&) override { return Number(); }
  bool string(string_t& value) override {
    Attach(Quoted(value));
    return true;
  }
  bool binary(binary_t&) override { return true; }  // not in JSON text

  bool start_object(std::size_t) override { return Open(Node::Kind::kMap); }
  bool key(string_t& value) override {
    Node k = Quoted(value);
    Frame& top = stack_.back();
    if (Seen(top, k.value)) {
      throw InputError(Location{source_.path, k.line, k.column},
                       fmt::format("duplicate key \"{}\"", k.value));
    }
    top.key = std::move(k);
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(Node::Kind::kSequence); }
  bool end_array() override { return Close(); }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    SyntaxError(position, ex);
    return false;
  }

 private:
  struct Frame {
    Node node;
    Node key;  ///< In a map: the key whose value comes next.
    std::unordered_set<std::string> keys;  ///< Filled only for big maps; see Seen().
  };

  Location Where(size_t offset) {
    Cursor::Pos at = cursor_.At(offset);
    return Location{source_.path, at.line, at.column};
  }

  /// Whether \a key is already a member of the map. Most maps are small, and
  /// scanning their members is cheaper than a hash set (an allocation per
  /// key); a big map gets the set so that it stays linear.
  static bool Seen(Frame& map, const std::string& key) {
    constexpr size_t kScanUpTo = 16;
    const auto& members = map.node.members;
    if (members.size() < kScanUpTo) {
      for (const auto& member : members) {
        if (member.first.value == key) return true;
      }
      return false;
    }
    if (map.keys.empty()) {
      for (const auto& member : members) map.keys.insert(member.first.value);
    }
    return !map.keys.insert(key).second;
  }

  Node Make(Node::Kind kind, size_t offset) {
    Cursor::Pos at = cursor_.At(offset);
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(Location{source_.path, at.line, at.column},
                       fmt::format("document expands to more than {} nodes", limits_.max_nodes));
    }
    Node n;
    n.kind = kind;
    n.line = at.line;
    n.column = at.column;
    return n;
  }

  /// A string or key: its closing quote was the last byte consumed.
  Node Quoted(string_t& value) {
    Node n = Make(Node::Kind::kScalar, OpeningQuote(text_, consumed_ - 1));
    n.value = std::move(value);
    n.plain = false;
    return n;
  }

  bool Number() {
    // The lexer read one byte past the number to see it end (and put it
    // back), unless the number ends the input.
    size_t end = consumed_;
    if (end > 0 && !IsNumberChar(text_[end - 1])) --end;
    size_t start = end;
    while (start > 0 && IsNumberChar(text_[start - 1])) --start;
    Node n = Make(Node::Kind::kScalar, start);
    n.value = std::string(text_.substr(start, end - start));
    n.plain = true;
    Attach(std::move(n));
    return true;
  }

  bool Open(Node::Kind kind) {
    size_t bracket = consumed_ - 1;  // just consumed
    // nlohmann's parser keeps its own stack and would not overflow, but the
    // tree's consumers recurse, and the YAML loader has the same limit.
    if (stack_.size() >= static_cast<size_t>(kMaxDepth)) {
      throw InputError(Where(bracket),
                       fmt::format("nesting deeper than {} levels", kMaxDepth));
    }
    stack_.push_back(Frame{Make(kind, bracket), Node{}, {}});
    return true;
  }

  bool Close() {
    Node n = std::move(stack_.back().node);
    stack_.pop_back();
    Attach(std::move(n));
    return true;
  }

  void Attach(Node n) {
    if (stack_.empty()) {
      root_.push_back(std::move(n));
      return;
    }
    Frame& top = stack_.back();
    if (top.node.IsSequence()) {
      top.node.items.push_back(std::move(n));
    } else {
      top.node.members.emplace_back(std::move(top.key), std::move(n));
    }
  }

  /// Throws the error for nlohmann's parse error, at the positions and with
  /// the messages the YAML loader's strict JSON check has always given.
  [[noreturn]] void SyntaxError(size_t position, const nlohmann::detail::exception& ex) {
    std::string_view t = text_;
    // nlohmann's position is just past the last byte it read (or past the
    // end, at end of input).
    size_t off = std::min(position > 0 ? position - 1 : 0, t.empty() ? 0 : t.size() - 1);
    const std::string what = ex.what();
    // Match only nlohmann's own words, not the file text it quotes after them.
    const std::string head = what.substr(0, what.find("; last read: "));
    auto has = [&](const char* s) { return head.find(s) != std::string::npos; };
    if (has("ill-formed UTF-8")) {
      throw InputError(Where(Utf8SequenceStart(t, off)),
                       "invalid UTF-8 byte sequence: job files must be UTF-8");
    }
    if (ex.id == 406) {  // number overflow: point at the number, not its last digit
      while (off > 0 && IsNumberChar(t[off - 1])) --off;
    } else if (has("unexpected '}'") || has("unexpected ']'")) {
      size_t prev = off == 0 ? std::string_view::npos : t.find_last_not_of(" \t\r\n", off - 1);
      if (prev != std::string_view::npos && t[prev] == ',') {
        throw InputError(Where(prev),
                         std::string("invalid JSON: trailing comma before '") + t[off] + "'");
      }
    } else if (has("missing closing quote")) {
      // Only the end of input leaves a string open (a line break in one is
      // a "control character" error): point at the quote that opened it.
      off = OpeningQuote(t, t.size());
    } else if (has("string literal") && t[off] == '"') {
      // The unexpected token is a string: point at its opening quote.
      off = OpeningQuote(t, off);
    }
    throw InputError(Where(off), "invalid JSON: " + Describe(what));
  }

  const SourceFile& source_;
  std::string_view text_;
  const LoadLimits& limits_;
  const size_t& consumed_;
  Cursor cursor_;
  std::vector<Frame> stack_;
  std::vector<Node> root_;
  size_t nodes_ = 0;
};

}  // namespace

std::vector<Node> ParseJson(const SourceFile& source, const LoadLimits& limits) {
  std::string_view text = source.text;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  // nlohmann's lexer takes a NUL outside a string for the end of input, so
  // "{}\0junk" would pass: refuse NUL bytes anywhere first.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    Cursor::Pos at = Cursor(text).At(nul);
    throw InputError(Location{source.path, at.line, at.column}, "NUL byte in file: job files are text");
  }
  size_t consumed = 0;
  Builder builder(source, text, limits, &consumed);
  CountingIterator first(text.data(), &consumed);
  CountingIterator last(text.data() + text.size(), &consumed);
  if (!Json::sax_parse(first, last, &builder, Json::input_format_t::json, /*strict=*/true)) {
    throw InputError(Location{source.path, 1, 1}, "invalid JSON");  // parse_error throws first
  }
  return builder.Take();
}

}  // namespace sparkmc
