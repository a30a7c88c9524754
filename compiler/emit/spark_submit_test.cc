#include "compiler/emit/spark_submit.h"

#include <gtest/gtest.h>

#include <iterator>
#include <map>

#include "compiler/emit/oss_test_util.h"
#include "compiler/emit/properties.h"
#include "compiler/load/document.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {
namespace {

using namespace oss_test;

// sparkSubmitParameters with quoting a shell would mangle: an embedded space,
// single and double quotes, $(...), backticks and a literal "$$"; the
// arguments likewise, plus an empty one.
constexpr const char* kJob = R"yaml(name: pi
virtualClusterId: jk518skp01ys9ka8b0npx9nt0
executionRoleArn: arn:aws:iam::123456789012:role/ts-eks-emr-eks-emr-cli
releaseLabel: emr-6.8.0-latest
retryPolicyConfiguration:
  maxAttempts: 3
jobDriver:
  sparkSubmitJobDriver:
    entryPoint: local:///opt/spark/examples/src/main/python/pi.py
    entryPointArguments:
      - '100'
      - 'a b "c" it''s $(whoami) `id` $HOME $$ \n'
      - ''
    sparkSubmitParameters: |-
      --conf spark.executor.instances=2 --executor-memory 2G --conf spark.executor.memory=4G --conf "spark.driver.extraJavaOptions=-Dmsg='hello world' -Dcmd=$(whoami) -Dcost=\$\$5" --conf 'spark.kubernetes.driver.label.team=data eng'
configurationOverrides:
  applicationConfiguration:
    - classification: spark-defaults
      properties:
        spark.ui.prometheus.enabled: "true"
        spark.kubernetes.driver.annotation.prometheus.io/scrape: "true"
  monitoringConfiguration:
    s3MonitoringConfiguration:
      logUri: s3://logs-bucket/spark/
)yaml";

/// What the kubelet does to a container's command and args before exec:
/// $(VAR) becomes the variable's value when it is defined, $$ becomes $
/// (k8s.io/kubernetes third_party/forked/golang/expansion).
std::string KubeletExpand(const std::string& in, const std::map<std::string, std::string>& env) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$' || i + 1 >= in.size()) {
      out += in[i];
      continue;
    }
    char next = in[i + 1];
    if (next == '$') {
      out += '$';
      ++i;
    } else if (next == '(' && in.find(')', i + 2) != std::string::npos) {
      size_t close = in.find(')', i + 2);
      std::string name = in.substr(i + 2, close - i - 2);
      auto it = env.find(name);
      out += it != env.end() ? it->second : "$(" + name + ")";
      i = close;
    } else {
      out += '$';
      out += next;
      ++i;
    }
  }
  return out;
}

/// The argv the spark-submit process receives from the Job.
std::vector<std::string> ReceivedArgv(const Json& job) {
  const Json& container = job["spec"]["template"]["spec"]["containers"][0];
  std::map<std::string, std::string> env = {{"SPARK_CONF_DIR", "/opt/sparkmc/conf"},
                                            {"HOME", "/home/spark"},
                                            {"KUBERNETES_SERVICE_HOST", "10.0.0.1"}};
  std::vector<std::string> argv;
  for (const Json& a : container["command"]) argv.push_back(KubeletExpand(a.get<std::string>(), env));
  for (const Json& a : container["args"]) argv.push_back(KubeletExpand(a.get<std::string>(), env));
  return argv;
}

TEST(SparkSubmit, CommandReproducesTheJobExactly) {
  Job job = ReadInline(kJob);
  std::vector<std::string> want = {
      "/opt/spark/bin/spark-submit",
      "--master", "k8s://https://kubernetes.default.svc",
      "--deploy-mode", "cluster",
      "--conf", "spark.executor.instances=2",
      "--executor-memory", "2G",
      "--conf", "spark.executor.memory=4G",
      "--conf", "spark.driver.extraJavaOptions=-Dmsg='hello world' -Dcmd=$(whoami) -Dcost=$$5",
      "--conf", "spark.kubernetes.driver.label.team=data eng",
      "local:///opt/spark/examples/src/main/python/pi.py",
      "100",
      "a b \"c\" it's $(whoami) `id` $HOME $$ \\n",
      "",
  };
  EXPECT_EQ(SparkSubmitCommand(job, Context()), want);
  // And that is what the process receives, after Kubernetes' own expansion.
  Json batch = Find(EmitSparkSubmit(job, Context()), "Job");
  EXPECT_EQ(ReceivedArgv(batch), want);
  EXPECT_EQ(batch["spec"]["template"]["spec"]["containers"][0]["args"][11],
            "spark.driver.extraJavaOptions=-Dmsg='hello world' -Dcmd=$$(whoami) -Dcost=$$$$5");
}

TEST(SparkSubmit, EscapingSurvivesAnyArgument) {
  std::map<std::string, std::string> env = {{"A", "expanded"}};
  for (const std::string arg : {"$(A)", "$$(A)", "$", "a$", "$$", "$(A", "$)", "x $(A) y $$ z", "`$(A)`", "'\"\\"}) {
    EXPECT_EQ(KubeletExpand(EscapeKubernetesArg(arg), env), arg) << arg;
  }
  EXPECT_EQ(KubeletExpand("$(A)", env), "expanded");  // why escaping is needed at all
}

TEST(SparkSubmit, JobRunsSparkSubmitAsTheDriversServiceAccount) {
  std::vector<Manifest> manifests = EmitSparkSubmit(ReadInline(kJob), Context());
  Json batch = Find(manifests, "Job");
  EXPECT_EQ(batch["apiVersion"], "batch/v1");
  EXPECT_EQ(batch["metadata"]["name"], "pi-submit");
  EXPECT_EQ(batch["spec"]["backoffLimit"], 2);  // maxAttempts 3
  Json pod = batch["spec"]["template"]["spec"];
  EXPECT_EQ(pod["restartPolicy"], "Never");
  EXPECT_EQ(pod["serviceAccountName"], "pi-spark");
  Json container = pod["containers"][0];
  EXPECT_EQ(container["image"], "apache/spark:3.5.1");
  EXPECT_EQ(container["command"], Json::array({"/opt/spark/bin/spark-submit"}));
  EXPECT_EQ(container["env"][0]["name"], "SPARK_CONF_DIR");
  EXPECT_EQ(container["env"][0]["value"], "/opt/sparkmc/conf");
  EXPECT_EQ(container["volumeMounts"][0]["mountPath"], "/opt/sparkmc/conf");
  EXPECT_EQ(pod["volumes"][0]["configMap"]["name"], "pi-spark-defaults");
  EXPECT_EQ(pod["volumes"].size(), 1u);  // no pod templates, no template ConfigMap
  EXPECT_EQ(manifests.size(), 5u);

  OssContext emr = Context();
  emr.emr_image = true;
  emr.image = "996579266876.dkr.ecr.ap-northeast-2.amazonaws.com/spark/emr-6.8.0:latest";
  EXPECT_EQ(SparkSubmitCommand(ReadInline(kJob), emr)[0], "/usr/lib/spark/bin/spark-submit");
}

TEST(SparkSubmit, SparkDefaultsHoldEmrDefaultsWithoutEmrOnlyOnes) {
  Json cm = Find(EmitSparkSubmit(ReadInline(kJob), Context()), "ConfigMap");
  EXPECT_EQ(cm["metadata"]["name"], "pi-spark-defaults");
  std::map<std::string, std::string> conf;
  for (const auto& [k, v] : ReadProperties(cm["data"]["spark-defaults.conf"].get<std::string>())) conf[k] = v;
  EXPECT_EQ(conf["spark.kubernetes.driver.container.image"], "apache/spark:3.5.1");
  EXPECT_EQ(conf["spark.kubernetes.executor.container.image"], "apache/spark:3.5.1");
  EXPECT_EQ(conf["spark.kubernetes.namespace"], "spark-jobs");
  EXPECT_EQ(conf["spark.kubernetes.authenticate.driver.serviceAccountName"], "pi-spark");
  EXPECT_EQ(conf["spark.ui.prometheus.enabled"], "true");
  EXPECT_EQ(conf["spark.kubernetes.driver.annotation.prometheus.io/scrape"], "true");
  EXPECT_EQ(conf["spark.eventLog.dir"], "s3a://logs-bucket/spark/sparklogs/");
  EXPECT_EQ(conf["spark.executor.memory"], "1G");  // sparkSubmitParameters stay arguments, as on EMR
  for (const char* key : {"spark.master", "spark.submit.deployMode", "spark.sql.emr.internal.extensions",
                          "spark.sql.parquet.output.committer.class", "spark.executor.extraClassPath",
                          "spark.executor.defaultJavaOptions", "spark.kubernetes.driver.internalPodTemplateFile",
                          "spark.kubernetes.driver.container.allowlistFile",
                          "spark.hadoop.fs.s3.customAWSCredentialsProvider"}) {
    EXPECT_EQ(conf.count(key), 0u) << key;
  }
}

TEST(SparkSubmit, PodTemplatesAreMountedWhenTheUserHasThem) {
  OssContext ctx = Context();
  ctx.executor_template = Json::parse(R"({"apiVersion": "v1", "kind": "Pod",
      "spec": {"containers": [{"name": "spark-kubernetes-executor"}]}})");
  std::vector<Manifest> manifests = EmitSparkSubmit(ReadInline(kJob), ctx);
  ASSERT_EQ(manifests.size(), 6u);
  Json templates = manifests[4].object;
  EXPECT_EQ(templates["metadata"]["name"], "pi-pod-templates");
  EXPECT_TRUE(templates["data"].contains("executor.yaml"));
  EXPECT_FALSE(templates["data"].contains("driver.yaml"));
  Json pod = Find(manifests, "Job")["spec"]["template"]["spec"];
  EXPECT_EQ(pod["volumes"][1]["configMap"]["name"], "pi-pod-templates");
  EXPECT_EQ(pod["containers"][0]["volumeMounts"][1]["mountPath"], "/opt/sparkmc/pod-templates");
  std::string conf = manifests[3].object["data"]["spark-defaults.conf"].get<std::string>();
  bool found = false;
  for (const auto& [k, v] : ReadProperties(conf)) {
    if (k == "spark.kubernetes.executor.podTemplateFile") {
      found = true;
      EXPECT_EQ(v, "/opt/sparkmc/pod-templates/executor.yaml");
    }
  }
  EXPECT_TRUE(found);
}

TEST(SparkSubmit, RbacIsNamespacedAndCoversWhatTheDriverCreates) {
  std::vector<Manifest> manifests = EmitSparkSubmit(ReadInline(kJob), Context());
  for (const Manifest& m : manifests) {
    std::string kind = m.object.value("kind", "");
    EXPECT_TRUE(kind != "ClusterRole" && kind != "ClusterRoleBinding") << kind;
    EXPECT_EQ(m.object["metadata"]["namespace"], "spark-jobs") << kind;
  }
  Json rule = Find(manifests, "Role")["rules"][0];
  EXPECT_EQ(rule["resources"], Json::array({"pods", "services", "configmaps", "persistentvolumeclaims"}));
  for (const char* verb : {"create", "get", "list", "watch", "delete", "deletecollection"}) {
    bool has = false;
    for (const Json& v : rule["verbs"]) has |= v == verb;
    EXPECT_TRUE(has) << verb;
  }
  EXPECT_EQ(Find(manifests, "ServiceAccount")["metadata"]["name"], "pi-spark");
}

TEST(SparkSubmit, DriverGetsEmrsPropertiesExceptDocumentedOnes) {
  Job job = ReadInline(kJob);
  OssContext ctx = Context();
  std::map<std::string, std::string> want = ExpectedDriverProperties(job, ctx);

  // spark-submit: spark-defaults.conf, then the command line over it.
  std::vector<Manifest> manifests = EmitSparkSubmit(job, ctx);
  std::map<std::string, std::string> got;
  for (const auto& [k, v] : ReadProperties(Find(manifests, "ConfigMap")["data"]["spark-defaults.conf"].get<std::string>())) {
    got[k] = v;
  }
  std::vector<std::string> argv = ReceivedArgv(Find(manifests, "Job"));
  std::vector<SubmitToken> tokens;
  for (size_t i = 1; i + 1 + job.entry_point_arguments.size() < argv.size(); ++i) tokens.push_back({argv[i], {}});
  for (const Property& p : EffectiveSubmitProperties(ParseSubmitTokens(tokens))) got[p.key] = p.value;

  for (auto* m : {&want, &got}) {
    for (auto it = m->begin(); it != m->end();) {
      it = IsTargetManaged(it->first) || it->first.rfind("spark.", 0) != 0 ? m->erase(it) : std::next(it);
    }
  }
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace sparkmc
