// Source text and positions: where every value in a job file came from.
#ifndef SPARKMC_LOAD_SOURCE_H_
#define SPARKMC_LOAD_SOURCE_H_

#include <string>

#include "compiler/base/error.h"

namespace sparkmc {

/// One input file, kept in memory so errors can quote the offending line.
struct SourceFile {
  std::string path;
  std::string text;

  /// The text of 1-based \a line, without its line terminator.
  std::string Line(int line) const;
  /// Byte offset of 1-based \a line and character \a column (npos if past the end).
  size_t Offset(int line, int column) const;
  /// The position of byte \a offset.
  Location At(size_t offset) const;
};

/// "file:line:col: error: message", then the source line and a caret, the way
/// compilers and ninja print them. \a source may be null.
std::string FormatError(const InputError& e, const SourceFile* source);

/// Reads \a path whole. Throws InputError if it cannot be read or exceeds
/// \a max_bytes.
SourceFile ReadSourceFile(const std::string& path, size_t max_bytes);

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_SOURCE_H_
