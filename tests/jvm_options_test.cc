// The JVM option table (compiler/data/jvm/removed-options.tsv) against the
// JDK: lookups encode HotSpot's special_jvm_flags tables, and every row's
// example option does on each installed JDK what the table predicts (run
// `java <option> -version`). Without a JDK the differential test is skipped.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <regex>
#include <string>

#include "compiler/check/jvm_options.h"
#include "compiler/model/submit_args.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

JvmOptionState State(const char* option, int java) { return JudgeJvmOption(option, java).state; }
int Since(const char* option, int java) { return JudgeJvmOption(option, java).since; }

TEST(JvmOptionTable, FindsEveryFormOfAnOption) {
  ASSERT_NE(FindJvmOption("-XX:+UseConcMarkSweepGC"), nullptr);
  EXPECT_EQ(FindJvmOption("-XX:-UseConcMarkSweepGC"), FindJvmOption("-XX:+UseConcMarkSweepGC"));
  ASSERT_NE(FindJvmOption("-XX:MaxPermSize=512m"), nullptr);
  EXPECT_EQ(FindJvmOption("-XX:MaxPermSize=512m")->option, "-XX:MaxPermSize");
  EXPECT_EQ(FindJvmOption("-XX:PermSize=1g")->option, "-XX:PermSize");  // not MaxPermSize's row
  EXPECT_EQ(FindJvmOption("-Xloggc:/var/log/gc.log")->option, "-Xloggc:");
  EXPECT_EQ(FindJvmOption("-Xlog:gc*:file=/tmp/gc.log")->option, "-Xlog:");
  // Options the JDKs keep, and names that only look alike.
  for (const char* ok : {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseConcMarkSweepGCX", "-XX:MaxRAMPercentage=75",
                         "-verbose:gc", "-Dspark.x=-XX:+UseConcMarkSweepGC", "-XX:", "", "-Xloggc"}) {
    EXPECT_EQ(FindJvmOption(ok), nullptr) << ok;
  }
}

// The states, as HotSpot's special_jvm_flags tables of JDK 11, 14 and 17 state them.
TEST(JvmOptionTable, StatesFollowTheJdkTables) {
  EXPECT_EQ(State("-XX:+UseConcMarkSweepGC", 8), JvmOptionState::kAccepted);
  EXPECT_EQ(State("-XX:+UseConcMarkSweepGC", 11), JvmOptionState::kDeprecated);  // jdk11: deprecated_in 9
  EXPECT_EQ(Since("-XX:+UseConcMarkSweepGC", 11), 9);
  EXPECT_EQ(State("-XX:+UseConcMarkSweepGC", 14), JvmOptionState::kObsolete);    // jdk14u: obsolete 14, expired 15
  EXPECT_EQ(State("-XX:+UseConcMarkSweepGC", 17), JvmOptionState::kRefused);
  EXPECT_EQ(Since("-XX:+UseConcMarkSweepGC", 17), 15);
  EXPECT_EQ(State("-XX:MaxPermSize=1g", 8), JvmOptionState::kObsolete);  // obsolete since 8
  EXPECT_EQ(State("-XX:MaxPermSize=1g", 11), JvmOptionState::kObsolete);
  EXPECT_EQ(State("-XX:MaxPermSize=1g", 17), JvmOptionState::kRefused);
  EXPECT_EQ(State("-XX:+UseParNewGC", 8), JvmOptionState::kAccepted);
  EXPECT_EQ(State("-XX:+UseParNewGC", 11), JvmOptionState::kRefused);
  EXPECT_EQ(State("-XX:+AggressiveOpts", 11), JvmOptionState::kDeprecated);  // jdk11: 11, 12, 13
  EXPECT_EQ(State("-XX:+AggressiveOpts", 17), JvmOptionState::kRefused);
  EXPECT_EQ(State("-XX:+UseBiasedLocking", 17), JvmOptionState::kDeprecated);  // jdk17u: 15, 18, 19
  EXPECT_EQ(State("-XX:+PrintGCDateStamps", 8), JvmOptionState::kAccepted);
  EXPECT_EQ(State("-XX:+PrintGCDateStamps", 11), JvmOptionState::kRefused);  // JEP 271: gone in 9
  EXPECT_EQ(State("-XX:+PrintGCDetails", 17), JvmOptionState::kDeprecated);   // mapped to -Xlog:gc*
  EXPECT_EQ(State("-Xloggc:/x", 8), JvmOptionState::kAccepted);
  EXPECT_EQ(State("-Xlog:gc", 8), JvmOptionState::kRefused);  // JEP 158: new in 9
  EXPECT_TRUE(JudgeJvmOption("-Xlog:gc", 8).too_new);
  EXPECT_EQ(State("-Xlog:gc", 11), JvmOptionState::kAccepted);
}

// EMR 6.8.0's captured executor defaults on Java 17: only PrintGCDateStamps is
// fatal, PrintGCDetails warns (shared/notes/emr-releases.md section 3, run on
// OpenJDK 17.0.15); the driver's string is clean.
TEST(JvmOptionTable, Emr680DefaultsOnJava17) {
  std::map<std::string, JvmOptionState> judged;
  for (const auto& t : SplitJavaOptions("-verbose:gc -XX:+PrintGCDetails -XX:+PrintGCDateStamps -XX:+UseParallelGC "
                                        "-XX:InitiatingHeapOccupancyPercent=70 -XX:OnOutOfMemoryError='kill -9 %p'")) {
    JvmOptionState st = JudgeJvmOption(t.text, 17).state;
    if (st != JvmOptionState::kAccepted) judged[t.text] = st;
  }
  EXPECT_EQ(judged, (std::map<std::string, JvmOptionState>{{"-XX:+PrintGCDateStamps", JvmOptionState::kRefused},
                                                           {"-XX:+PrintGCDetails", JvmOptionState::kDeprecated}}));
  for (const auto& t : SplitJavaOptions("-XX:OnOutOfMemoryError='kill -9 %p' -XX:+UseParallelGC "
                                        "-XX:InitiatingHeapOccupancyPercent=70")) {
    EXPECT_EQ(JudgeJvmOption(t.text, 17).state, JvmOptionState::kAccepted) << t.text;
  }
}

// Spark's Utils.splitCommandString: quotes group, a backslash escapes only
// inside double quotes; offsets point at each word's first character.
TEST(JvmOptionTable, SplitsAsSparkDoes) {
  auto t = SplitJavaOptions("  -XX:OnOutOfMemoryError='kill -9 %p'\t-Da=\"x\\\"y\" -Db=c\\d ''");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].text, "-XX:OnOutOfMemoryError=kill -9 %p");
  EXPECT_EQ(t[0].offset, 2u);
  EXPECT_EQ(t[1].text, "-Da=x\"y");
  EXPECT_EQ(t[2].text, "-Db=c\\d");
  EXPECT_EQ(t[3].text, "");
  EXPECT_TRUE(SplitJavaOptions(" \n ").empty());
}

/// What `java ARGS -version` did: exit code and stdout+stderr.
struct JavaRun {
  int code = -1;
  std::string out;
};

JavaRun RunJava(const std::string& java, const std::vector<std::string>& args) {
  std::string cmd = ShellQuote(java);
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  cmd += " -version 2>&1";
  JavaRun r;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return r;
}

/// Installed JDKs by feature version (java on PATH, /usr/lib/jvm/*).
std::map<int, std::string> InstalledJdks() {
  std::vector<std::string> candidates = {"java"};
  if (DIR* d = ::opendir("/usr/lib/jvm")) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") candidates.push_back("/usr/lib/jvm/" + n + "/bin/java");
    }
    ::closedir(d);
  }
  std::map<int, std::string> out;
  const std::regex version(R"re(version "(1\.)?([0-9]+))re");
  for (const std::string& java : candidates) {
    JavaRun r = RunJava(java, {});
    std::smatch m;
    if (r.code == 0 && std::regex_search(r.out, m, version)) out.emplace(std::stoi(m[2]), java);
  }
  return out;
}

TEST(JvmOptionTable, InstalledJdksAgree) {
  std::map<int, std::string> jdks = InstalledJdks();
  if (jdks.empty()) GTEST_SKIP() << "no JDK installed (.ci/install installs one)";
  std::string dir = TempDir();
  int checked = 0;
  for (const auto& [feature, java] : jdks) {
    for (const JvmOptionRow& row : JvmOptionTable()) {
      std::string option = std::regex_replace(row.example, std::regex("/tmp/"), dir + "/");
      JvmOptionState want = JudgeJvmOption(option, feature).state;
      // The table's sources run through JDK 17; after it only a refusal is
      // certain (an expired option never comes back).
      if (feature > 17 && want != JvmOptionState::kRefused) continue;
      JavaRun r = RunJava(java, {option});
      std::string what = "java " + std::to_string(feature) + " " + option + ":\n" + r.out;
      switch (want) {
        case JvmOptionState::kRefused:
          EXPECT_NE(r.code, 0) << what;
          EXPECT_NE(r.out.find("Unrecognized"), std::string::npos) << what;
          // Spark 3.3+'s JavaModuleOptions make the same JVM start.
          EXPECT_EQ(RunJava(java, {"-XX:+IgnoreUnrecognizedVMOptions", option}).code, 0) << what;
          break;
        case JvmOptionState::kObsolete:
          EXPECT_EQ(r.code, 0) << what;
          EXPECT_NE(r.out.find("Ignoring option"), std::string::npos) << what;
          break;
        case JvmOptionState::kDeprecated:
          EXPECT_EQ(r.code, 0) << what;
          EXPECT_NE(r.out.find("deprecated"), std::string::npos) << what;
          break;
        case JvmOptionState::kAccepted:
          EXPECT_EQ(r.code, 0) << what;
          EXPECT_EQ(r.out.find("deprecated"), std::string::npos) << what;
          EXPECT_EQ(r.out.find("Ignoring option"), std::string::npos) << what;
          break;
      }
      ++checked;
    }
  }
  std::system(("rm -rf " + ShellQuote(dir)).c_str());
  EXPECT_GT(checked, 30);
}

}  // namespace
}  // namespace sparkmc::test
