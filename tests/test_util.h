// Helpers for tests that run the built binary, as a user would.
#ifndef SPARKMC_TESTS_TEST_UTIL_H_
#define SPARKMC_TESTS_TEST_UTIL_H_

#include <string>
#include <vector>

namespace sparkmc::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs build/sparkmc with \a args (each shell-quoted) from the source tree.
/// Runs the binary; stdout goes to \a stdout_file instead of being captured
/// when given (to test writes that fail, e.g. /dev/full).
RunResult RunSparkmc(const std::vector<std::string>& args, const std::string& stdin_file = "",
                     const std::string& stdout_file = "");

/// Reads a whole file; "" if missing.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

/// A fresh empty directory under the system temp dir.
std::string TempDir();

/// Path of a file in the source tree.
std::string SourcePath(const std::string& rel);

}  // namespace sparkmc::test

#endif  // SPARKMC_TESTS_TEST_UTIL_H_
