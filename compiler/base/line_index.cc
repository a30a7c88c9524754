#include "compiler/base/line_index.h"

#include <algorithm>

namespace sparkmc {

namespace {

/// Characters (non-continuation bytes) in \a s. A plain loop the compiler
/// vectorizes.
size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // "\r\n" is one break
      starts_.push_back(i + 1);
    }
  }
  blocks_.reserve(text.size() / kBlock + 1);
  size_t chars = 0;
  for (size_t at = 0;; at += kBlock) {
    blocks_.push_back(chars);
    if (at + kBlock > text.size()) break;
    chars += CountChars(text.substr(at, kBlock));
  }
}

size_t LineIndex::CharsBefore(size_t offset) const {
  size_t block = offset / kBlock;
  return blocks_[block] + CountChars(text_.substr(block * kBlock, offset - block * kBlock));
}

size_t LineIndex::Chars(size_t from, size_t to) const {
  // Short spans (every line of an ordinary file) are cheaper to count directly.
  if (to - from <= kBlock) return CountChars(text_.substr(from, to - from));
  return CharsBefore(to) - CharsBefore(from);
}

LineIndex::Pos LineIndex::At(size_t offset) const {
  offset = std::min(offset, text_.size());
  // The last line starting at or before offset.
  size_t line = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
  size_t start = starts_[line - 1];
  return Pos{static_cast<int>(line), static_cast<int>(Chars(start, offset)) + 1};
}

size_t LineIndex::LineStart(int line) const {
  if (line < 1) return 0;
  if (line > Lines()) return text_.size();
  return starts_[static_cast<size_t>(line) - 1];
}

std::string_view LineIndex::LineText(int line) const {
  if (line < 1 || line > Lines()) return {};
  size_t start = starts_[static_cast<size_t>(line) - 1];
  size_t end = line == Lines() ? text_.size() : starts_[static_cast<size_t>(line)];
  // Drop the terminator: "\n", "\r\n" or "\r" (the last line has none).
  if (line < Lines() && end > start && text_[end - 1] == '\n') --end;
  if (line < Lines() && end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

}  // namespace sparkmc
