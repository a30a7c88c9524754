#include "compiler/load/document.h"

#include <gtest/gtest.h>

namespace sparkmc {
namespace {

std::vector<Node> Parse(const std::string& text) { return ParseDocuments(SourceFile{"t.yaml", text}); }

Location ErrorAt(const std::string& text, std::string* message = nullptr) {
  try {
    Parse(text);
  } catch (const InputError& e) {
    if (message) *message = e.what();
    return e.location();
  }
  return Location{"no error", -1, -1};
}

TEST(Document, KeepsPositionsAndQuoting) {
  auto docs = Parse("a: 1\nb:\n  c: \"2\"\n");
  ASSERT_EQ(docs.size(), 1u);
  const Node* c = docs[0].Find("b")->Find("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->line, 3);
  EXPECT_EQ(c->column, 6);
  EXPECT_FALSE(c->plain);
  EXPECT_TRUE(docs[0].Find("a")->plain);
  EXPECT_EQ(docs[0].Find("a")->TypeName(), "number");
  EXPECT_EQ(c->TypeName(), "string");
}

TEST(Document, JsonIsYaml) {
  auto docs = Parse("{\n  \"x\": [1, \"two\"],\n  \"y\": null\n}");
  EXPECT_EQ(docs[0].Find("x")->items.size(), 2u);
  EXPECT_TRUE(docs[0].Find("y")->IsNull());
  EXPECT_EQ(docs[0].Find("x")->items[1].line, 2);
}

TEST(Document, DuplicateKeyIsAnError) {
  std::string msg;
  Location at = ErrorAt("a: 1\nb:\n  c: 1\n  c: 2\n", &msg);
  EXPECT_EQ(at.line, 4);
  EXPECT_EQ(at.column, 3);
  EXPECT_EQ(msg, "duplicate key \"c\"");
}

TEST(Document, AliasBombIsBounded) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  std::string msg;
  Location at = ErrorAt(bomb, &msg);
  EXPECT_GT(at.line, 1);
  EXPECT_NE(msg.find("alias bomb"), std::string::npos) << msg;
}

TEST(Document, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '[');
  std::string msg;
  Location at = ErrorAt(deep, &msg);
  EXPECT_EQ(at.line, 1);
  EXPECT_EQ(at.column, 501);
  EXPECT_EQ(msg, "nesting deeper than 500 levels");
  // Block nesting too.
  std::string block;
  for (int i = 0; i < 600; ++i) block += std::string(static_cast<size_t>(i) * 1, ' ') + "a:\n";
  at = ErrorAt(block, &msg);
  EXPECT_GT(at.line, 400);
  EXPECT_NE(msg.find("nesting"), std::string::npos) << msg;
}

TEST(Document, RefusesNulAndInvalidUtf8) {
  std::string msg;
  Location at = ErrorAt(std::string("a: 1\nb: x\0y\n", 12), &msg);
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 5);
  EXPECT_NE(msg.find("NUL"), std::string::npos);
  at = ErrorAt("a: \xC3\x28\n", &msg);
  EXPECT_EQ(at.column, 4);
  EXPECT_NE(msg.find("UTF-8"), std::string::npos);
}

TEST(Document, TabIndentationIsNamed) {
  std::string msg;
  Location at = ErrorAt("a:\n\t- x\n", &msg);
  EXPECT_EQ(at.line, 2);
  EXPECT_NE(msg.find("tab character"), std::string::npos) << msg;
}

TEST(Document, ByteOrderMarkAndCrlf) {
  auto docs = Parse("\xEF\xBB\xBF" "a: 1\r\nb: 2\r\n");
  EXPECT_EQ(docs[0].Find("b")->value, "2");
  EXPECT_EQ(docs[0].Find("b")->line, 2);
}

TEST(Document, MultipleDocuments) {
  auto docs = Parse("a: 1\n---\nb: 2\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].Find("b")->line, 3);
}

}  // namespace
}  // namespace sparkmc
