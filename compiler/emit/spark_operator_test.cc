#include "compiler/emit/spark_operator.h"

#include <gtest/gtest.h>

#include <iterator>
#include <map>

#include "compiler/emit/oss_test_util.h"
#include "compiler/load/document.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {
namespace {

using namespace oss_test;

// sparkSubmitParameters: a dedicated flag that beats a later --conf, a value
// with spaces, quotes and $(...), a driver annotation. The classification sets
// Prometheus, a Hadoop key, EMR's committer (EMR-only) and a non-Spark key.
constexpr const char* kJob = R"yaml(name: Pi Job
virtualClusterId: jk518skp01ys9ka8b0npx9nt0
executionRoleArn: arn:aws:iam::123456789012:role/ts-eks-emr-eks-emr-cli
releaseLabel: emr-6.8.0-latest
retryPolicyConfiguration:
  maxAttempts: 3
jobDriver:
  sparkSubmitJobDriver:
    entryPoint: s3://bucket/jars/app.jar
    entryPointArguments:
      - --input
      - 'a b "c" it''s $(whoami)'
    sparkSubmitParameters: |-
      --class org.example.Main --conf spark.executor.instances=3 --executor-memory 4g --conf spark.executor.memory=8g --conf spark.executor.cores=2 --conf "spark.driver.extraJavaOptions=-Dmsg='hello world' -Dcmd=$(whoami)" --conf spark.kubernetes.driver.annotation.prometheus.io/scrape=true
configurationOverrides:
  applicationConfiguration:
    - classification: spark-defaults
      properties:
        spark.ui.prometheus.enabled: "true"
        spark.hadoop.fs.s3a.endpoint.region: us-east-1
        spark.sql.parquet.output.committer.class: com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter
        job-start-timeout: "1800"
  monitoringConfiguration:
    s3MonitoringConfiguration:
      logUri: s3://logs-bucket/spark/
)yaml";

/// Replaces the first occurrence of \a from in \a text.
std::string With(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Json Application(const Job& job, const OssContext& ctx) { return Find(EmitSparkOperator(job, ctx), "SparkApplication"); }

TEST(SparkOperator, TypedFieldsForWhatTheOperatorTypes) {
  Json app = Application(ReadInline(kJob), Context());
  EXPECT_EQ(app["apiVersion"], "sparkoperator.k8s.io/v1beta2");
  EXPECT_EQ(app["metadata"]["name"], "pi-job");
  EXPECT_EQ(app["metadata"]["namespace"], "spark-jobs");
  EXPECT_FALSE(app["metadata"].contains("labels"));  // the operator would copy them onto the pods
  Json spec = app["spec"];
  EXPECT_EQ(spec["type"], "Scala");
  EXPECT_EQ(spec["mode"], "cluster");
  EXPECT_EQ(spec["sparkVersion"], "3.5.1");  // from the image's tag
  EXPECT_EQ(spec["image"], "apache/spark:3.5.1");
  EXPECT_EQ(spec["imagePullPolicy"], "Always");  // EMR's default, typed
  EXPECT_EQ(spec["mainClass"], "org.example.Main");
  EXPECT_EQ(spec["mainApplicationFile"], "s3://bucket/jars/app.jar");
  EXPECT_EQ(spec["arguments"], Json::array({"--input", "a b \"c\" it's $(whoami)"}));

  EXPECT_EQ(spec["driver"]["cores"], 1);
  EXPECT_EQ(spec["driver"]["memory"], "1G");
  EXPECT_EQ(spec["driver"]["javaOptions"], "-Dmsg='hello world' -Dcmd=$(whoami)");
  EXPECT_EQ(spec["driver"]["annotations"]["prometheus.io/scrape"], "true");
  EXPECT_EQ(spec["driver"]["serviceAccount"], "pi-job-spark");
  EXPECT_FALSE(spec["driver"].contains("image"));  // spec.image covers it
  EXPECT_EQ(spec["executor"]["instances"], 3);
  EXPECT_EQ(spec["executor"]["cores"], 2);
  EXPECT_EQ(spec["executor"]["memory"], "4g");  // --executor-memory beats --conf spark.executor.memory

  EXPECT_EQ(spec["hadoopConf"]["fs.s3a.endpoint.region"], "us-east-1");
  Json conf = spec["sparkConf"];
  EXPECT_EQ(conf["spark.ui.prometheus.enabled"], "true");
  EXPECT_EQ(conf["spark.eventLog.enabled"], "true");
  EXPECT_EQ(conf["spark.eventLog.dir"], "s3a://logs-bucket/spark/sparklogs/");
  EXPECT_FALSE(conf.contains("spark.kubernetes.driver.podTemplateContainerName"));  // the operator sets it
  // Typed fields win over sparkConf and v2.5 rejects images, master and
  // service accounts there: none of these may appear in sparkConf.
  for (const char* key : {"spark.executor.memory", "spark.executor.instances", "spark.executor.cores",
                          "spark.driver.cores", "spark.driver.memory", "spark.driver.extraJavaOptions",
                          "spark.master", "spark.kubernetes.namespace", "spark.kubernetes.container.image",
                          "spark.kubernetes.driver.container.image", "spark.kubernetes.executor.container.image",
                          "spark.kubernetes.container.image.pullPolicy", "spark.submit.deployMode",
                          "spark.kubernetes.driver.annotation.prometheus.io/scrape",
                          "spark.hadoop.fs.s3a.endpoint.region"}) {
    EXPECT_FALSE(conf.contains(key)) << key;
  }
  EXPECT_EQ(spec["restartPolicy"]["type"], "OnFailure");
  EXPECT_EQ(spec["restartPolicy"]["onFailureRetries"], 2);  // maxAttempts 3 = first try + 2 retries
}

TEST(SparkOperator, DropsEmrOnlySettingsForAnOpenSourceImage) {
  Job job = ReadInline(kJob);
  Json spec = Application(job, Context())["spec"];
  for (const char* key : {"spark.sql.emr.internal.extensions", "spark.sql.parquet.output.committer.class",
                          "spark.executor.extraClassPath", "spark.driver.extraClassPath",
                          "spark.executor.extraLibraryPath", "spark.executor.defaultJavaOptions",
                          "spark.kubernetes.driver.internalPodTemplateFile",
                          "spark.kubernetes.executor.podTemplateValidation.enabled",
                          "spark.kubernetes.driver.pod.allowlistFile", "spark.resourceManager.cleanupExpiredHost",
                          "spark.sql.parquet.fs.optimized.committer.optimization-enabled", "job-start-timeout"}) {
    EXPECT_FALSE(spec["sparkConf"].contains(key)) << key;
  }
  for (auto it = spec["hadoopConf"].begin(); it != spec["hadoopConf"].end(); ++it) {
    EXPECT_EQ(it.key().find("fs.s3."), std::string::npos) << it.key();  // EMRFS
    EXPECT_EQ(it.key().find("emr_internal_use_only"), std::string::npos) << it.key();
  }
  EXPECT_EQ(spec["sparkConf"]["spark.driver.defaultJavaOptions"],
            "-XX:OnOutOfMemoryError='kill -9 %p' -XX:+UseParallelGC -XX:InitiatingHeapOccupancyPercent=70");

  // Each drop says why, and the user's own EMR-only setting says where.
  OssProperties props = OssSparkProperties(job, Context());
  bool committer = false;
  for (const OssDrop& d : props.dropped) {
    EXPECT_FALSE(d.reason.empty()) << d.key;
    if (d.key == "spark.sql.parquet.output.committer.class") {
      committer = true;
      EXPECT_EQ(d.origin, Origin::kApplicationConfiguration);
      EXPECT_EQ(d.loc.file, "job.yaml");
      EXPECT_GT(d.loc.line, 0);
    }
  }
  EXPECT_TRUE(committer);
}

TEST(SparkOperator, EmrImageKeepsWhatItsImageHasButNotEmrOnEksPlumbing) {
  OssContext ctx = Context();
  ctx.emr_image = true;
  ctx.image = "996579266876.dkr.ecr.ap-northeast-2.amazonaws.com/spark/emr-6.8.0:latest";
  Job job = ReadInline(kJob);
  Json spec = Application(job, ctx)["spec"];
  EXPECT_EQ(spec["image"], ctx.image);
  EXPECT_EQ(spec["sparkVersion"], "3.3.0-amzn-0");
  EXPECT_EQ(spec["sparkConf"]["spark.sql.emr.internal.extensions"], "com.amazonaws.emr.spark.EmrSparkSessionExtensions");
  EXPECT_TRUE(spec["sparkConf"].contains("spark.executor.extraClassPath"));
  EXPECT_TRUE(spec["hadoopConf"].contains("fs.s3.customAWSCredentialsProvider"));
  for (const char* key : {"spark.kubernetes.driver.internalPodTemplateFile", "spark.kubernetes.executor.pod.allowlistFile",
                          "spark.kubernetes.driver.podTemplateValidation.enabled"}) {
    EXPECT_FALSE(spec["sparkConf"].contains(key)) << key;
  }
  bool inferred = true;
  EXPECT_EQ(SparkVersionFor(job, ctx, &inferred), "3.3.0-amzn-0");
  EXPECT_FALSE(inferred);
}

TEST(SparkOperator, DynamicAllocationIsTypedSoTheWebhookDoesNotPinInstances) {
  std::string yaml = With(kJob, "--conf spark.executor.instances=3 ", "");
  yaml = With(yaml, "spark.ui.prometheus.enabled: \"true\"",
              "spark.dynamicAllocation.enabled: \"true\"\n        spark.dynamicAllocation.minExecutors: \"1\"\n"
              "        spark.dynamicAllocation.maxExecutors: \"10\"");
  Json spec = Application(ReadInline(yaml), Context())["spec"];
  EXPECT_EQ(spec["dynamicAllocation"]["enabled"], true);
  EXPECT_EQ(spec["dynamicAllocation"]["minExecutors"], 1);
  EXPECT_EQ(spec["dynamicAllocation"]["maxExecutors"], 10);
  EXPECT_FALSE(spec["executor"].contains("instances"));
  EXPECT_FALSE(spec["sparkConf"].contains("spark.dynamicAllocation.enabled"));

  // Without dynamic allocation and without a count, Spark's default of 2 is
  // written out: the webhook would otherwise set 1.
  spec = Application(ReadInline(With(kJob, "--conf spark.executor.instances=3 ", "")), Context())["spec"];
  EXPECT_EQ(spec["executor"]["instances"], 2);
  EXPECT_FALSE(spec.contains("dynamicAllocation"));
}

TEST(SparkOperator, PythonJobWithoutRetriesOrLogs) {
  std::string yaml = With(kJob, "s3://bucket/jars/app.jar", "local:///opt/spark/examples/src/main/python/pi.py");
  yaml = With(yaml, "--class org.example.Main ", "");
  yaml = With(yaml, "retryPolicyConfiguration:\n  maxAttempts: 3\n", "");
  yaml = With(yaml, "  monitoringConfiguration:\n    s3MonitoringConfiguration:\n      logUri: s3://logs-bucket/spark/\n", "");
  Job job = ReadInline(yaml);
  Json spec = Application(job, Context())["spec"];
  EXPECT_EQ(spec["type"], "Python");
  EXPECT_FALSE(spec.contains("mainClass"));
  EXPECT_EQ(spec["pythonVersion"], "3");
  EXPECT_EQ(spec["restartPolicy"], Json::parse(R"({"type": "Never"})"));
  // No S3 logUri: nowhere to put event logs, and Spark does not start when
  // the local directory EMR uses is missing.
  EXPECT_FALSE(spec["sparkConf"].contains("spark.eventLog.dir"));
  EXPECT_FALSE(spec["sparkConf"].contains("spark.eventLog.enabled"));
}

TEST(SparkOperator, RbacIsNamespacedAndEveryObjectHasTheNamespace) {
  std::vector<Manifest> manifests = EmitSparkOperator(ReadInline(kJob), Context());
  ASSERT_EQ(manifests.size(), 4u);
  for (const Manifest& m : manifests) {
    std::string kind = m.object.value("kind", "");
    EXPECT_NE(kind, "ClusterRole");
    EXPECT_NE(kind, "ClusterRoleBinding");
    EXPECT_EQ(m.object["metadata"]["namespace"], "spark-jobs") << kind;
  }
  Json role = Find(manifests, "Role");
  ASSERT_EQ(role["rules"].size(), 1u);
  EXPECT_EQ(role["rules"][0]["apiGroups"], Json::array({""}));
  EXPECT_EQ(role["rules"][0]["resources"], Json::array({"pods", "services", "configmaps", "persistentvolumeclaims"}));
  Json binding = Find(manifests, "RoleBinding");
  EXPECT_EQ(binding["roleRef"]["kind"], "Role");
  EXPECT_EQ(binding["subjects"][0]["name"], "pi-job-spark");
  EXPECT_EQ(binding["subjects"][0]["namespace"], "spark-jobs");
}

TEST(SparkOperator, UserPodTemplateTravelsAsTemplate) {
  OssContext ctx = Context();
  ctx.driver_template = Json::parse(R"({"apiVersion": "v1", "kind": "Pod",
      "spec": {"nodeSelector": {"pool": "spark"}, "containers": [{"name": "spark-kubernetes-driver"}]}})");
  Json spec = Application(ReadInline(kJob), ctx)["spec"];
  EXPECT_EQ(spec["driver"]["template"]["spec"]["nodeSelector"]["pool"], "spark");
  EXPECT_FALSE(spec["driver"]["template"].contains("kind"));
  EXPECT_FALSE(spec["executor"].contains("template"));
}

TEST(SparkOperator, RefusesWhatItCannotExpress) {
  OssContext ctx = Context();
  ctx.image = "registry.example.com/spark:latest";  // no version in the tag
  EXPECT_THROW(EmitSparkOperator(ReadInline(With(kJob, "emr-6.8.0-latest", "emr-9.9.0-latest")), ctx), InputError);
  ctx.image = "";
  EXPECT_THROW(EmitSparkOperator(ReadInline(kJob), ctx), InputError);
  std::string sql = With(kJob, "sparkSubmitJobDriver", "sparkSqlJobDriver");
  sql = With(sql, "sparkSubmitParameters", "sparkSqlParameters");
  sql = With(sql, "--class org.example.Main ", "");
  EXPECT_THROW(EmitSparkOperator(ReadInline(sql), Context()), InputError);
}

TEST(OssAppName, DnsSafeAndShort) {
  OssContext ctx = Context();
  Job job = ReadInline(kJob);
  EXPECT_EQ(OssAppName(job, ctx), "pi-job");
  job.name.value = "42 -- Nightly_ETL!";
  EXPECT_EQ(OssAppName(job, ctx), "spark-42-nightly-etl");
  job.name.value = std::string(80, 'a') + "-b";
  std::string name = OssAppName(job, ctx);
  EXPECT_LE(name.size(), 56u);
  EXPECT_NE(name.back(), '-');
  job.name.value = "";
  EXPECT_EQ(OssAppName(job, ctx), "app");  // the entry point's file name
}

/// The properties the operator hands spark-submit for \a spec, as
/// shared/notes/spark-operator.md §2 maps them (for the fields we emit).
std::map<std::string, std::string> OperatorProperties(Json spec, const std::string& ns) {
  std::map<std::string, std::string> out;
  auto str = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  auto join = [&](const Json& list) {
    std::string s;
    for (const Json& item : list) s += (s.empty() ? "" : ",") + str(item);
    return s;
  };
  auto copy_map = [&](const Json& map, const std::string& prefix) {
    for (auto it = map.begin(); it != map.end(); ++it) out[prefix + it.key()] = str(it.value());
  };
  out["spark.submit.deployMode"] = str(spec["mode"]);
  out["spark.kubernetes.namespace"] = ns;
  if (spec.contains("imagePullPolicy")) out["spark.kubernetes.container.image.pullPolicy"] = str(spec["imagePullPolicy"]);
  if (spec.contains("pythonVersion")) out["spark.kubernetes.pyspark.pythonVersion"] = str(spec["pythonVersion"]);
  if (spec.contains("sparkConf")) copy_map(spec["sparkConf"], "");
  if (spec.contains("hadoopConf")) copy_map(spec["hadoopConf"], "spark.hadoop.");
  if (spec.contains("deps") && spec["deps"].contains("jars")) out["spark.jars"] = join(spec["deps"]["jars"]);
  for (const char* role : {"driver", "executor"}) {
    Json r = spec[role];
    std::string p = std::string("spark.") + role + ".";
    std::string k = std::string("spark.kubernetes.") + role + ".";
    // v2.4+ always writes a pod template and names its container so.
    out[k + "podTemplateContainerName"] = std::string("spark-kubernetes-") + role;
    if (r.contains("cores")) out[p + "cores"] = str(r["cores"]);
    if (r.contains("memory")) out[p + "memory"] = str(r["memory"]);
    if (r.contains("memoryOverhead")) out[p + "memoryOverhead"] = str(r["memoryOverhead"]);
    if (r.contains("javaOptions")) out[p + "extraJavaOptions"] = str(r["javaOptions"]);
    if (r.contains("instances")) out["spark.executor.instances"] = str(r["instances"]);
    if (r.contains("labels")) copy_map(r["labels"], k + "label.");
    if (r.contains("annotations")) copy_map(r["annotations"], k + "annotation.");
  }
  return out;
}

TEST(SparkOperator, DriverGetsEmrsPropertiesExceptDocumentedOnes) {
  Job job = ReadInline(kJob);
  OssContext ctx = Context();
  std::map<std::string, std::string> want = ExpectedDriverProperties(job, ctx);

  std::map<std::string, std::string> got = OperatorProperties(Application(job, ctx)["spec"], ctx.namespace_);
  for (auto* m : {&want, &got}) {
    for (auto it = m->begin(); it != m->end();) {
      it = IsTargetManaged(it->first) || it->first.rfind("spark.", 0) != 0 ? m->erase(it) : std::next(it);
    }
  }
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace sparkmc
