// Errors as values that cross every stage: where a problem is, and the two
// kinds the CLI turns into exit codes (bad input: 2; output that could not be
// written: 3).
#ifndef SPARKMC_BASE_ERROR_H_
#define SPARKMC_BASE_ERROR_H_

#include <stdexcept>
#include <string>
#include <utility>

namespace sparkmc {

/// A position in a file. Lines and columns are 1-based; 0 means unknown.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Bad input: the message names the place. Every user-facing failure of a
/// stage is one of these, and the CLI maps it to exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(Location loc, const std::string& message)
      : std::runtime_error(message), loc_(std::move(loc)) {}
  const Location& location() const { return loc_; }

 private:
  Location loc_;
};

/// A write that failed (a full disk, a closed pipe, a refused target): the
/// CLI maps it to exit code 3 and names \a path and the reason.
class OutputError : public std::runtime_error {
 public:
  OutputError(std::string path, const std::string& message)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace sparkmc

#endif  // SPARKMC_BASE_ERROR_H_
