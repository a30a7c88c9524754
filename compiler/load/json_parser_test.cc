#include "compiler/load/json_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/line_index.h"

#ifndef SPARKMC_SOURCE_DIR
#define SPARKMC_SOURCE_DIR "."
#endif

namespace sparkmc {
namespace {

using P = std::pair<int, int>;

Node Parse(const std::string& text) {
  std::vector<Node> docs = ParseJson(SourceFile{"t.json", text});
  EXPECT_EQ(docs.size(), 1u) << text.substr(0, 200);
  return docs.empty() ? Node{} : docs[0];
}

// Node::Find and FindKey live in document.cc with the YAML loader; these
// stand-ins keep this test independent of yaml-cpp.
const Node* Member(const Node& map, std::string_view key, bool want_key) {
  for (const auto& [k, v] : map.members) {
    if (k.value == key) return want_key ? &k : &v;
  }
  return nullptr;
}
const Node* Value(const Node& map, std::string_view key) { return Member(map, key, false); }
const Node* Key(const Node& map, std::string_view key) { return Member(map, key, true); }

P Pos(const Node* n) { return n ? P(n->line, n->column) : P(-1, -1); }

struct Failure {
  P at{-1, -1};
  std::string message = "no error";
};

Failure ErrorOf(const std::string& text, const LoadLimits& limits = {}) {
  Failure f;
  try {
    ParseJson(SourceFile{"t.json", text}, limits);
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, "t.json");
    f.at = P(e.location().line, e.location().column);
    f.message = e.what();
  }
  return f;
}

/// A corpus file, byte for byte. (Not ReadSourceFile: this test links only
/// the parser and SourceFile.)
SourceFile ReadCorpusFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream text;
  text << in.rdbuf();
  return SourceFile{path, text.str()};
}

/// Every node's position in document order (keys before their values).
void Positions(const Node& n, std::vector<P>* out) {
  out->push_back(P(n.line, n.column));
  for (const Node& item : n.items) Positions(item, out);
  for (const auto& [k, v] : n.members) {
    Positions(k, out);
    Positions(v, out);
  }
}

TEST(JsonParser, KindsAndConventions) {
  Node root = Parse(R"({"s": "x", "i": 12, "f": -0.5, "t": true, "F": false, "n": null, "a": [], "o": {}})");
  ASSERT_TRUE(root.IsMap());
  ASSERT_EQ(root.members.size(), 8u);
  // Members in file order; keys are quoted scalars.
  const char* keys[] = {"s", "i", "f", "t", "F", "n", "a", "o"};
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(root.members[i].first.value, keys[i]);
    EXPECT_TRUE(root.members[i].first.IsScalar());
    EXPECT_FALSE(root.members[i].first.plain);
  }
  EXPECT_FALSE(Value(root, "s")->plain);
  EXPECT_TRUE(Value(root, "i")->plain);
  EXPECT_EQ(Value(root, "i")->value, "12");
  EXPECT_EQ(Value(root, "f")->value, "-0.5");
  EXPECT_EQ(Value(root, "t")->value, "true");
  EXPECT_TRUE(Value(root, "t")->plain);
  EXPECT_EQ(Value(root, "F")->value, "false");
  EXPECT_TRUE(Value(root, "n")->IsNull());
  EXPECT_TRUE(Value(root, "a")->IsSequence());
  EXPECT_TRUE(Value(root, "o")->IsMap());
}

TEST(JsonParser, PositionsOnAMultiLineFile) {
  std::string text =
      "{\n"
      "  \"name\": \"pi\",\n"
      "  \"count\":   42,\n"
      "  \"on\": true,\n"
      "  \"off\": null,\n"
      "  \"list\": [\n"
      "    1.5e3, \"two\",\n"
      "    {\"deep\": [false]}\n"
      "  ]\n"
      "}\n";
  Node root = Parse(text);
  EXPECT_EQ(Pos(&root), P(1, 1));
  EXPECT_EQ(Pos(Key(root, "name")), P(2, 3));
  EXPECT_EQ(Pos(Value(root, "name")), P(2, 11));
  EXPECT_EQ(Pos(Value(root, "count")), P(3, 14));
  EXPECT_EQ(Pos(Value(root, "on")), P(4, 9));
  EXPECT_EQ(Pos(Value(root, "off")), P(5, 10));
  const Node* list = Value(root, "list");
  EXPECT_EQ(Pos(list), P(6, 11));
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(Pos(&list->items[0]), P(7, 5));
  EXPECT_EQ(list->items[0].value, "1.5e3");
  EXPECT_EQ(Pos(&list->items[1]), P(7, 12));
  EXPECT_EQ(Pos(&list->items[2]), P(8, 5));
  EXPECT_EQ(Pos(Key(list->items[2], "deep")), P(8, 6));
  EXPECT_EQ(Pos(Value(list->items[2], "deep")), P(8, 14));
  EXPECT_EQ(Pos(&Value(list->items[2], "deep")->items[0]), P(8, 15));
}

TEST(JsonParser, PositionsOnAMinifiedFile) {
  std::string text = R"({"a":[1,22,333],"b":{"c":"d"},"e":true,"f":-7})";
  Node root = Parse(text);
  auto col = [&](const char* needle) { return static_cast<int>(text.find(needle)) + 1; };
  EXPECT_EQ(Pos(Value(root, "a")), P(1, col("[")));
  EXPECT_EQ(Pos(&Value(root, "a")->items[0]), P(1, col("1")));
  EXPECT_EQ(Pos(&Value(root, "a")->items[1]), P(1, col("22")));
  EXPECT_EQ(Pos(&Value(root, "a")->items[2]), P(1, col("333")));
  EXPECT_EQ(Pos(Key(root, "b")), P(1, col("\"b\"")));
  EXPECT_EQ(Pos(Value(root, "b")), P(1, col("{\"c\"")));
  EXPECT_EQ(Pos(Value(*Value(root, "b"), "c")), P(1, col("\"d\"")));
  EXPECT_EQ(Pos(Value(root, "e")), P(1, col("true")));
  EXPECT_EQ(Pos(Value(root, "f")), P(1, col("-7")));
  EXPECT_EQ(Value(root, "f")->value, "-7");
}

TEST(JsonParser, NumbersAtTheEndOfInput) {
  Node n = Parse("  -12.5e+3");
  EXPECT_EQ(n.value, "-12.5e+3");
  EXPECT_EQ(Pos(&n), P(1, 3));
  Node m = Parse("7\n");
  EXPECT_EQ(m.value, "7");
  EXPECT_EQ(Pos(&m), P(1, 1));
}

TEST(JsonParser, NumbersKeptAsWritten) {
  Node root = Parse(R"([1e999, -0.5, 12, 0, -0, 1E+2, 2.50, 12345678901234567890123, 18446744073709551615])");
  std::vector<std::string> want = {"1e999", "-0.5", "12", "0", "-0", "1E+2", "2.50",
                                   "12345678901234567890123", "18446744073709551615"};
  ASSERT_EQ(root.items.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(root.items[i].value, want[i]);
    EXPECT_TRUE(root.items[i].plain);
  }
}

TEST(JsonParser, MultibyteCharactersCountAsOneColumn) {
  // "é" is 2 bytes, "€" 3, "😀" 4.
  std::string text = "{\"k\": \"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", \"v\": 1}";
  Node root = Parse(text);
  EXPECT_EQ(Value(root, "k")->value, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  // {"k": "é€😀", "v": 1}  ->  "v" at column 14, 1 at column 19.
  EXPECT_EQ(Pos(Key(root, "v")), P(1, 14));
  EXPECT_EQ(Pos(Value(root, "v")), P(1, 19));
}

TEST(JsonParser, ByteOrderMarkIsNotAColumn) {
  Node root = Parse("\xEF\xBB\xBF{\"a\": 1,\n \"b\": 2}");
  EXPECT_EQ(Pos(&root), P(1, 1));
  EXPECT_EQ(Pos(Key(root, "a")), P(1, 2));
  EXPECT_EQ(Pos(Value(root, "a")), P(1, 7));
  EXPECT_EQ(Pos(Key(root, "b")), P(2, 2));
  EXPECT_TRUE(ParseJson(SourceFile{"t.json", "\xEF\xBB\xBF"}).empty());
}

TEST(JsonParser, CrOnlyFile) {
  Node root = Parse("{\r  \"a\": 1,\r  \"b\": [\r    true\r  ]\r}\r");
  EXPECT_EQ(Pos(Key(root, "a")), P(2, 3));
  EXPECT_EQ(Pos(Value(root, "a")), P(2, 8));
  EXPECT_EQ(Pos(Value(root, "b")), P(3, 8));
  EXPECT_EQ(Pos(&Value(root, "b")->items[0]), P(4, 5));
}

TEST(JsonParser, CrLfFile) {
  Node root = Parse("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n");
  EXPECT_EQ(Pos(Key(root, "a")), P(2, 3));
  EXPECT_EQ(Pos(Value(root, "a")), P(2, 8));
  EXPECT_EQ(Pos(Value(root, "b")), P(3, 8));
  EXPECT_EQ(Pos(&Value(root, "b")->items[0]), P(4, 5));
}

TEST(JsonParser, PositionsAgreeWithLineIndex) {
  // Mixed terminators, multibyte text and escapes before every kind of node.
  std::string text =
      "[\"\xC3\xA9\\\"\\\\\",\r\n 1,\r true,\n\r\n  null, {\"k\xE2\x82\xAC\": [2, \"\\u00e9\"]},\r-3.5e-1]";
  Node root = Parse(text);
  std::vector<P> got;
  Positions(root, &got);
  // The first byte of every node, in document order.
  std::vector<size_t> offsets = {0};
  offsets.push_back(text.find("\"\xC3\xA9"));
  offsets.push_back(text.find(" 1,") + 1);
  offsets.push_back(text.find("true"));
  offsets.push_back(text.find("null"));
  offsets.push_back(text.find("{"));
  offsets.push_back(text.find("\"k"));
  offsets.push_back(text.find("[2"));
  offsets.push_back(text.find("2,"));
  offsets.push_back(text.find("\"\\u00e9"));
  offsets.push_back(text.find("-3.5e-1"));
  LineIndex index(text);
  ASSERT_EQ(got.size(), offsets.size());
  for (size_t i = 0; i < offsets.size(); ++i) {
    LineIndex::Pos p = index.At(offsets[i]);
    EXPECT_EQ(got[i], P(p.line, p.column)) << "node " << i;
  }
}

TEST(JsonParser, EscapesAreDecoded) {
  Node root = Parse(R"(["a\"b", "c\\", "\n\t\/", "\u00e9", "\ud83d\ude00", "\\\""])");
  ASSERT_EQ(root.items.size(), 6u);
  EXPECT_EQ(root.items[0].value, "a\"b");
  EXPECT_EQ(root.items[1].value, "c\\");
  EXPECT_EQ(root.items[2].value, "\n\t/");
  EXPECT_EQ(root.items[3].value, "\xC3\xA9");
  EXPECT_EQ(root.items[4].value, "\xF0\x9F\x98\x80");
  EXPECT_EQ(root.items[5].value, "\\\"");
  // A string ending in an escaped backslash, then one opening with an escaped quote.
  Node m = Parse(R"({"x\\": "\"y"})");
  EXPECT_EQ(Pos(Key(m, "x\\")), P(1, 2));
  EXPECT_EQ(Pos(Value(m, "x\\")), P(1, 9));
  EXPECT_EQ(Value(m, "x\\")->value, "\"y");
}

TEST(JsonParser, DuplicateKeyIsAnErrorAtTheSecondKey) {
  Failure f = ErrorOf("{\n  \"a\": 1,\n  \"b\": {\"c\": 1,\n    \"c\": 2}\n}");
  EXPECT_EQ(f.at, P(4, 5));
  EXPECT_EQ(f.message, "duplicate key \"c\"");
  // Keys are compared decoded.
  EXPECT_EQ(ErrorOf(R"({"a": 1, "\u0061": 2})").message, "duplicate key \"a\"");
  // The same key in sibling objects is fine.
  EXPECT_EQ(ErrorOf(R"([{"a": 1}, {"a": 2}])").message, "no error");
}

TEST(JsonParser, DuplicateKeyInABigMap) {
  // Past 16 members the check switches from a scan to a hash set: a
  // duplicate of the first key must be found on both sides of the switch.
  for (int members : {15, 16, 17, 40}) {
    std::string text = "{";
    for (int i = 0; i < members; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
    EXPECT_EQ(ErrorOf(text + "\"end\": 0}").message, "no error") << members;
    Failure f = ErrorOf(text + "\"k0\": 0}");
    EXPECT_EQ(f.at, P(members + 1, 1)) << members;
    EXPECT_EQ(f.message, "duplicate key \"k0\"") << members;
  }
}

TEST(JsonParser, TrailingComma) {
  Failure f = ErrorOf("{\n  \"a\": 1,\n  \"b\": \"x\",\n}");
  EXPECT_EQ(f.at, P(3, 11));
  EXPECT_EQ(f.message, "invalid JSON: trailing comma before '}'");
  Failure g = ErrorOf("[1, 2,\r\n  ]");
  EXPECT_EQ(g.at, P(1, 6));
  EXPECT_EQ(g.message, "invalid JSON: trailing comma before ']'");
}

TEST(JsonParser, UnterminatedStringPointsAtItsOpeningQuote) {
  Failure f = ErrorOf("{\n  \"a\": \"b\\\"c");
  EXPECT_EQ(f.at, P(2, 8));
  EXPECT_NE(f.message.find("invalid JSON: syntax error"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("missing closing quote"), std::string::npos) << f.message;
  // The rest of a big file is not pasted into the message.
  Failure g = ErrorOf("{\"a\": \"" + std::string(100000, 'x'));
  EXPECT_EQ(g.at, P(1, 7));
  EXPECT_LT(g.message.size(), 200u) << g.message.substr(0, 300);
}

TEST(JsonParser, SyntaxErrorsKeepNlohmannsMessageWithoutItsPrefix) {
  // A missing comma: the unexpected string is pointed at by its opening quote.
  Failure f = ErrorOf("{\n  \"a\": \"x\"\n  \"b\": 1\n}");
  EXPECT_EQ(f.at, P(3, 3));
  EXPECT_EQ(f.message, "invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
  Failure c = ErrorOf("{\"a\": 1, // no comments\n}");
  EXPECT_EQ(c.message.rfind("invalid JSON: syntax error while parsing object key", 0), 0u) << c.message;
  EXPECT_EQ(c.message.find("[json.exception"), std::string::npos);
  EXPECT_EQ(ErrorOf("{'a': 1}").at, P(1, 2));
  EXPECT_NE(ErrorOf("[1] [2]").message.find("expected end of input"), std::string::npos);
  EXPECT_NE(ErrorOf("[NaN]").message, "no error");
  // Past long double's range (1e999 is fine, see NumbersKeptAsWritten).
  Failure big = ErrorOf("{\"a\":\n  [1e99999]}");
  EXPECT_EQ(big.at, P(2, 4));
  EXPECT_EQ(big.message, "invalid JSON: number overflow parsing '1e99999'");
  // A line break inside a string is reported where it is.
  Failure lf = ErrorOf("{\"a\": \"x\ny\"}");
  EXPECT_EQ(lf.at, P(1, 9));
  EXPECT_NE(lf.message.find("control character U+000A"), std::string::npos) << lf.message;
}

TEST(JsonParser, NulAndInvalidUtf8) {
  Failure nul = ErrorOf(std::string("{\"a\": 1}\n\0junk", 14));
  EXPECT_EQ(nul.at, P(2, 1));
  EXPECT_EQ(nul.message, "NUL byte in file: job files are text");
  Failure bad = ErrorOf("{\"a\": \"pi-\xFFlogs\"}");
  EXPECT_EQ(bad.at, P(1, 11));
  EXPECT_EQ(bad.message, "invalid UTF-8 byte sequence: job files must be UTF-8");
  // A lead byte whose continuation is missing: pointed at the lead byte.
  EXPECT_EQ(ErrorOf("{\"a\": \"x\xE2\x82z\"}").at, P(1, 9));
  EXPECT_EQ(ErrorOf("[\"\xC0\xAF\"]").at, P(1, 3));  // overlong
}

TEST(JsonParser, DeepNestingIsRefused) {
  Failure f = ErrorOf(std::string(20000, '['));
  EXPECT_EQ(f.at, P(1, 501));
  EXPECT_EQ(f.message, "nesting deeper than 500 levels");
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"a\":";
  EXPECT_EQ(ErrorOf(objects).at, P(1, 2501));
  // 500 levels are fine.
  std::string ok = std::string(500, '[') + std::string(500, ']');
  EXPECT_EQ(ErrorOf(ok).message, "no error");
}

TEST(JsonParser, NodeLimit) {
  LoadLimits limits;
  limits.max_nodes = 5;
  EXPECT_EQ(ErrorOf("[1, 2, 3, 4]", limits).message, "no error");
  Failure f = ErrorOf("[1, 2, 3, 4, 5]", limits);
  EXPECT_EQ(f.at, P(1, 14));
  EXPECT_EQ(f.message, "document expands to more than 5 nodes");
  // Keys are nodes too.
  EXPECT_NE(ErrorOf(R"({"a": 1, "b": 2, "c": 3})", limits).message, "no error");
}

TEST(JsonParser, LongKey) {
  std::string key(2000, 'k');
  Node root = Parse("{\n  \"" + key + "\": \"v\"\n}");
  ASSERT_EQ(root.members.size(), 1u);
  EXPECT_EQ(root.members[0].first.value, key);
  EXPECT_EQ(Pos(Value(root, key)), P(2, 2000 + 7));
}

TEST(JsonParser, EmptyAndBlankInput) {
  EXPECT_TRUE(ParseJson(SourceFile{"t.json", ""}).empty());
  EXPECT_TRUE(ParseJson(SourceFile{"t.json", " \n\r\n\t "}).empty());
}

TEST(JsonParser, TopLevelScalars) {
  Node s = Parse("\n  \"virtualClusterId=abc\"\n");
  EXPECT_TRUE(s.IsScalar());
  EXPECT_EQ(Pos(&s), P(2, 3));
  EXPECT_TRUE(Parse("null").IsNull());
}

TEST(JsonParser, MultiMegabyteSingleLine) {
  std::string text = "{\"items\":[";
  for (int i = 0; text.size() < (4u << 20); ++i) {
    if (i) text += ',';
    text += "{\"name\":\"item-" + std::to_string(i) + "\",\"size\":" + std::to_string(i * 7) +
            ",\"on\":true,\"tags\":[\"a\",null]}";
  }
  text += "],\"last\":\"\xC3\xA9t\xC3\xA9\",\"end\":-1.25e-3}";
  Node root = Parse(text);
  ASSERT_TRUE(root.IsMap());
  EXPECT_GT(Value(root, "items")->items.size(), 40000u);
  // All ASCII before "last", so columns are byte offsets + 1; two 2-byte
  // characters in the value of "last" make "end"'s value 2 columns earlier.
  int last = static_cast<int>(text.rfind("\"\xC3\xA9t")) + 1;
  EXPECT_EQ(Pos(Value(root, "last")), P(1, last));
  int end = static_cast<int>(text.rfind("-1.25e-3")) + 1 - 2;
  EXPECT_EQ(Pos(Value(root, "end")), P(1, end));
  EXPECT_EQ(Value(root, "end")->value, "-1.25e-3");
}

// The diagnostic corpus: the JSON files whose expected error is a parse error
// must fail here exactly as testdata/malformed/cases.tsv says; every other
// JSON file there must parse.
TEST(JsonParser, MalformedCorpus) {
  std::string dir = std::string(SPARKMC_SOURCE_DIR) + "/testdata/malformed/";
  std::ifstream tsv(dir + "cases.tsv");
  ASSERT_TRUE(tsv) << dir;
  const char* parse_errors[] = {"syntax-truncated.json", "syntax-missing-comma.json",
                                "json-trailing-comma.json", "dup-top.json", "dup-nested.json",
                                "deep-nesting.json", "deep-nesting-objects.json",
                                "invalid-utf8.json", "invalid-utf8-overlong.json"};
  std::string row;
  std::getline(tsv, row);  // header
  int checked = 0;
  while (std::getline(tsv, row)) {
    std::istringstream fields(row);
    std::string file, line, column, fragment;
    std::getline(fields, file, '\t');
    std::getline(fields, line, '\t');
    std::getline(fields, column, '\t');
    std::getline(fields, fragment);
    if (file.size() < 5 || file.substr(file.size() - 5) != ".json") continue;
    SourceFile source = ReadCorpusFile(dir + file);
    bool parse_error = std::find(std::begin(parse_errors), std::end(parse_errors), file) !=
                       std::end(parse_errors);
    try {
      std::vector<Node> docs = ParseJson(source);
      EXPECT_FALSE(parse_error) << file << " parsed";
      EXPECT_LE(docs.size(), 1u) << file;
    } catch (const InputError& e) {
      EXPECT_TRUE(parse_error) << file << ": " << e.what();
      EXPECT_EQ(P(e.location().line, e.location().column), P(std::stoi(line), std::stoi(column)))
          << file << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << file << ": " << e.what();
    }
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

// Spot checks of positions the later stages report from the corpus.
TEST(JsonParser, MalformedCorpusPositions) {
  std::string dir = std::string(SPARKMC_SOURCE_DIR) + "/testdata/malformed/";
  auto load = [&](const char* file) {
    std::vector<Node> docs = ParseJson(ReadCorpusFile(dir + file));
    return docs.empty() ? Node{} : docs[0];
  };
  EXPECT_EQ(Pos(Key(load("utf8-column.json"), "tagz")), P(3, 51));
  EXPECT_EQ(Pos(Key(load("bom-unknown-field.json"), "nmae")), P(3, 3));
  EXPECT_EQ(Pos(Key(load("crlf-line3.json"), "nmae")), P(3, 3));
  EXPECT_EQ(Pos(Value(load("type-vcid-null.json"), "virtualClusterId")), P(2, 23));
  EXPECT_EQ(Pos(Value(load("type-name-number.json"), "name")), P(3, 11));
  EXPECT_EQ(Pos(Value(load("type-jobdriver-string.json"), "jobDriver")), P(6, 16));
  Node job = load("type-property-number.json");
  const Node* props = Value(*Value(job, "configurationOverrides"), "applicationConfiguration");
  ASSERT_NE(props, nullptr);
  ASSERT_TRUE(props->IsSequence());
  const Node* timeout = Value(*Value(props->items[0], "properties"), "spark.network.timeout");
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(Pos(timeout), P(13, 111));
  EXPECT_EQ(timeout->value, "1800");
}

}  // namespace
}  // namespace sparkmc
