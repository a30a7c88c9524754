// compile as a user runs it: the binary, its output, its exit codes.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "compiler/emit/properties.h"
#include "compiler/load/document.h"
#include "tests/semantic_equal.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

const std::vector<std::string> kFlags = {"--namespace", "emr-ack", "--region", "ap-northeast-2", "--job-id",
                                         "0000000337p03c0klg8"};

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(Compile, AckJobRunEqualsTheSameRequest) {
  RunResult json = RunSparkmc(With({"compile", SourcePath("testdata/compile/pi-logs.json")}, kFlags));
  RunResult ack = RunSparkmc(With({"compile", SourcePath("examples/ack-jobrun-logging.yaml")}, kFlags));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  ASSERT_EQ(ack.exit_code, 0) << ack.err;
  EXPECT_EQ(json.out, ack.out);
  std::vector<Node> docs = ParseDocuments(SourceFile{"out", json.out});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_NE(docs[2].Find("data")->Find("executor")->value.find("log_group_name \"spark-startjobrun\""),
            std::string::npos);
  // Without --job-id both get the same derived id too.
  RunResult j2 = RunSparkmc({"compile", SourcePath("testdata/compile/pi-logs.json"), "--namespace", "a", "--region", "us-east-1"});
  RunResult a2 = RunSparkmc({"compile", SourcePath("examples/ack-jobrun-logging.yaml"), "--namespace", "a", "--region", "us-east-1"});
  ASSERT_EQ(j2.exit_code, 0);
  EXPECT_EQ(j2.out, a2.out);
}

TEST(Compile, OutputIsDeterministic) {
  auto args = With({"compile", SourcePath("examples/pi-logs.json")}, kFlags);
  RunResult a = RunSparkmc(args), b = RunSparkmc(args);
  ASSERT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
}

TEST(Compile, DerivesEverythingFromOtherIdsAndPlaces) {
  RunResult r = RunSparkmc({"compile", SourcePath("testdata/compile/other-everything.yaml"), "--namespace", "etl",
                            "--region", "us-west-2", "--job-id", "00000003abcdefghijk"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Node> docs = ParseDocuments(SourceFile{"out", r.out});
  ASSERT_EQ(docs.size(), 3u);
  std::string conf = docs[0].Find("data")->Find("spark-defaults.conf")->value;
  PropertyList props = ReadProperties(conf);
  std::map<std::string, std::string> m(props.begin(), props.end());
  EXPECT_EQ(m["spark.kubernetes.namespace"], "etl");
  EXPECT_EQ(m["spark.kubernetes.driver.container.image"],
            "895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-7.1.0:20240321");
  EXPECT_EQ(m["spark.dynamicAllocation.enabled"], "true");  // applicationConfiguration overrides the default
  EXPECT_EQ(m["spark.custom.setting"], "x/y");
  EXPECT_EQ(m.count("spark.executor.cores") ? m["spark.executor.cores"] : "", "1");  // sparkSubmitParameters stay out
  std::string driver = docs[1].Find("data")->Find("driver")->value;
  EXPECT_NE(driver.find("emr-containers-sa-spark-driver-210987654321-"), std::string::npos);
  EXPECT_NE(driver.find("secretName: emr-containers-s3-zz9abc0def1ghi2jkl3mno4pq-00000003abcdefghijk"), std::string::npos);
  EXPECT_EQ(docs[2].Find("metadata")->Find("name")->value, "fluentd-zz9abc0def1ghi2jkl3mno4pq-00000003abcdefghijk");
  // CloudWatch only: workers packed, CloudWatch at 0, event logs at 1; no S3 blocks.
  std::string fluent = docs[2].Find("data")->Find("driver")->value;
  EXPECT_EQ(fluent.rfind("<system>\n  workers 2\n</system>\n<worker 0>", 0), 0u) << fluent.substr(0, 80);
  EXPECT_NE(fluent.find("log_group_name \"/emr/etl\""), std::string::npos);
  EXPECT_NE(fluent.find("log_stream_name \"zz9abc0def1ghi2jkl3mno4pq/jobs/00000003abcdefghijk/containers/"), std::string::npos);
  EXPECT_EQ(fluent.find("@type s3\n      s3_bucket"), std::string::npos);
  EXPECT_NE(fluent.find("s3_bucket prod.us-west-2.appinfo.src"), std::string::npos);
  EXPECT_NE(docs[2].Find("data")->Find("job")->value.find("control-logs"), std::string::npos);
}

TEST(Compile, NewlineInjectionIsRefusedAtItsPosition) {
  RunResult r = RunSparkmc(With({"compile", SourcePath("testdata/compile/newline-injection.json")}, kFlags));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("newline-injection.json:9:39: error: property 'spark.app.tag' contains a line break"),
            std::string::npos)
      << r.err;
}

TEST(Compile, ErrorShowsLineAndCaret) {
  std::string dir = TempDir();
  WriteFile(dir + "/j.json", "{\n  \"virtualClusterId\": \"abc\",\n  \"nmae\": \"x\"\n}\n");
  RunResult r = RunSparkmc(With({"compile", dir + "/j.json"}, kFlags));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, dir + "/j.json:3:3: error: unknown field 'nmae', did you mean 'name'?\n  \"nmae\": \"x\"\n  ^\n");
}

TEST(Compile, MissingNamespaceSaysHowToGiveIt) {
  std::string empty = TempDir() + "/.sparkmc.yaml";
  WriteFile(empty, "# nothing mapped\n");
  RunResult r = RunSparkmc({"compile", SourcePath("testdata/compile/pi-logs.json"), "--config", empty});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pass --namespace or map virtual cluster 'kkm9hr2cypco1341w5b0iwuaj' in .sparkmc.yaml"),
            std::string::npos) << r.err;
}

TEST(Compile, ProjectConfigSuppliesNamespaceAndRegion) {
  RunResult r = RunSparkmc({"compile", SourcePath("examples/pi.json"), "--job-id", "abc"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("namespace: emr-cli"), std::string::npos);
}

TEST(Compile, WritesADirectoryWithKustomization) {
  std::string dir = TempDir() + "/out";
  RunResult r = RunSparkmc(With({"compile", SourcePath("examples/pi.json"), "-o", dir}, kFlags));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(dir + "/kustomization.yaml"),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
            "- spark-defaults.yaml\n- pod-template.yaml\n- fluentd.yaml\n");
  EXPECT_NE(ReadFile(dir + "/fluentd.yaml").find("kind: ConfigMap"), std::string::npos);
  RunResult stream = RunSparkmc(With({"compile", SourcePath("examples/pi.json")}, kFlags));
  EXPECT_EQ(ReadFile(dir + "/spark-defaults.yaml") + "---\n" + ReadFile(dir + "/pod-template.yaml") + "---\n" +
                ReadFile(dir + "/fluentd.yaml"),
            stream.out);
}

TEST(Compile, FailedRunLeavesDirectoryAsItWas) {
  std::string dir = TempDir();
  WriteFile(dir + "/spark-defaults.yaml", "old\n");
  RunResult r = RunSparkmc(With({"compile", SourcePath("testdata/compile/newline-injection.json"), "-o", dir}, kFlags));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(ReadFile(dir + "/spark-defaults.yaml"), "old\n");
  EXPECT_EQ(ReadFile(dir + "/kustomization.yaml"), "");
}

TEST(Compile, RefusesSymlinkedOutput) {
  std::string base = TempDir();
  std::string real = TempDir();
  ASSERT_EQ(::symlink(real.c_str(), (base + "/link").c_str()), 0);
  RunResult r = RunSparkmc(With({"compile", SourcePath("examples/pi.json"), "-o", base + "/link"}, kFlags));
  EXPECT_EQ(r.exit_code, 3);  // a refused output target is an OutputError
  EXPECT_NE(r.err.find("symlink"), std::string::npos);
  EXPECT_EQ(ReadFile(real + "/kustomization.yaml"), "");
  // A symlinked file inside the directory is refused too.
  std::string out = TempDir();
  ASSERT_EQ(::symlink("/etc/passwd", (out + "/fluentd.yaml").c_str()), 0);
  r = RunSparkmc(With({"compile", SourcePath("examples/pi.json"), "-o", out}, kFlags));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(ReadFile(out + "/spark-defaults.yaml"), "");
}

TEST(Compile, HugeFilesAreRefusedBeforeReading) {
  // 100 MB, sparse: the size limit is checked before a byte is read.
  std::string path = TempDir() + "/huge.json";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(::ftruncate(::fileno(f), 100LL << 20), 0);
  std::fclose(f);
  RunResult r = RunSparkmc(With({"compile", path}, kFlags));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, path + ": error: file is 104857600 bytes, over the limit of 10485760 bytes (raise it with --max-file-size)\n");
  // The limit is configurable, both ways.
  RunResult small = RunSparkmc(With({"compile", SourcePath("examples/pi.json"), "--max-file-size", "100"}, kFlags));
  EXPECT_EQ(small.exit_code, 2);
  EXPECT_NE(small.err.find("over the limit of 100 bytes"), std::string::npos);
  EXPECT_EQ(RunSparkmc({"lint", path}).exit_code, 2);
}

TEST(Compile, WarnsAboutClassificationsItDoesNotWrite) {
  std::string dir = TempDir();
  WriteFile(dir + "/j.yaml", ReadFile(SourcePath("testdata/lint/clean.yaml")) +
                                 "  applicationConfiguration:\n    - classification: spark-log4j\n"
                                 "      properties: {rootLogger.level: warn}\n");
  RunResult r = RunSparkmc(With({"compile", dir + "/j.yaml"}, kFlags));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("j.yaml:14:23: warning: classification 'spark-log4j' is not written into the manifests"),
            std::string::npos)
      << r.err;
}

TEST(Compile, SaysWhatItDoesNotModel) {
  std::string dir = TempDir();
  WriteFile(dir + "/j.yaml", ReadFile(SourcePath("testdata/lint/clean.yaml")) +
                                 "    containerLogRotationConfiguration: {rotationSize: 2GB, maxFilesToKeep: 10}\n"
                                 "  applicationConfiguration:\n    - classification: emr-containers-defaults\n"
                                 "      properties: {executor.logging: DISABLED}\n");
  RunResult r = RunSparkmc(With({"compile", dir + "/j.yaml"}, kFlags));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: containerLogRotationConfiguration is not reflected"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("j.yaml:15:23: warning: emr-containers-defaults settings are not applied"), std::string::npos) << r.err;
}

TEST(Compile, CustomImageFromSparkDefaultsRunsTheDriverAndExecutors) {
  std::string dir = TempDir();
  WriteFile(dir + "/j.yaml", ReadFile(SourcePath("testdata/lint/clean.yaml")) +
                                 "  applicationConfiguration:\n    - classification: spark-defaults\n"
                                 "      properties: {spark.kubernetes.container.image: 1.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2}\n");
  RunResult r = RunSparkmc(With({"compile", dir + "/j.yaml"}, kFlags));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Node> docs = ParseDocuments(SourceFile{"out", r.out});
  PropertyList props = ReadProperties(docs[0].Find("data")->Find("spark-defaults.conf")->value);
  std::map<std::string, std::string> m(props.begin(), props.end());
  EXPECT_EQ(m["spark.kubernetes.driver.container.image"], "1.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2");
  EXPECT_EQ(m["spark.kubernetes.executor.container.image"], "1.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2");
  std::string driver = docs[1].Find("data")->Find("driver")->value;
  EXPECT_NE(driver.find("image: 1.dkr.ecr.us-east-1.amazonaws.com/my-spark:1.2"), std::string::npos);
  EXPECT_NE(driver.find("/fluentd/emr-6.8.0:latest"), std::string::npos);  // the sidecar stays EMR's
}

TEST(Compile, UsageErrorsExitTwo) {
  EXPECT_EQ(RunSparkmc({"compile"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc(With({"compile", SourcePath("examples/pi.json"), "--region", "mars-1"}, {"--namespace", "a"})).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"compile", SourcePath("examples/pi.json"), "--namespace", "Bad_NS", "--region", "us-east-1"}).exit_code, 2);
  EXPECT_EQ(RunSparkmc({"compile", SourcePath("examples/pi.json"), "--job-id", "../x"}).exit_code, 2);
}


// The derived id is part of every ConfigMap name a GitOps repository commits:
// pinned to a literal, so "stable across machines and releases" is tested,
// not assumed. (Computed by the 0.1.0 release's FNV-1a derivation.)
TEST(Compile, DerivedJobIdIsPinned) {
  RunResult r = RunSparkmc({"compile", "examples/pi.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("emr-containers.amazonaws.com/job.id: 02pk86b2vntv8cw29vl\n"), std::string::npos) << r.out;
}

// JSON with CR-only line ends and a field name over yaml-cpp's 1,024-character
// limit is valid JSON: it is judged by the schema, not refused by the parser.
TEST(Compile, ValidJsonOfAnyShapeParses) {
  std::string dir = TempDir();
  std::string job = ReadFile(SourcePath("examples/pi.json"));
  std::string cr = job;
  for (char& c : cr) {
    if (c == '\n') c = '\r';
  }
  WriteFile(dir + "/cr.json", cr);
  RunResult a = RunSparkmc({"compile", dir + "/cr.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  EXPECT_EQ(a.exit_code, 0) << a.err;
  std::string long_key = job;
  long_key.insert(long_key.find('{') + 1, "\"" + std::string(2000, 'k') + "\": \"x\",");
  WriteFile(dir + "/long.json", long_key);
  RunResult b = RunSparkmc({"compile", dir + "/long.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  EXPECT_EQ(b.exit_code, 2);
  EXPECT_EQ(b.err.find("syntax error"), std::string::npos) << b.err;
  EXPECT_NE(b.err.find("field name of 2000 characters"), std::string::npos) << b.err;
}

// A valid 5,000-character sparkSubmitParameters (the API allows 102,400)
// reaches the schema whole instead of being blanked and refused.
TEST(Compile, LongValuesWithinTheApiLimitsAreAccepted) {
  std::string dir = TempDir();
  std::string job = ReadFile(SourcePath("examples/pi.json"));
  std::string params;
  while (params.size() < 5000) params += " --conf spark.executor.cores=1";
  size_t at = job.find("\"sparkSubmitParameters\": \"") + std::string("\"sparkSubmitParameters\": \"").size();
  job.insert(at, params.substr(1) + " ");
  WriteFile(dir + "/long.json", job);
  RunResult r = RunSparkmc({"compile", dir + "/long.json", "--namespace", "emr-cli", "--region", "ap-northeast-2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Writes that fail are errors: a full device gives exit 3 and the reason.
TEST(Compile, FailedWriteToStdoutExitsThree) {
  RunResult r = RunSparkmc({"compile", "examples/pi.json", "--namespace", "emr-cli", "--region", "ap-northeast-2",
                            "--job-id", "x1"}, "", "/dev/full");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sparkmc::test
