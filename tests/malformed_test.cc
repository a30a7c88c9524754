// The malformed-input corpus (testdata/malformed/cases.tsv) through every
// command that reads a job:
// - compile refuses each file: exit code 2, a message naming file, line and
//   column, and nothing written (neither on stdout nor with -o);
// - lint -f json refuses what cannot be parsed at all (exit 2 at the same
//   place) and reports everything else as an error finding at that place
//   (exit 1); files that are not a job at all it skips (exit 0), and a few
//   problems only compile has it does not report (both lists below, with why);
// - check (against an empty manifests folder, with compile's flags) refuses
//   each file like compile, and skips what lint skips; it never writes.
#include <gtest/gtest.h>
#include <dirent.h>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "compiler/load/document.h"
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

const std::vector<std::string> kCompileFlags = {"--namespace", "emr-cli", "--region", "ap-northeast-2", "--job-id",
                                                "0000000337okspsc913"};

/// Files that are not a job at all: lint and check skip them (lint counts
/// them as skipped) and exit 0; compile, given one on purpose, refuses it.
const std::map<std::string, std::string> kNotAJob = {
    {"empty.json", "an empty file"},
    {"only-comments.yaml", "only comments: no document"},
    {"only-document-markers.yaml", "only document markers: empty documents"},
    {"type-job-array.json", "a top-level list"},
    {"type-job-list.yaml", "a top-level list"},
    {"type-job-string.json", "a top-level string"},
};

/// Problems only compile has: lint checks the job without them and finds no
/// error (check refuses them as compile does).
const std::map<std::string, std::string> kOnlyCompileRefuses = {
    {"multidoc-two-jobs.yaml", "lint reads every job of a file; one job per file is compile's limit"},
    {"multidoc-second-scalar.yaml",
     "lint classifies each document on its own: the scalar document is not a job and is passed over, the job beside "
     "it is linted"},
    {"ack-virtual-cluster-ref.yaml",
     "lint needs no virtual cluster id (it uses a stand-in); compile needs the real one to name the ConfigMaps"},
};

/// Where check words a refusal differently from compile.
const std::map<std::string, std::string> kCheckFragment = {
    {"multidoc-two-jobs.yaml", "check compiles one job per file"},
};

std::string Prefix(const Case& c, const std::string& path) {
  return c.line > 0 ? path + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": error: "
                    : path + ": error: ";
}

/// Expects stderr's first line to start with the case's location and hold its fragment.
void ExpectLocated(const Case& c, const std::string& path, const std::string& err, const std::string& fragment) {
  std::string first = err.substr(0, err.find('\n'));
  std::string prefix = Prefix(c, path);
  EXPECT_EQ(first.rfind(prefix, 0), 0u) << "want prefix " << prefix << "\ngot " << first;
  EXPECT_NE(first.find(fragment), std::string::npos) << "want fragment '" << fragment << "'\ngot " << first;
}

/// Names in \a dir (none when it is empty or missing).
std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") out.push_back(n);
    }
    ::closedir(d);
  }
  return out;
}

/// Can sparkmc's loader parse the file into documents at all?
bool Parses(const std::string& path) {
  try {
    ParseDocuments(SourceFile{path, ReadFile(SourcePath(path))});
    return true;
  } catch (const InputError&) {
    return false;
  }
}

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, CompileRefusesItAtItsPosition) {
  const Case& c = GetParam();
  std::string path = "testdata/malformed/" + c.file;
  std::vector<std::string> args = {"compile", path};
  args.insert(args.end(), kCompileFlags.begin(), kCompileFlags.end());
  RunResult r = RunSparkmc(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ExpectLocated(c, path, r.err, c.fragment);
  // Nor does it write anything with -o.
  std::string dir = TempDir();
  args.push_back("-o");
  args.push_back(dir + "/out");
  RunResult to_dir = RunSparkmc(args);
  EXPECT_EQ(to_dir.exit_code, 2) << to_dir.err;
  EXPECT_EQ(to_dir.out, "");
  EXPECT_EQ(Entries(dir), std::vector<std::string>{}) << "compile -o wrote something";
  std::system(("rm -rf " + dir).c_str());
}

TEST_P(Malformed, LintRefusesOrReportsItAtItsPosition) {
  const Case& c = GetParam();
  std::string path = "testdata/malformed/" + c.file;
  RunResult r = RunSparkmc({"lint", "-f", "json", path});
  nlohmann::json report = nlohmann::json::parse(r.out, nullptr, false);
  if (kNotAJob.count(c.file)) {
    SCOPED_TRACE("not a job: " + kNotAJob.at(c.file));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
    EXPECT_EQ(report["summary"]["skipped"], 1) << r.out;
    EXPECT_EQ(report["summary"]["files"], 0) << r.out;
    EXPECT_EQ(report["findings"].size(), 0u) << r.out;
    return;
  }
  if (kOnlyCompileRefuses.count(c.file)) {
    SCOPED_TRACE("only compile refuses it: " + kOnlyCompileRefuses.at(c.file));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
    EXPECT_EQ(report["summary"]["errors"], 0) << r.out;
    EXPECT_EQ(report["summary"]["skipped"], 0) << r.out;
    return;
  }
  if (!Parses(path)) {
    // Nothing to lint: refused like compile refuses it.
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    ExpectLocated(c, path, r.err, c.fragment);
    if (!r.out.empty()) EXPECT_FALSE(report.is_discarded()) << "not JSON on stdout:\n" << r.out;
    return;
  }
  // Parsed: the problem is an error finding at its place.
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
  bool found = false;
  for (const auto& f : report["findings"]) {
    found |= f["file"] == path && f["line"] == c.line && f["column"] == c.column && f["severity"] == "error" &&
             f["message"].get<std::string>().find(c.fragment) != std::string::npos;
    EXPECT_NE(f["rule"], "internal-error") << f.dump();
  }
  EXPECT_TRUE(found) << "want an error finding at " << c.line << ":" << c.column << " with '" << c.fragment << "'\n"
                     << report.dump(1);
}

TEST_P(Malformed, CheckRefusesItAtItsPosition) {
  const Case& c = GetParam();
  std::string path = "testdata/malformed/" + c.file;
  std::string manifests = TempDir();
  std::vector<std::string> args = {"check", manifests, path};
  args.insert(args.end(), kCompileFlags.begin(), kCompileFlags.end());
  RunResult r = RunSparkmc(args);
  if (kNotAJob.count(c.file)) {
    SCOPED_TRACE("not a job: " + kNotAJob.at(c.file));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    ExpectLocated(c, path, r.err, kCheckFragment.count(c.file) ? kCheckFragment.at(c.file) : c.fragment);
  }
  EXPECT_EQ(Entries(manifests), std::vector<std::string>{}) << "check wrote into the manifests folder";
  std::system(("rm -rf " + manifests).c_str());
}

INSTANTIATE_TEST_SUITE_P(Corpus, Malformed, ::testing::ValuesIn(Cases()), [](const auto& info) {
  std::string n;
  for (char ch : info.param.file) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
});

TEST(MalformedCorpus, IsLargeEnough) { EXPECT_GE(Cases().size(), 60u); }

TEST(MalformedCorpus, ExceptionListsNameCorpusFiles) {
  // A renamed or removed case must not leave a stale exception behind.
  std::map<std::string, bool> files;
  for (const Case& c : Cases()) files[c.file] = true;
  for (const auto* list : {&kNotAJob, &kOnlyCompileRefuses, &kCheckFragment}) {
    for (const auto& [file, why] : *list) EXPECT_TRUE(files.count(file)) << file << " (" << why << ") is not in cases.tsv";
  }
}

}  // namespace
}  // namespace sparkmc::test
