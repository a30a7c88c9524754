#include "compiler/load/source.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace sparkmc {

std::string SourceFile::Line(int line) const {
  if (line < 1) return "";
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string s = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

size_t SourceFile::Offset(int line, int column) const {
  size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return std::string::npos;
    ++pos;
  }
  for (int c = 1; c < column && pos < text.size() && text[pos] != '\n'; ++c) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos;
}

Location SourceFile::At(size_t offset) const {
  Location loc{path, 1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++loc.column;
    }
  }
  return loc;
}

std::string FormatError(const InputError& e, const SourceFile* source) {
  const Location& loc = e.location();
  std::string out;
  if (loc.line > 0) {
    out = fmt::format("{}:{}:{}: error: {}\n", loc.file, loc.line, loc.column, e.what());
  } else {
    out = fmt::format("{}: error: {}\n", loc.file, e.what());
  }
  if (source && loc.line > 0) {
    std::string line = source->Line(loc.line);
    // Quote at most 120 columns so a minified file does not flood the terminal.
    int col = loc.column > 0 ? loc.column : 1;
    size_t from = col > 100 ? static_cast<size_t>(col - 60) : 0;
    std::string shown = line.substr(std::min(from, line.size()), 120);
    if (from > 0) shown = "..." + shown;
    if (line.size() > from + 120) shown += "...";
    bool printable = true;
    for (unsigned char c : shown) {
      if (c < 0x20 && c != '\t') printable = false;
    }
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
  Location where{path, 0, 0};
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    throw InputError(where, fmt::format("cannot read file: {}", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) throw InputError(where, "is a directory, not a job file");
  if (!S_ISREG(st.st_mode)) throw InputError(where, "not a regular file");
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    throw InputError(where, fmt::format("file is {} bytes, over the limit of {} bytes "
                                        "(raise it with --max-file-size)",
                                        st.st_size, max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(where, fmt::format("cannot open file: {}", std::strerror(errno)));
  SourceFile f;
  f.path = path;
  f.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (f.text.size() > max_bytes) {
    throw InputError(where, fmt::format("file is over the limit of {} bytes", max_bytes));
  }
  return f;
}

}  // namespace sparkmc
