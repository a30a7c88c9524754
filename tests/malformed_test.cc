// The malformed-input corpus (testdata/malformed/cases.tsv): every bad file
// gets exit code 2, a message naming file, line and column, and no output.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

struct Case {
  std::string file;
  int line = 0;
  int column = 0;
  std::string fragment;
};

std::vector<Case> Cases() {
  std::vector<Case> out;
  std::istringstream in(ReadFile(SourcePath("testdata/malformed/cases.tsv")));
  std::string row;
  std::getline(in, row);  // header
  while (std::getline(in, row)) {
    if (row.empty()) continue;
    std::istringstream r(row);
    Case c;
    std::string line, col;
    std::getline(r, c.file, '\t');
    std::getline(r, line, '\t');
    std::getline(r, col, '\t');
    std::getline(r, c.fragment);
    c.line = std::stoi(line);
    c.column = std::stoi(col);
    out.push_back(c);
  }
  return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, IsRefusedAtItsPosition) {
  const Case& c = GetParam();
  std::string path = "testdata/malformed/" + c.file;
  RunResult r = RunSparkmc({"compile", path, "--namespace", "emr-cli", "--region", "ap-northeast-2", "--job-id",
                            "0000000337okspsc913"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  std::string first = r.err.substr(0, r.err.find('\n'));
  std::string prefix = c.line > 0 ? path + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": error: "
                                  : path + ": error: ";
  EXPECT_EQ(first.rfind(prefix, 0), 0u) << "want prefix " << prefix << "\ngot " << first;
  EXPECT_NE(first.find(c.fragment), std::string::npos) << "want fragment '" << c.fragment << "'\ngot " << first;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Malformed, ::testing::ValuesIn(Cases()), [](const auto& info) {
  std::string n;
  for (char ch : info.param.file) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
});

TEST(MalformedCorpus, IsLargeEnough) { EXPECT_GE(Cases().size(), 60u); }

}  // namespace
}  // namespace sparkmc::test
