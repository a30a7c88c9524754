#include "compiler/base/line_index.h"

#include <gtest/gtest.h>

#include <string>

namespace sparkmc {
namespace {

// Pos has no operator==; compare as a pair so failures print both numbers.
std::pair<int, int> At(const LineIndex& index, size_t offset) {
  LineIndex::Pos p = index.At(offset);
  return {p.line, p.column};
}

using P = std::pair<int, int>;

TEST(LineIndex, LineFeed) {
  std::string text = "ab\ncd\n\nef";
  LineIndex index(text);
  EXPECT_EQ(index.Lines(), 4);
  EXPECT_EQ(At(index, 0), P(1, 1));
  EXPECT_EQ(At(index, 1), P(1, 2));
  EXPECT_EQ(At(index, 2), P(1, 3));  // the "\n" itself: just past the last character
  EXPECT_EQ(At(index, 3), P(2, 1));
  EXPECT_EQ(At(index, 6), P(3, 1));
  EXPECT_EQ(At(index, 8), P(4, 2));
  EXPECT_EQ(index.LineStart(1), 0u);
  EXPECT_EQ(index.LineStart(2), 3u);
  EXPECT_EQ(index.LineStart(4), 7u);
  EXPECT_EQ(index.LineText(1), "ab");
  EXPECT_EQ(index.LineText(3), "");
  EXPECT_EQ(index.LineText(4), "ef");
}

TEST(LineIndex, CrLf) {
  std::string text = "ab\r\ncd\r\n";
  LineIndex index(text);
  EXPECT_EQ(index.Lines(), 3);
  EXPECT_EQ(At(index, 4), P(2, 1));
  EXPECT_EQ(At(index, 5), P(2, 2));
  EXPECT_EQ(At(index, 8), P(3, 1));
  EXPECT_EQ(index.LineText(1), "ab");
  EXPECT_EQ(index.LineText(2), "cd");
  EXPECT_EQ(index.LineText(3), "");
  EXPECT_EQ(index.LineStart(2), 4u);
}

TEST(LineIndex, CrOnly) {
  std::string text = "{\r  \"a\": 1\r}";
  LineIndex index(text);
  EXPECT_EQ(index.Lines(), 3);
  EXPECT_EQ(At(index, text.find('"')), P(2, 3));
  EXPECT_EQ(At(index, text.find('}')), P(3, 1));
  EXPECT_EQ(index.LineText(2), "  \"a\": 1");
  EXPECT_EQ(index.LineText(3), "}");
}

TEST(LineIndex, MixedTerminators) {
  // LF, CRLF, lone CR, CR CRLF (an empty line ended by CR, then one by CRLF).
  std::string text = "a\nb\r\nc\rd\r\r\ne";
  LineIndex index(text);
  EXPECT_EQ(index.Lines(), 6);
  EXPECT_EQ(index.LineText(1), "a");
  EXPECT_EQ(index.LineText(2), "b");
  EXPECT_EQ(index.LineText(3), "c");
  EXPECT_EQ(index.LineText(4), "d");
  EXPECT_EQ(index.LineText(5), "");
  EXPECT_EQ(index.LineText(6), "e");
  EXPECT_EQ(At(index, text.find('c')), P(3, 1));
  EXPECT_EQ(At(index, text.find('d')), P(4, 1));
  EXPECT_EQ(At(index, text.find('e')), P(6, 1));
}

TEST(LineIndex, ColumnsCountCharactersNotBytes) {
  // "é" is 2 bytes, "€" 3, "😀" 4: each one column.
  std::string text = "x\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
  LineIndex index(text);
  size_t z = text.find('z');
  EXPECT_EQ(At(index, z), P(2, 4));
  EXPECT_EQ(At(index, 2), P(2, 1));
  EXPECT_EQ(At(index, 4), P(2, 2));  // start of "€"
  EXPECT_EQ(At(index, 7), P(2, 3));  // start of "😀"
  EXPECT_EQ(index.LineText(2), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z");
}

TEST(LineIndex, OffsetsAtAndPastTheEnd) {
  std::string text = "ab\ncd";
  LineIndex index(text);
  EXPECT_EQ(At(index, 5), P(2, 3));
  EXPECT_EQ(At(index, 6), P(2, 3));
  EXPECT_EQ(At(index, std::string::npos), P(2, 3));

  LineIndex trailing("ab\n");
  EXPECT_EQ(trailing.Lines(), 2);
  EXPECT_EQ(At(trailing, 3), P(2, 1));
  EXPECT_EQ(trailing.LineText(2), "");
}

TEST(LineIndex, EmptyText) {
  LineIndex index("");
  EXPECT_EQ(index.Lines(), 1);
  EXPECT_EQ(At(index, 0), P(1, 1));
  EXPECT_EQ(At(index, 10), P(1, 1));
  EXPECT_EQ(index.LineText(1), "");
}

TEST(LineIndex, OutOfRangeLines) {
  std::string text = "ab\ncd";
  LineIndex index(text);
  EXPECT_EQ(index.LineStart(0), 0u);
  EXPECT_EQ(index.LineStart(-3), 0u);
  EXPECT_EQ(index.LineStart(3), text.size());
  EXPECT_EQ(index.LineText(0), "");
  EXPECT_EQ(index.LineText(3), "");
}

TEST(LineIndex, AgreesWithANaiveCountAcrossBlockBoundaries) {
  // Long lines of multibyte characters straddle the 1 KiB checkpoints at
  // every phase; compare every offset with a straightforward count.
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += (i % 7 == 0) ? "\xC3\xA9" : (i % 11 == 0) ? "\xE2\x82\xAC" : "a";
    if (i % 997 == 0) text += "\n";
    if (i % 1499 == 0) text += "\r\n";
  }
  LineIndex index(text);
  int line = 1, column = 1;
  for (size_t i = 0; i <= text.size(); ++i) {
    ASSERT_EQ(At(index, i), P(line, column)) << "offset " << i;
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (c == '\n' || (c == '\r' && !crlf)) {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
}

TEST(LineIndex, ManyQueriesOnOneHugeLine) {
  // 5 MB on one line, two bytes per character: a per-query scan from the
  // line's start would take minutes here.
  std::string text;
  text.reserve(5u << 20);
  while (text.size() < (5u << 20)) text += "\xC3\xA9";
  LineIndex index(text);
  EXPECT_EQ(index.Lines(), 1);
  size_t step = text.size() / 100000;
  long long sum = 0;
  for (size_t i = 0; i < 100000; ++i) {
    size_t offset = (i * step) & ~size_t{1};  // a character's first byte
    LineIndex::Pos p = index.At(offset);
    ASSERT_EQ(p.line, 1);
    ASSERT_EQ(p.column, static_cast<int>(offset / 2) + 1);
    sum += p.column;
  }
  EXPECT_GT(sum, 0);
  EXPECT_EQ(At(index, text.size()), P(1, static_cast<int>(text.size() / 2) + 1));
}

}  // namespace
}  // namespace sparkmc
