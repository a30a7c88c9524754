#include "compiler/load/source.h"

#include "compiler/base/fs.h"
#include "compiler/base/line_index.h"
#include "compiler/base/text.h"
#include "compiler/base/utf8.h"

#include <fmt/format.h>


namespace sparkmc {

std::string SourceFile::Line(int line) const { return std::string(LineIndex(text).LineText(line)); }

size_t SourceFile::Offset(int line, int column) const {
  // Walks to the line, breaking lines as LineIndex does, and then along it
  // only as far as the column: building a whole LineIndex, or finding where
  // the line ends, would scan all of a large (or minified) file.
  if (line < 1) return std::string::npos;
  size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    size_t end = FindLineBreak(text, pos);
    if (end == std::string::npos) return std::string::npos;  // past the last line
    pos = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  auto in_line = [&](size_t i) { return i < text.size() && text[i] != '\n' && text[i] != '\r'; };
  for (int c = 1; c < column && in_line(pos); ++c) {
    ++pos;
    while (in_line(pos) && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos;
}

Location SourceFile::At(size_t offset) const {
  LineIndex::Pos p = LineIndex(text).At(offset);
  return Location{path, p.line, p.column};
}

std::string FormatError(const InputError& e, const SourceFile* source) {
  const Location& loc = e.location();
  std::string out;
  if (loc.line > 0) {
    out = fmt::format("{}:{}:{}: error: {}\n", TerminalSafe(loc.file), loc.line, loc.column, TerminalSafe(e.what()));
  } else {
    out = fmt::format("{}: error: {}\n", TerminalSafe(loc.file), TerminalSafe(e.what()));
  }
  if (source && loc.line > 0) {
    std::string line = source->Line(loc.line);
    // Quote at most 120 columns so a minified file does not flood the terminal.
    int col = loc.column > 0 ? loc.column : 1;
    size_t from = col > 100 ? static_cast<size_t>(col - 60) : 0;
    std::string shown = line.substr(std::min(from, line.size()), 120);
    if (from > 0) shown = "..." + shown;
    if (line.size() > from + 120) shown += "...";
    bool printable = TerminalSafe(shown) == shown;
    if (printable && !shown.empty()) {
      size_t caret = static_cast<size_t>(col - 1) - from + (from > 0 ? 3 : 0);
      std::string pad;
      for (size_t i = 0; i < caret && i < shown.size(); ++i) pad += shown[i] == '\t' ? '\t' : ' ';
      out += fmt::format("{}\n{}^\n", shown, pad);
    }
  }
  return out;
}

SourceFile ReadSourceFile(const std::string& path, size_t max_bytes) {
  SourceFile f;
  f.path = path;
  try {
    f.text = fs::ReadFile(path, max_bytes);
  } catch (const InputError& e) {
    std::string why = e.what();
    if (why.find("over the limit") != std::string::npos) why += " (raise it with --max-file-size)";
    throw InputError(e.location(), why);
  }
  return f;
}

}  // namespace sparkmc
