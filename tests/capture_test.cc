// `sparkmc capture verify|import`: the real emr-6.8.0 captures (testdata/
// conformance, copied from the seed) as kubectl prints them, a v1 List, must
// verify clean; importing them must reproduce the built-in facts byte for
// byte; a hand-altered capture of another release must compile another job
// exactly as that capture implies; bad captures are located errors.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "compiler/model/names.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

const std::string kCases = "testdata/conformance/emr-on-eks/";

std::string Expected(const std::string& c, const std::string& file) {
  return ReadFile(SourcePath(kCases + c + "/expected/" + file));
}

/// What `kubectl get configmap ... -o yaml` prints for several ConfigMaps.
std::string AsList(const std::vector<std::string>& docs) {
  std::string out = "apiVersion: v1\nitems:\n";
  for (const std::string& doc : docs) {
    std::istringstream in(doc);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
      if (line.rfind("#", 0) == 0 || line == "---") continue;
      if (line.empty()) {
        out += "\n";
        continue;
      }
      out += (first ? "- " : "  ") + line + "\n";
      first = false;
    }
  }
  return out + "kind: List\nmetadata:\n  resourceVersion: \"\"\n";
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Files 1-3 are three runs of one job, Files 4+5 and 6 two runs of another:
// one job id each makes a whole capture of one job.
std::string PlainCapture() {
  return AsList({Expected("seed-0000000337okspsc913", "file1-spark-defaults-configmap.yaml"),
                 Replace(Expected("seed-0000000337omlr0m19o", "file2-podtemplate-configmap.yaml"), "0000000337omlr0m19o",
                         "0000000337okspsc913"),
                 Replace(Expected("seed-0000000337olhmpguek", "file3-fluentd-configmap.yaml"), "0000000337olhmpguek",
                         "0000000337okspsc913")});
}

std::vector<std::string> LoggingDocs() {
  const std::string c = "seed-logging-0000000337p03c0klg8";
  return {Expected(c, "file4-spark-defaults-configmap-logging.yaml"), Expected(c, "file5-podtemplate-configmap-logging.yaml"),
          Replace(Expected("seed-logging-0000000337p0p4se23o", "file6-fluentd-configmap-logging.yaml"),
                  "0000000337p0p4se23o", "0000000337p03c0klg8")};
}

std::string LoggingCapture() { return AsList(LoggingDocs()); }

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  WriteFile(dir + "/" + name, text);
  return dir + "/" + name;
}

TEST(CaptureVerify, EveryConformanceCaseVerifiesCleanAsAList) {
  for (const char* c : {"seed-0000000337okspsc913", "seed-0000000337olhmpguek", "seed-0000000337omlr0m19o",
                        "seed-logging-0000000337p03c0klg8", "seed-logging-0000000337p0p4se23o"}) {
    std::vector<std::string> docs;
    for (const char* f : {"file1-spark-defaults-configmap.yaml", "file2-podtemplate-configmap.yaml",
                          "file3-fluentd-configmap.yaml", "file4-spark-defaults-configmap-logging.yaml",
                          "file5-podtemplate-configmap-logging.yaml", "file6-fluentd-configmap-logging.yaml"}) {
      std::string text = Expected(c, f);
      if (!text.empty()) docs.push_back(text);
    }
    std::string capture = Write(TempDir(), "capture.yaml", AsList(docs));
    RunResult r = RunSparkmc({"capture", "verify", SourcePath(kCases + c + "/job.json"), capture});
    EXPECT_EQ(r.exit_code, 0) << c << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("the capture matches"), std::string::npos) << r.out;
  }
}

TEST(CaptureVerify, TheSeedCapturesVerifyFromStdinAsDocuments) {
  const std::string seed = "/work/shared/seed/captures/emr-on-eks/";
  if (!Exists(seed)) GTEST_SKIP() << "no " << seed;
  // Several YAML documents (---), the redacted account put back.
  std::string docs = Replace(ReadFile(seed + "file4-spark-defaults-configmap-logging.yaml"), "[account-id]", "123456789012") +
                     "---\n" + Replace(ReadFile(seed + "file5-podtemplate-configmap-logging.yaml"), "[account-id]", "123456789012");
  std::string in = Write(TempDir(), "in.yaml", docs);
  RunResult r = RunSparkmc({"capture", "verify", SourcePath(kCases + "seed-logging-0000000337p03c0klg8/job.json"), "-"}, in);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CaptureVerify, EveryDifferenceIsPrintedWithTheFactBehindIt) {
  std::string text = Replace(Replace(PlainCapture(), "spark.driver.memory 1G", "spark.driver.memory 3G"),
                             "runAsUser: 999", "runAsUser: 1001");
  std::string capture = Write(TempDir(), "capture.yaml", text);
  RunResult r = RunSparkmc({"capture", "verify", SourcePath(kCases + "seed-0000000337okspsc913/job.json"), capture});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("spark.driver.memory: the capture has '3G', sparkmc wrote '1G'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sparkmc's fact: spark-defaults/spark.driver.memory: captured (shared/seed/captures/emr-on-eks File 1"),
            std::string::npos) << r.out;
  // runAsUser appears in both containers of both pod templates.
  EXPECT_NE(r.out.find("data.driver: spec.containers[spark-kubernetes-driver].securityContext.runAsUser: the capture has "
                       "'1001', sparkmc wrote '999'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sparkmc's fact: driver-pod: captured"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("capture.yaml:"), std::string::npos);
  EXPECT_NE(r.out.find(" differences from what sparkmc compiles"), std::string::npos) << r.out;
}

TEST(CaptureImport, SixEightCapturesReproduceTheBuiltInFactsByteForByte) {
  struct Case {
    std::string job, capture, combination, other_job;
  };
  for (const Case& c : {Case{kCases + "seed-0000000337okspsc913/job.json", PlainCapture(), "persistent-ui", "examples/pi.json"},
                        Case{kCases + "seed-logging-0000000337p03c0klg8/job.json", LoggingCapture(),
                             "cloudwatch+s3+persistent-ui", "examples/pi-logs.json"}}) {
    std::string dir = TempDir();
    std::string store = dir + "/facts";
    std::string capture = Write(dir, "capture.yaml", c.capture);
    RunResult imp = RunSparkmc({"capture", "import", SourcePath(c.job), capture, "--into", store});
    ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
    std::string folder = store + "/emr-6.8.0/" + c.combination;
    EXPECT_TRUE(Exists(folder + "/facts.tsv")) << imp.out;
    EXPECT_TRUE(Exists(store + "/emr-6.8.0/golden-" + c.combination + "/job.json"));
    EXPECT_TRUE(Exists(store + "/emr-6.8.0/golden-" + c.combination + "/args"));
    EXPECT_TRUE(Exists(store + "/emr-6.8.0/golden-" + c.combination + "/expected/pod-template.yaml"));
    // Another job, other ids: the same bytes with and without the store.
    for (const std::string& job : {c.job, c.other_job}) {
      std::vector<std::string> args = {"compile", SourcePath(job), "--namespace", "team-b", "--region", "us-west-2",
                                       "--job-id", "0000000999zzzz"};
      RunResult built_in = RunSparkmc(args);
      args.insert(args.end(), {"--facts", store});
      RunResult learned = RunSparkmc(args);
      ASSERT_EQ(built_in.exit_code, 0) << built_in.err;
      ASSERT_EQ(learned.exit_code, 0) << learned.err;
      EXPECT_EQ(learned.out, built_in.out) << job;
      EXPECT_EQ(learned.err, "") << job;
    }
    // The golden case beside the facts verifies against them.
    RunResult golden = RunSparkmc({"capture", "verify", store + "/emr-6.8.0/golden-" + c.combination + "/job.json",
                                   capture, "--facts", store});
    EXPECT_EQ(golden.exit_code, 0) << golden.out << golden.err;
  }
}

// Learning over facts learned before (the store overlays the built-in facts
// for the release): the same capture teaches the same facts.
TEST(CaptureImport, AgainOverItsOwnStoreLearnsTheSameFacts) {
  std::string dir = TempDir();
  std::string capture = Write(dir, "capture.yaml", LoggingCapture());
  std::string job = SourcePath(kCases + "seed-logging-0000000337p03c0klg8/job.json");
  RunResult first = RunSparkmc({"capture", "import", job, capture, "--into", dir + "/a"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  RunResult again = RunSparkmc({"capture", "import", job, capture, "--facts", dir + "/a", "--into", dir + "/b"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  const std::string facts = "/emr-6.8.0/cloudwatch+s3+persistent-ui/facts.tsv";
  EXPECT_EQ(ReadFile(dir + "/b" + facts), ReadFile(dir + "/a" + facts));
  EXPECT_FALSE(ReadFile(dir + "/a" + facts).empty());
}

// A release sparkmc has no capture of, "captured" by hand from the logging
// capture: another default, one changed, an extra env var in the driver and
// another fluentd image.
std::string AlteredCapture() {
  std::vector<std::string> docs = LoggingDocs();
  for (std::string& d : docs) {
    d = Replace(d, "emr-6.8.0:latest", "emr-7.2.0:latest");
    d = Replace(d, "fluentd/emr-7.2.0:latest", "fluentd/emr-7.2.0-fluentbit:20240610");
  }
  docs[0] = Replace(docs[0], "\n    spark.driver.memory 1G\n", "\n    spark.driver.memory 2G\n    spark.emr.example.newDefault 42\n");
  // The driver template is a | block: one more env var in its Spark container.
  const std::string after = "              value: /var/log/spark/error.log\n";
  size_t at = docs[1].find(after);
  docs[1].insert(at + after.size(), "            - name: EMR_RELEASE_MARKER\n              value: \"7.2.0\"\n");
  return AsList(docs);
}

TEST(CaptureImport, AnAlteredReleaseCompilesAnotherJobExactlyAsItsCaptureImplies) {
  std::string dir = TempDir();
  std::string store = dir + "/.sparkmc/releases";
  WriteFile(dir + "/.sparkmc.yaml", "releaseFacts: .sparkmc/releases\n");
  std::string job_a = Replace(ReadFile(SourcePath(kCases + "seed-logging-0000000337p03c0klg8/job.json")),
                              "emr-6.8.0-latest", "emr-7.2.0-latest");
  std::string a = Write(dir, "a.json", job_a);
  std::string capture = Write(dir, "capture.yaml", AlteredCapture());
  RunResult imp = RunSparkmc({"capture", "import", a, capture});
  ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
  EXPECT_TRUE(Exists(store + "/emr-7.2.0/cloudwatch+s3+persistent-ui/facts.tsv")) << imp.out;

  // Job B: every id and setting another.
  std::string job_b = job_a;
  job_b = Replace(job_b, "jk518skp01ys9ka8b0npx9nt0", "b2c3d4e5f6g7h8i9j0k1l2m3n");
  job_b = Replace(job_b, "arn:aws:iam::123456789012:role/ts-eks-emr-eks-emr-cli", "arn:aws:iam::210987654321:role/other-role");
  job_b = Replace(job_b, "\"spark-startjobrun\"", "\"/other/group\"");
  job_b = Replace(job_b, "\"pi-logs\"", "\"otherprefix\"");
  job_b = Replace(job_b, "s3://ssup2-spark/startjobrun/", "s3://other-bucket/some/prefix/");
  std::string b = Write(dir, "b.json", job_b);
  // What EMR would generate for B, by the altered capture.
  std::string e = AlteredCapture();
  e = Replace(e, "996579266876.dkr.ecr.ap-northeast-2.amazonaws.com", "755674844232.dkr.ecr.us-east-1.amazonaws.com");
  e = Replace(e, "prod.ap-northeast-2.appinfo.src", "prod.us-east-1.appinfo.src");
  e = Replace(e, "ap-northeast-2", "us-east-1");
  e = Replace(e, "spark-startjobrun", "/other/group");
  e = Replace(e, "pi-logs/jk518skp01ys9ka8b0npx9nt0", "otherprefix/jk518skp01ys9ka8b0npx9nt0");
  e = Replace(e, "ssup2-spark/startjobrun/", "other-bucket/some/prefix/");
  e = Replace(e, "ssup2-spark", "other-bucket");
  e = Replace(e, "startjobrun/jk518skp01ys9ka8b0npx9nt0", "some/prefix/jk518skp01ys9ka8b0npx9nt0");
  e = Replace(e, "jk518skp01ys9ka8b0npx9nt0", "b2c3d4e5f6g7h8i9j0k1l2m3n");
  e = Replace(e, "0000000337p03c0klg8", "0000000444abcdefghij");
  e = Replace(e, "123456789012-" + Base36("ts-eks-emr-eks-emr-cli"), "210987654321-" + Base36("other-role"));
  e = Replace(e, "123456789012/", "210987654321/");
  e = Replace(e, "emr-cli", "team-b");
  std::string expected = Write(dir, "expected-b.yaml", e);
  RunResult v = RunSparkmc({"capture", "verify", b, expected, "--region", "us-east-1"});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  RunResult c = RunSparkmc({"compile", b, "--namespace", "team-b", "--region", "us-east-1", "--job-id", "0000000444abcdefghij"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("spark.emr.example.newDefault 42"), std::string::npos);
  EXPECT_NE(c.out.find("755674844232.dkr.ecr.us-east-1.amazonaws.com/fluentd/emr-7.2.0-fluentbit:20240610"), std::string::npos);
  EXPECT_NE(c.out.find("EMR_RELEASE_MARKER"), std::string::npos);
  EXPECT_EQ(c.err, "") << "the release is captured for this monitoring";
  // Without the learned facts B differs from what EMR would write.
  RunResult without = RunSparkmc({"capture", "verify", b, expected, "--region", "us-east-1", "--config",
                                  Write(dir, "empty.yaml", "virtualClusters: {}\n")});
  EXPECT_EQ(without.exit_code, 1) << without.out << without.err;
  EXPECT_NE(without.out.find("spark.emr.example.newDefault"), std::string::npos) << without.out;

  // Other monitoring: the capture's spark-defaults, derived, and one warning.
  std::string job_c = Replace(ReadFile(SourcePath("examples/pi.json")), "emr-6.8.0-latest", "emr-7.2.0-latest");
  RunResult other = RunSparkmc({"compile", Write(dir, "c.json", job_c), "--namespace", "x", "--region", "us-east-1"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.out.find("spark.emr.example.newDefault 42"), std::string::npos);
  EXPECT_NE(other.err.find("from emr-7.2.0 (cloudwatch+s3+persistent-ui capture)"), std::string::npos) << other.err;
}

TEST(CaptureImport, AHandEditedFactFileIsALocatedError) {
  std::string dir = TempDir();
  std::string store = dir + "/facts";
  std::string capture = Write(dir, "capture.yaml", PlainCapture());
  std::string job = SourcePath(kCases + "seed-0000000337okspsc913/job.json");
  ASSERT_EQ(RunSparkmc({"capture", "import", job, capture, "--into", store}).exit_code, 0);
  std::string file = store + "/emr-6.8.0/persistent-ui/pod-template.executor";
  std::string text = ReadFile(file);
  ASSERT_FALSE(text.empty());
  WriteFile(file, "apiVersion: v1\nkind: Pod\nspec:\n  serviceAccountName: {{bogus}}\n" + text.substr(text.find("spec:\n") + 6));
  RunResult r = RunSparkmc({"compile", job, "--namespace", "a", "--region", "us-east-1", "--facts", store});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("pod-template.executor:4:23: error: '{{bogus}}' is not a variable"), std::string::npos) << r.err;
}

TEST(CaptureImport, CompileAndLintReadTheStoreSparkmcYamlNames) {
  std::string dir = TempDir();
  WriteFile(dir + "/.sparkmc.yaml", "releaseFacts: store\n");
  std::string job = Write(dir, "job.json", ReadFile(SourcePath("examples/pi.json")));
  std::filesystem::create_directories(dir + "/store/emr-6.8.0/none");
  WriteFile(dir + "/store/emr-6.8.0/none/facts.tsv",
            "release\temr-6.8.0\ncombination\tnone\nsource\tx\nimage/spark\t{{bogus}}\n");
  for (const std::vector<std::string>& args : {std::vector<std::string>{"lint", job},
                                               {"compile", job, "--namespace", "a", "--region", "us-east-1"}}) {
    RunResult r = RunSparkmc(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << r.out << r.err;
    EXPECT_NE(r.err.find("store/emr-6.8.0/none/facts.tsv:4:13: error: '{{bogus}}' is not a variable"), std::string::npos)
        << args[0] << r.err;
  }
}

TEST(CaptureImport, BadCapturesAreLocatedErrorsAndWriteNothing) {
  std::string dir = TempDir();
  std::string store = dir + "/facts";
  std::string job = SourcePath(kCases + "seed-0000000337okspsc913/job.json");
  auto import = [&](const std::string& text) {
    return RunSparkmc({"capture", "import", job, Write(dir, "capture.yaml", text), "--into", store});
  };
  RunResult pod = import("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
  EXPECT_EQ(pod.exit_code, 2);
  EXPECT_NE(pod.err.find("capture.yaml:1:1: error: not a ConfigMap (kind Pod)"), std::string::npos) << pod.err;
  // Two jobs mixed: File 2 keeps its own job id.
  RunResult mixed = import(AsList({Expected("seed-0000000337okspsc913", "file1-spark-defaults-configmap.yaml"),
                                   Expected("seed-0000000337omlr0m19o", "file2-podtemplate-configmap.yaml")}));
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("error: two jobs mixed"), std::string::npos) << mixed.err;
  EXPECT_EQ(mixed.err.find("capture.yaml:0:"), std::string::npos) << mixed.err;
  // Missing the fluentd ConfigMap.
  std::string plain = PlainCapture();
  RunResult missing = import(plain.substr(0, plain.find("- apiVersion: v1\n  data:\n    driver: \"<system>")) +
                             "kind: List\nmetadata:\n  resourceVersion: \"\"\n");
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_NE(missing.err.find("lacks the job's 'fluentd' ConfigMap"), std::string::npos) << missing.err;
  // Another job id than the job's.
  RunResult other = RunSparkmc({"capture", "import", job, Write(dir, "capture.yaml", plain), "--into", store, "--job-id",
                                "0000000337zzzzzzzzz"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("the capture is of job '0000000337okspsc913'"), std::string::npos) << other.err;
  EXPECT_FALSE(Exists(store));
}

}  // namespace
}  // namespace sparkmc::test
