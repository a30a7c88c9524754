#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compiler/model/submit_args.h"

namespace sparkmc::test {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string TempDir() {
  std::string tmpl = "/tmp/sparkmc-test-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  return ::mkdtemp(buf.data());
}

std::string SourcePath(const std::string& rel) { return std::string(SPARKMC_SOURCE_DIR) + "/" + rel; }

RunResult RunSparkmc(const std::vector<std::string>& args, const std::string& stdin_file, const std::string& stdout_file) {
  std::string dir = TempDir();
  std::string cmd = ShellQuote(SPARKMC_BINARY);
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  cmd += " >" + (stdout_file.empty() ? dir + "/out" : ShellQuote(stdout_file)) + " 2>" + dir + "/err";
  if (!stdin_file.empty()) cmd += " <" + ShellQuote(stdin_file);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = stdout_file.empty() ? ReadFile(dir + "/out") : "";
  r.err = ReadFile(dir + "/err");
  std::system(("rm -rf " + dir).c_str());
  return r;
}

}  // namespace sparkmc::test
