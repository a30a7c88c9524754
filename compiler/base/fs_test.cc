#include "compiler/base/fs.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace sparkmc::fs {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Put(const std::string& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

/// Everything in \a dir, one level: name to content, "<dir>" or "<link>".
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    out[name] = e.is_symlink() ? "<link>" : e.is_directory() ? "<dir>" : Read(e.path().string());
  }
  return out;
}

/// Our temp names left in \a dir.
std::vector<std::string> Temps(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.find(".sparkmc-") != std::string::npos) out.push_back(name);
  }
  return out;
}

/// Fails the nth call of \a op with \a err; counts the calls of \a op in *calls.
void FailNth(const std::string& op, int n, int err, int* calls) {
  *calls = 0;
  SetFaultHook([=](std::string_view o, const std::string&) { return o == op && ++*calls == n ? err : 0; });
}

std::string MessageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no error>";
}

class FsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sparkmc-fs-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    SetFaultHook(nullptr);
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root_, ec)) {
      if (!e.is_symlink()) ::chmod(e.path().c_str(), 0755);  // chmod 000 folders
    }
    std::filesystem::remove_all(root_, ec);
  }
  std::string P(const std::string& rel) const { return root_ + "/" + rel; }

  std::string root_;
};

TEST_F(FsTest, ListSortsByNameWithTypesAndDoesNotFollowLinks) {
  Put(P("b.json"), "b");
  ASSERT_EQ(::mkdir(P("a").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("a", P("c").c_str()), 0);
  ASSERT_EQ(::mkfifo(P("f").c_str(), 0644), 0);
  Put(P(".hidden"), "h");
  std::vector<Entry> entries = List(root_);
  ASSERT_EQ(entries.size(), 5u);
  std::vector<std::pair<std::string, Type>> got;
  for (const Entry& e : entries) got.emplace_back(e.name, e.type);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, Type>>{{".hidden", Type::kFile},
                                                            {"a", Type::kDirectory},
                                                            {"b.json", Type::kFile},
                                                            {"c", Type::kSymlink},
                                                            {"f", Type::kOther}}));
}

TEST_F(FsTest, ListOfMissingOrNonDirectoryThrows) {
  try {
    List(P("missing"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, P("missing"));
    EXPECT_STREQ(e.what(), "cannot read directory: No such file or directory");
  }
  Put(P("file"), "x");
  EXPECT_EQ(MessageOf([&] { List(P("file")); }), "cannot read directory: Not a directory");
  EXPECT_THROW(Walk(P("missing")), InputError);
}

TEST_F(FsTest, UnreadableDirectoryThrows) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads a chmod 000 folder";
  ASSERT_EQ(::mkdir(P("jobs").c_str(), 0755), 0);
  Put(P("jobs/a.json"), "{}");
  ASSERT_EQ(::chmod(P("jobs").c_str(), 0), 0);
  EXPECT_EQ(MessageOf([&] { List(P("jobs")); }), "cannot read directory: Permission denied");
  // Deep in a walk too: never "0 files".
  EXPECT_THROW(Walk(root_), InputError);
}

TEST_F(FsTest, UnreadableDirectoryThrowsForAnUnprivilegedUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to become nobody";
  ASSERT_EQ(::chmod(root_.c_str(), 0755), 0);
  ASSERT_EQ(::mkdir(P("jobs").c_str(), 0), 0);
  std::fflush(nullptr);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    std::string list = MessageOf([&] { List(P("jobs")); });
    std::string walk = MessageOf([&] { Walk(root_); });
    bool ok = list == "cannot read directory: Permission denied" && walk == list;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_F(FsTest, WalkSkipsHiddenNamesAndSymlinksAndFilters) {
  for (const char* d : {"sub", "sub/deeper", ".git"}) ASSERT_EQ(::mkdir(P(d).c_str(), 0755), 0);
  for (const char* f : {"a.json", "sub/b.yaml", "sub/c.txt", "sub/deeper/d.json", ".git/x.json", "sub/.e.json"}) Put(P(f), "x");
  ASSERT_EQ(::symlink(P("sub").c_str(), P("linked-dir").c_str()), 0);
  ASSERT_EQ(::symlink("/etc/passwd", P("passwd.json").c_str()), 0);
  auto keep = [](const std::string& name) { return name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0; };
  EXPECT_EQ(Walk(root_, keep), (std::vector<std::string>{P("a.json"), P("sub/deeper/d.json")}));
  EXPECT_EQ(Walk(root_ + "/"), (std::vector<std::string>{P("a.json"), P("sub/b.yaml"), P("sub/c.txt"), P("sub/deeper/d.json")}));
}

TEST_F(FsTest, WalkIsBoundedAt64Levels) {
  std::string dir = root_;
  for (int i = 0; i < 64; ++i) {
    dir += "/d";
    ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0);
  }
  Put(dir + "/x.json", "x");
  EXPECT_EQ(Walk(root_).size(), 1u);
  ASSERT_EQ(::mkdir((dir + "/d").c_str(), 0755), 0);
  EXPECT_EQ(MessageOf([&] { Walk(root_); }), "directory tree is more than 64 levels deep");
}

TEST_F(FsTest, TypeOfDoesNotFollowLinks) {
  Put(P("f"), "x");
  ASSERT_EQ(::symlink("f", P("l").c_str()), 0);
  EXPECT_EQ(TypeOf(P("f")), Type::kFile);
  EXPECT_EQ(TypeOf(root_), Type::kDirectory);
  EXPECT_EQ(TypeOf(P("l")), Type::kSymlink);
  EXPECT_EQ(TypeOf(P("missing")), Type::kMissing);
  EXPECT_EQ(TypeOf(P("f/under-a-file")), Type::kMissing);
  EXPECT_EQ(TypeOf("/dev/null"), Type::kOther);
  EXPECT_TRUE(IsRegularFile(P("f")));
  EXPECT_FALSE(IsRegularFile(P("l")));
  EXPECT_FALSE(IsRegularFile(root_));
}

TEST_F(FsTest, ReadFileLimitsAndRefusals) {
  Put(P("ten"), "0123456789");
  EXPECT_EQ(ReadFile(P("ten"), 10), "0123456789");
  EXPECT_EQ(MessageOf([&] { ReadFile(P("ten"), 9); }), "file is 10 bytes, over the limit of 9 bytes");
  ASSERT_EQ(::symlink("ten", P("link").c_str()), 0);
  EXPECT_EQ(ReadFile(P("link"), 10), "0123456789");  // a link the user names is read
  EXPECT_EQ(MessageOf([&] { ReadFile(root_, 10); }), "is a directory, not a file");
  ASSERT_EQ(::mkfifo(P("fifo").c_str(), 0644), 0);
  EXPECT_EQ(MessageOf([&] { ReadFile(P("fifo"), 10); }), "not a regular file");  // and does not hang
  EXPECT_EQ(MessageOf([&] { ReadFile("/dev/zero", 10); }), "not a regular file");
  EXPECT_EQ(MessageOf([&] { ReadFile(P("missing"), 10); }), "cannot read file: No such file or directory");
  try {
    ReadFile(P("missing"), 10);
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, P("missing"));
  }
  Put(P("empty"), "");
  EXPECT_EQ(ReadFile(P("empty"), 0), "");
}

TEST(Fs, LexicalBaseNameParent) {
  EXPECT_EQ(Lexical("out/."), "out");
  EXPECT_EQ(Lexical("out/"), "out");
  EXPECT_EQ(Lexical("./a//b/"), "a/b");
  EXPECT_EQ(Lexical(""), ".");
  EXPECT_EQ(Lexical("./"), ".");
  EXPECT_EQ(Lexical("/"), "/");
  EXPECT_EQ(Lexical("a/.."), ".");
  EXPECT_EQ(Lexical("../x/."), "../x");
  EXPECT_EQ(BaseName("a/b/"), "b");
  EXPECT_EQ(BaseName("b"), "b");
  EXPECT_EQ(BaseName("/"), "/");
  EXPECT_EQ(Parent("a/b"), "a");
  EXPECT_EQ(Parent("a/b/."), "a");
  EXPECT_EQ(Parent("b"), ".");
  EXPECT_EQ(Parent("/b"), "/");
  EXPECT_EQ(Parent("/"), "/");
  EXPECT_EQ(Parent("."), "..");
  EXPECT_EQ(Parent(".."), "../..");
}

TEST_F(FsTest, IsWithinResolvesSymlinks) {
  ASSERT_EQ(::mkdir(P("project").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir(P("project/pods").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir(P("projectX").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("/etc", P("project/etc").c_str()), 0);
  EXPECT_TRUE(IsWithin(P("project/pods/driver.yaml"), P("project")));
  EXPECT_TRUE(IsWithin(P("project/not-yet/x.yaml"), P("project/")));
  EXPECT_TRUE(IsWithin(P("project"), P("project")));
  EXPECT_FALSE(IsWithin(P("projectX/a.yaml"), P("project")));
  EXPECT_FALSE(IsWithin(P("project/../projectX/a.yaml"), P("project")));
  EXPECT_FALSE(IsWithin(P("project/etc/passwd"), P("project")));
  EXPECT_FALSE(IsWithin(P("project/missing/../../projectX"), P("project")));
}

TEST_F(FsTest, AtomicFileReplacesOnlyOnCommit) {
  Put(P("report.sarif"), "old");
  {
    AtomicFile f(P("report.sarif"));
    f.Write("new ");
    f.Write(std::string(100 << 10, 'x'));  // past the buffer: a real write happens
    EXPECT_EQ(Read(P("report.sarif")), "old");
    EXPECT_EQ(Temps(root_).size(), 1u);
  }  // not committed
  EXPECT_EQ(Read(P("report.sarif")), "old");
  EXPECT_TRUE(Temps(root_).empty());

  ReplaceFile(P("report.sarif"), "new");
  EXPECT_EQ(Read(P("report.sarif")), "new");
  EXPECT_TRUE(Temps(root_).empty());
  mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat st;
  ASSERT_EQ(::stat(P("report.sarif").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u & ~mask);
  ReplaceFile(P("fresh.json"), "");  // a new file, empty
  EXPECT_TRUE(IsRegularFile(P("fresh.json")));
}

TEST_F(FsTest, AtomicFileRefusesSymlinkDirectoryAndDevice) {
  Put(P("victim"), "secret");
  ASSERT_EQ(::symlink(P("victim").c_str(), P("report.json").c_str()), 0);
  ASSERT_EQ(::symlink(P("nowhere").c_str(), P("dangling.json").c_str()), 0);
  try {
    AtomicFile f(P("report.json"));
    FAIL() << "no error";
  } catch (const OutputError& e) {
    EXPECT_EQ(e.path(), P("report.json"));
    EXPECT_NE(std::string(e.what()).find("symlink"), std::string::npos);
  }
  EXPECT_THROW(ReplaceFile(P("dangling.json"), "x"), OutputError);
  EXPECT_EQ(Read(P("victim")), "secret");
  EXPECT_EQ(TypeOf(P("report.json")), Type::kSymlink);
  EXPECT_EQ(TypeOf(P("nowhere")), Type::kMissing);
  EXPECT_THROW(ReplaceFile(root_, "x"), OutputError);
  EXPECT_THROW(ReplaceFile(P("."), "x"), OutputError);
  EXPECT_THROW(ReplaceFile("/dev/full", "x"), OutputError);
  EXPECT_THROW(ReplaceFile(P("no-such-dir/r.json"), "x"), OutputError);
  EXPECT_TRUE(Temps(root_).empty());
}

TEST_F(FsTest, AtomicFileFailureAtEachStepLeavesTheOriginal) {
  Put(P("r.json"), "original");
  for (const char* op : {"open", "write", "fsync", "close", "rename"}) {
    int calls;
    FailNth(op, 1, ENOSPC, &calls);
    try {
      ReplaceFile(P("r.json"), "new content");
      ADD_FAILURE() << op << ": no error";
    } catch (const OutputError& e) {
      EXPECT_EQ(e.path(), P("r.json")) << op;
      EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << op << ": " << e.what();
    }
    EXPECT_EQ(Read(P("r.json")), "original") << op;
    EXPECT_TRUE(Temps(root_).empty()) << op;
  }
}

// Write after a failed write fails again rather than producing a file with a hole.
TEST_F(FsTest, AtomicFileWriteFailureSticks) {
  Put(P("r.json"), "original");
  int calls;
  FailNth("write", 1, EIO, &calls);
  AtomicFile f(P("r.json"));
  EXPECT_THROW(f.Write(std::string(100 << 10, 'x')), OutputError);
  SetFaultHook(nullptr);
  EXPECT_THROW(f.Write("more"), OutputError);
  EXPECT_THROW(f.Commit(), OutputError);
  EXPECT_EQ(Read(P("r.json")), "original");
}

TEST_F(FsTest, ReplaceDirectoryCreatesMissingFolderAndParents) {
  ReplaceDirectory(P("a/b/out/"), {{"x.yaml", "x"}, {"kustomization.yaml", "k"}});
  EXPECT_EQ(Snapshot(P("a/b/out")), (std::map<std::string, std::string>{{"kustomization.yaml", "k"}, {"x.yaml", "x"}}));
  EXPECT_TRUE(Temps(P("a/b")).empty());
  struct stat st;
  ASSERT_EQ(::stat(P("a/b/out").c_str(), &st), 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0755u & ~mask);
  int calls;
  FailNth("mkdir", 1, EACCES, &calls);  // the parents
  EXPECT_EQ(MessageOf([&] { ReplaceDirectory(P("c/out"), {{"x.yaml", "x"}}); }),
            "cannot create " + P("c") + ": Permission denied");
  EXPECT_EQ(TypeOf(P("c")), Type::kMissing);
}

TEST_F(FsTest, ReplaceDirectoryReplacesTheWholeFolder) {
  ASSERT_EQ(::mkdir(P("out").c_str(), 0755), 0);
  Put(P("out/x.yaml"), "old x");
  Put(P("out/stale.yaml"), "from an earlier run");
  ReplaceDirectory(P("out/."), {{"x.yaml", "new x"}, {"y.yaml", "y"}});
  EXPECT_EQ(Snapshot(P("out")), (std::map<std::string, std::string>{{"x.yaml", "new x"}, {"y.yaml", "y"}}));
  EXPECT_EQ(Snapshot(root_).size(), 1u);  // no temp folder, no backup
  ReplaceDirectory(P("out"), {});
  EXPECT_TRUE(Snapshot(P("out")).empty());
}

TEST_F(FsTest, ReplaceDirectoryRefusesToWriteThroughASymlink) {
  ASSERT_EQ(::mkdir(P("real").c_str(), 0755), 0);
  Put(P("real/keep.yaml"), "keep");
  ASSERT_EQ(::symlink(P("real").c_str(), P("link").c_str()), 0);
  for (const std::string& target : {P("link"), P("link/."), P("link/")}) {
    try {
      ReplaceDirectory(target, {{"x.yaml", "x"}});
      ADD_FAILURE() << target << ": no error";
    } catch (const OutputError& e) {
      EXPECT_EQ(e.path(), P("link"));
      EXPECT_NE(std::string(e.what()).find("symlink"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(Snapshot(P("real")), (std::map<std::string, std::string>{{"keep.yaml", "keep"}}));
  EXPECT_EQ(TypeOf(P("link")), Type::kSymlink);
  EXPECT_TRUE(Temps(root_).empty());
}

TEST_F(FsTest, ReplaceDirectoryRefusesFoldersThatAreNotOurs) {
  ASSERT_EQ(::mkdir(P("out").c_str(), 0755), 0);
  Put(P("out/a.yaml"), "a");
  ASSERT_EQ(::symlink("/etc/passwd", P("out/fluentd.yaml").c_str()), 0);  // planted in a pull request
  EXPECT_THROW(ReplaceDirectory(P("out"), {{"fluentd.yaml", "x"}}), OutputError);
  ASSERT_EQ(::unlink(P("out/fluentd.yaml").c_str()), 0);
  ASSERT_EQ(::mkdir(P("out/src").c_str(), 0755), 0);  // `-o` pointing at a source tree
  EXPECT_THROW(ReplaceDirectory(P("out"), {{"a.yaml", "x"}}), OutputError);
  EXPECT_EQ(Read(P("out/a.yaml")), "a");
  Put(P("file"), "f");
  EXPECT_THROW(ReplaceDirectory(P("file"), {{"a.yaml", "x"}}), OutputError);
  EXPECT_THROW(ReplaceDirectory(P("out/src/.."), {{"a.yaml", "x"}}), OutputError);  // that is "out", with a folder in it
  EXPECT_THROW(ReplaceDirectory(".", {{"a.yaml", "x"}}), OutputError);
  EXPECT_THROW(ReplaceDirectory("/", {{"a.yaml", "x"}}), OutputError);
  for (const char* bad : {"", ".", "..", "../escape.yaml", "sub/a.yaml"}) {
    EXPECT_THROW(ReplaceDirectory(P("new"), {{bad, "x"}}), OutputError) << bad;
  }
  EXPECT_THROW(ReplaceDirectory(P("new"), {{"a", "1"}, {"a", "2"}}), OutputError);
  EXPECT_EQ(TypeOf(P("new")), Type::kMissing);
  EXPECT_EQ(TypeOf(P("escape.yaml")), Type::kMissing);
  EXPECT_TRUE(Temps(root_).empty());
}

/// Fails each call of each step in turn and checks that dir is as before.
void ExpectEveryFaultLeavesDirAsItWas(const std::string& parent, const std::string& dir, bool exists) {
  const std::vector<std::pair<std::string, std::string>> files = {{"a.yaml", "new a"}, {"b.yaml", "new b"}};
  std::map<std::string, std::string> before;
  if (exists) before = Snapshot(dir);
  for (const char* op : {"mkdir", "open", "write", "fsync", "close", "exchange", "rename"}) {
    int injected = 0;
    for (int n = 1;; ++n) {
      int calls;
      FailNth(op, n, EIO, &calls);
      bool failed = false;
      try {
        ReplaceDirectory(dir, files);
      } catch (const OutputError& e) {
        failed = true;
        ++injected;
        EXPECT_NE(std::string(e.what()).find("Input/output error"), std::string::npos) << e.what();
      }
      SetFaultHook(nullptr);
      if (!failed) {
        ASSERT_LT(calls, n) << op << " #" << n << " was failed but the call succeeded";
        break;
      }
      if (exists) {
        EXPECT_EQ(Snapshot(dir), before) << op << " #" << n;
      } else {
        EXPECT_EQ(TypeOf(dir), Type::kMissing) << op << " #" << n;
      }
      EXPECT_TRUE(Temps(parent).empty()) << op << " #" << n;
    }
    // Every step the swap takes was failed at least once: files and folders alike.
    bool used = exists ? std::string(op) != "rename" : std::string(op) != "exchange";
    EXPECT_EQ(injected > 0, used) << op << " failed " << injected << " times";
    // The successful run above replaced dir: put the old one back.
    std::filesystem::remove_all(dir);
    if (exists) {
      std::filesystem::create_directory(dir);
      for (const auto& [name, content] : before) Put(dir + "/" + name, content);
    }
  }
}

TEST_F(FsTest, ReplaceDirectoryFaultAtEachStepOfTheSwapChangesNothing) {
  ASSERT_EQ(::mkdir(P("out").c_str(), 0755), 0);
  Put(P("out/a.yaml"), "old a");
  Put(P("out/stale.yaml"), "old stale");
  ExpectEveryFaultLeavesDirAsItWas(root_, P("out"), true);
}

TEST_F(FsTest, ReplaceDirectoryFaultAtEachStepOfCreationLeavesNoFolder) {
  ExpectEveryFaultLeavesDirAsItWas(root_, P("out"), false);
}

TEST_F(FsTest, ReplaceDirectoryFallsBackWhenExchangeIsUnsupported) {
  ASSERT_EQ(::mkdir(P("out").c_str(), 0755), 0);
  Put(P("out/stale.yaml"), "old");
  SetFaultHook([](std::string_view op, const std::string&) { return op == "exchange" ? EINVAL : 0; });
  ReplaceDirectory(P("out"), {{"a.yaml", "a"}});
  EXPECT_EQ(Snapshot(P("out")), (std::map<std::string, std::string>{{"a.yaml", "a"}}));
  EXPECT_TRUE(Temps(root_).empty());
  // A failure in the fallback's renames or final sync restores the old folder.
  for (const char* op : {"rename", "fsync"}) {
    int injected = 0;
    for (int n = 1;; ++n) {
      int calls = 0;
      SetFaultHook([&calls, op, n](std::string_view o, const std::string&) {
        if (o == "exchange") return EINVAL;
        return o == op && ++calls == n ? EIO : 0;
      });
      bool failed = false;
      try {
        ReplaceDirectory(P("out"), {{"b.yaml", "b"}});
      } catch (const OutputError&) {
        failed = true;
        ++injected;
      }
      SetFaultHook(nullptr);
      if (!failed) {
        EXPECT_EQ(Snapshot(P("out")), (std::map<std::string, std::string>{{"b.yaml", "b"}}));
        ReplaceDirectory(P("out"), {{"a.yaml", "a"}});  // back, for the next step
        break;
      }
      EXPECT_EQ(Snapshot(P("out")), (std::map<std::string, std::string>{{"a.yaml", "a"}})) << op << " #" << n;
      EXPECT_TRUE(Temps(root_).empty()) << op << " #" << n;
    }
    EXPECT_GT(injected, 0) << op;
  }
}

pid_t DeadPid() {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;  // reaped: no such process, until the pid is reused
}

TEST_F(FsTest, StaleTempsOfKilledRunsAreRemoved) {
  std::fflush(nullptr);
  pid_t dead = DeadPid();
  std::string stale = P(".out.sparkmc-" + std::to_string(dead) + "-abc123");
  std::string alive = P(".out.sparkmc-1-abc123");  // pid 1 always runs
  std::string other = P(".other.sparkmc-" + std::to_string(dead) + "-abc123");  // beside another name
  for (const std::string& d : {stale, alive, other}) {
    ASSERT_EQ(::mkdir(d.c_str(), 0755), 0);
    Put(d + "/half.yaml", "half");
  }
  Put(P(".r.json.sparkmc-" + std::to_string(dead) + "-xyz789"), "half a report");
  ReplaceDirectory(P("out"), {{"a.yaml", "a"}});
  EXPECT_EQ(TypeOf(stale), Type::kMissing);
  EXPECT_EQ(TypeOf(alive), Type::kDirectory);
  EXPECT_EQ(TypeOf(other), Type::kDirectory);
  ReplaceFile(P("r.json"), "report");
  EXPECT_EQ(TypeOf(P(".r.json.sparkmc-" + std::to_string(dead) + "-xyz789")), Type::kMissing);
}

TEST(Fs, WriteStreamToAFullDeviceFails) {
  std::FILE* full = std::fopen("/dev/full", "w");
  ASSERT_NE(full, nullptr);
  std::string message = MessageOf([&] {
    WriteStream(full, "apiVersion: v1\n", "<full>");  // buffered: fine so far
    FlushStream(full, "<full>");
  });
  EXPECT_EQ(message, "cannot write: No space left on device");
  std::fclose(full);
  SetFaultHook([](std::string_view op, const std::string& path) { return op == "write" && path == "<stdout>" ? EPIPE : 0; });
  EXPECT_EQ(MessageOf([] { WriteStdout("x"); }), "cannot write: Broken pipe");
  SetFaultHook(nullptr);
}

TEST(Fs, WriteStdoutToDevFullFails) {
  std::fflush(nullptr);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (!std::freopen("/dev/full", "w", stdout)) ::_exit(3);
    try {
      WriteStdout("kind: ConfigMap\n");
      FlushStdout();
    } catch (const OutputError& e) {
      ::_exit(e.path() == "<stdout>" && std::string(e.what()) == "cannot write: No space left on device" ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: no error, 2: wrong error";
}

}  // namespace
}  // namespace sparkmc::fs
