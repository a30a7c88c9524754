// Byte offsets to the line and column a person sees in an editor.
//
// Parsers count bytes; error messages need 1-based lines and columns in
// characters. Scanning from the start of the text for every position is
// quadratic on a large file, and scanning from the start of the line is still
// quadratic on a minified (single-line) one, so the index keeps the start of
// every line plus a character count every kBlock bytes.
#ifndef SPARKMC_BASE_LINE_INDEX_H_
#define SPARKMC_BASE_LINE_INDEX_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace sparkmc {

/// Maps byte offsets of a text to 1-based lines and columns.
///
/// Lines end at "\n", "\r\n" or a lone "\r" (files saved by old Mac tools are
/// CR-only). Columns count UTF-8 characters, not bytes: every byte that is
/// not a continuation byte (10xxxxxx) starts a character. The text after the
/// last terminator is a line too, so "a\n" has 2 lines and "" has 1, and
/// every offset up to the text's size has a position.
///
/// Built in one O(n) pass; every query is const, allocation-free and
/// thread-safe, and costs a binary search plus at most 2 * kBlock bytes of
/// scanning, however long the line. The index points into \a text, which
/// must outlive it.
class LineIndex {
 public:
  struct Pos {
    int line;
    int column;
  };

  explicit LineIndex(std::string_view text);

  /// The position of byte \a offset, clamped to the text's size (the size
  /// itself is the position just past the last character). An offset inside
  /// a "\r\n" or a multibyte character is counted as if after its first byte.
  Pos At(size_t offset) const;

  /// Byte offset of the first character of 1-based \a line: 0 below line 1,
  /// the text's size past the last line.
  size_t LineStart(int line) const;

  /// The text of 1-based \a line without its terminator; empty out of range.
  std::string_view LineText(int line) const;

  /// The number of lines (at least 1).
  int Lines() const { return static_cast<int>(starts_.size()); }

 private:
  /// Characters in [from, to), from <= to.
  size_t Chars(size_t from, size_t to) const;
  /// Characters in [0, offset).
  size_t CharsBefore(size_t offset) const;

  static constexpr size_t kBlock = 1024;

  std::string_view text_;
  std::vector<size_t> starts_;  ///< Byte offset where each line starts; starts_[0] == 0.
  std::vector<size_t> blocks_;  ///< blocks_[k]: characters in [0, k * kBlock).
};

}  // namespace sparkmc

#endif  // SPARKMC_BASE_LINE_INDEX_H_
