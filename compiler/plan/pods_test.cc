// One test per rule of the pod computation (the table of hand-derived cases
// is tests/plan_spark_test.cc).
#include "compiler/plan/pods.h"

#include <gtest/gtest.h>

#include "compiler/plan/spark_rules.h"

namespace sparkmc {
namespace {

Property Prop(const std::string& key, const std::string& value, int line = 1) {
  Property p;
  p.key = key;
  p.value = value;
  p.origin = Origin::kApplicationConfiguration;
  p.classification = "spark-defaults";
  p.loc = Location{"job.json", line, 7};
  return p;
}

PodInputs Inputs(std::vector<Property> props, const std::string& resource = "s3://b/app.jar") {
  PodInputs in;
  in.target = "spark-submit";
  in.spark_version = "3.5.1";
  in.main_resource = resource;
  in.properties = std::move(props);
  return in;
}

PodTemplateDoc Template(const std::string& origin, const std::string& yaml, const std::string& path = "pod.yaml") {
  auto src = std::make_shared<SourceFile>();
  src->path = path;
  src->text = yaml;
  return PodTemplateDoc{origin, src, ParseDocuments(*src).front()};
}

const ContainerPlan& Spark(const PodPlan& p, const std::string& role) { return *p.Role(role)->SparkContainer(); }
int64_t MiB(int64_t bytes) { return bytes / (1024 * 1024); }

TEST(Pods, DefaultsAreSparksAndSaySo) {
  PodPlan p = ComputePods(Inputs({}));
  ASSERT_EQ(p.pods.size(), 2u);
  const ContainerPlan& d = Spark(p, "driver");
  EXPECT_EQ(d.name, "spark-kubernetes-driver");
  EXPECT_EQ(MiB(d.requests.memory_bytes), 1408);
  EXPECT_EQ(d.limits.memory_bytes, d.requests.memory_bytes);
  EXPECT_EQ(d.requests.cpu_millis, 1000);
  EXPECT_FALSE(d.limits.has_cpu);
  EXPECT_NE(d.from.at("memoryOverhead").text.find("default factor 0.1, Spark 3.5"), std::string::npos);
  EXPECT_EQ(Spark(p, "executor").name, "spark-kubernetes-executor");
  EXPECT_EQ(p.Role("executor")->count.count, 2);
  EXPECT_TRUE(p.notes.empty());
}

TEST(Pods, EveryNumberPointsAtTheProperty) {
  PodPlan p = ComputePods(Inputs({Prop("spark.executor.memory", "4g", 12), Prop("spark.executor.cores", "2", 13)}));
  const ContainerPlan& e = Spark(p, "executor");
  EXPECT_EQ(e.from.at("memory").text, "spark.executor.memory=4g");
  EXPECT_EQ(e.from.at("memory").loc.line, 12);
  EXPECT_EQ(e.from.at("requests.memory").loc.line, 12);
  EXPECT_EQ(e.from.at("requests.cpu").loc.line, 13);
  EXPECT_EQ(MiB(e.requests.memory_bytes), 4096 + 409);
}

TEST(Pods, EmrDefaultsAreNamedAsSuch) {
  Property p = Prop("spark.driver.memory", "1G");
  p.origin = Origin::kReleaseDefault;
  p.loc = Location{};
  PodPlan plan = ComputePods(Inputs({p}));
  EXPECT_EQ(Spark(plan, "driver").from.at("memory").text, "spark.driver.memory=1G (EMR release default)");
}

TEST(Pods, ExplicitOverheadIsNotFloored) {
  PodPlan p = ComputePods(Inputs({Prop("spark.executor.memoryOverhead", "100m")}));
  EXPECT_EQ(MiB(Spark(p, "executor").requests.memory_bytes), 1124);
  EXPECT_TRUE(p.Role("executor")->memory.overhead_explicit);
}

TEST(Pods, RoleFactorBeatsKubernetesFactorBeatsNonJvmDefault) {
  auto exec_mib = [](std::vector<Property> props, const std::string& res) {
    return MiB(Spark(ComputePods(Inputs(std::move(props), res)), "executor").requests.memory_bytes);
  };
  EXPECT_EQ(exec_mib({Prop("spark.executor.memory", "4g")}, "a.py"), 4096 + 1638);
  EXPECT_EQ(exec_mib({Prop("spark.executor.memory", "4g"), Prop("spark.kubernetes.memoryOverheadFactor", "0.2")}, "a.py"),
            4096 + 819);
  EXPECT_EQ(exec_mib({Prop("spark.executor.memory", "4g"), Prop("spark.kubernetes.memoryOverheadFactor", "0.2"),
                      Prop("spark.executor.memoryOverheadFactor", "0.15")},
                     "a.py"),
            4096 + 614);
}

TEST(Pods, AppTypeFromSparkOperatorsSpecType) {
  PodInputs in = Inputs({Prop("spark.executor.memory", "4g")}, "local:///opt/app.jar");
  in.app_type = "Python";
  PodPlan p = ComputePods(in);
  EXPECT_EQ(p.Role("executor")->memory.app_type, "python");
  EXPECT_DOUBLE_EQ(p.Role("executor")->memory.overhead_factor, 0.4);
}

TEST(Pods, PysparkMemoryOnlyForPythonExecutors) {
  std::vector<Property> props = {Prop("spark.executor.pyspark.memory", "1g")};
  EXPECT_EQ(MiB(Spark(ComputePods(Inputs(props, "a.py")), "executor").requests.memory_bytes), 1024 + 409 + 1024);
  EXPECT_EQ(MiB(Spark(ComputePods(Inputs(props, "a.R")), "executor").requests.memory_bytes), 1024 + 409);
  EXPECT_EQ(MiB(Spark(ComputePods(Inputs(props, "a.py")), "driver").requests.memory_bytes), 1024 + 409);
}

TEST(Pods, OffHeapNeedsEnabledAndAPositiveSize) {
  std::vector<Property> props = {Prop("spark.memory.offHeap.enabled", "true"), Prop("spark.memory.offHeap.size", "512m")};
  EXPECT_EQ(MiB(Spark(ComputePods(Inputs(props)), "executor").requests.memory_bytes), 1024 + 384 + 512);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.memory.offHeap.enabled", "true")})), InputError);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.memory.offHeap.enabled", "yes")})), InputError);
  // The alternative name Spark still reads.
  EXPECT_EQ(MiB(Spark(ComputePods(Inputs({Prop("spark.unsafe.offHeap", "true"), Prop("spark.memory.offHeap.size", "1g")})),
                      "executor")
                    .requests.memory_bytes),
            1024 + 384 + 1024);
}

TEST(Pods, ValuesSparkRefusesAreLocatedErrors) {
  try {
    ComputePods(Inputs({Prop("spark.executor.memory", "1.5g", 9)}));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().line, 9);
    EXPECT_NE(std::string(e.what()).find("spark.executor.memory=1.5g"), std::string::npos);
  }
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.kubernetes.memoryOverheadFactor", "1.5")})), InputError);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.executor.memoryOverheadFactor", "0")})), InputError);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.executor.cores", "1.5")})), InputError);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.kubernetes.executor.request.cores", "lots")})), InputError);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.executor.resource.gpu.amount", "1")})), InputError);  // no vendor
}

TEST(Pods, JavaDoubleSpellingsOfAFactor) {
  PodPlan p = ComputePods(Inputs({Prop("spark.executor.memory", "4g"), Prop("spark.executor.memoryOverheadFactor", " 0.25d ")}));
  EXPECT_EQ(MiB(Spark(p, "executor").requests.memory_bytes), 4096 + 1024);
}

TEST(Pods, DynamicAllocationBounds) {
  PodPlan p = ComputePods(Inputs({Prop("spark.dynamicAllocation.enabled", "true"),
                                  Prop("spark.dynamicAllocation.minExecutors", "1"),
                                  Prop("spark.dynamicAllocation.maxExecutors", "20"),
                                  Prop("spark.dynamicAllocation.initialExecutors", "3")}));
  const PodCount& c = p.Role("executor")->count;
  EXPECT_TRUE(c.dynamic);
  EXPECT_EQ(c.min, 1);
  EXPECT_EQ(c.initial, 3);
  EXPECT_EQ(c.max, 20);
  EXPECT_EQ(c.count, 3);
  PodPlan unbounded = ComputePods(Inputs({Prop("spark.dynamicAllocation.enabled", "true")}));
  EXPECT_EQ(unbounded.Role("executor")->count.max, -1);
  EXPECT_THROW(ComputePods(Inputs({Prop("spark.dynamicAllocation.enabled", "true"),
                                   Prop("spark.dynamicAllocation.minExecutors", "5"),
                                   Prop("spark.dynamicAllocation.maxExecutors", "2")})),
               InputError);
}

TEST(Pods, TemplateKeepsOtherKeysAndItsCpuLimit) {
  PodInputs in = Inputs({});
  in.executor_templates.push_back(Template("template",
                                           "spec:\n  containers:\n  - name: x\n    resources:\n      requests: {cpu: 3, memory: 9Gi, "
                                           "ephemeral-storage: 1Gi}\n      limits: {cpu: 4, memory: 9Gi}\n"));
  PodPlan plan = ComputePods(in);
  const ContainerPlan& e = Spark(plan, "executor");
  EXPECT_EQ(e.name, "x");
  EXPECT_EQ(e.requests.cpu_millis, 1000);
  EXPECT_EQ(MiB(e.limits.memory_bytes), 1408);
  EXPECT_EQ(e.limits.cpu_millis, 4000);
  EXPECT_EQ(MiB(e.requests.ephemeral_storage_bytes), 1024);
  EXPECT_EQ(e.from.at("limits.cpu").loc.file, "pod.yaml");
}

TEST(Pods, PodTotalAddsSidecarsAndTakesTheLargestInit) {
  PodInputs in = Inputs({});
  in.driver_templates.push_back(Template("template",
                                         "spec:\n  containers:\n  - name: spark-kubernetes-driver\n  - name: side\n    resources:\n"
                                         "      limits: {cpu: 500m, memory: 256Mi}\n  initContainers:\n  - name: big\n"
                                         "    resources:\n      requests: {cpu: 4, memory: 8Gi}\n"));
  PodPlan p = ComputePods(in);
  const PodRolePlan& d = *p.Role("driver");
  ASSERT_EQ(d.containers.size(), 3u);
  EXPECT_TRUE(d.containers[2].init);
  // The sidecar's requests default to its limits (Kubernetes' defaulting).
  EXPECT_EQ(d.containers[1].requests.cpu_millis, 500);
  // max(1000m + 500m, 4000m) cpu, max(1408Mi + 256Mi, 8192Mi) memory.
  EXPECT_EQ(d.total_requests.cpu_millis, 4000);
  EXPECT_EQ(MiB(d.total_requests.memory_bytes), 8192);
  EXPECT_TRUE(d.cpu_limit_unbounded);  // Spark's container has no cpu limit
  EXPECT_FALSE(d.memory_limit_unbounded);
  EXPECT_EQ(MiB(d.total_limits.memory_bytes), 1408 + 256);
}

TEST(Pods, NativeSidecarsRunBesideTheContainers) {
  PodInputs in = Inputs({});
  in.driver_templates.push_back(Template("template",
                                         "spec:\n  initContainers:\n  - name: proxy\n    restartPolicy: Always\n    resources:\n"
                                         "      requests: {cpu: 250m, memory: 100Mi}\n"));
  PodPlan plan = ComputePods(in);
  const PodRolePlan& d = *plan.Role("driver");
  EXPECT_EQ(d.total_requests.cpu_millis, 1250);
  EXPECT_EQ(MiB(d.total_requests.memory_bytes), 1508);
}

TEST(Pods, EmrSidecarAdjustments) {
  std::string emr = "spec:\n  containers:\n  - name: spark-kubernetes-executor\n  - name: emr-container-fluentd\n"
                    "    resources:\n      requests: {memory: 200Mi}\n      limits: {memory: 512Mi}\n";
  PodInputs in = Inputs({Prop("spark.kubernetes.executor.podTemplateContainerName", "spark-kubernetes-executor")});
  in.executor_templates.push_back(Template("emr", emr));
  in.driver_templates.push_back(Template("emr", emr));
  in.adjustments.push_back(SidecarAdjustment{"", false, "requests.memory", "300Mi", From{"logging.request.memory=300Mi", {}}});
  PodPlan p = ComputePods(in);
  ASSERT_EQ(p.Role("executor")->containers.size(), 2u);
  EXPECT_EQ(MiB(p.Role("executor")->containers[1].requests.memory_bytes), 300);
  EXPECT_EQ(MiB(p.Role("executor")->total_requests.memory_bytes), 1408 + 300);
  in.adjustments.push_back(SidecarAdjustment{"executor", true, "", "", From{"executor.logging=DISABLED", {}}});
  PodPlan off = ComputePods(in);
  EXPECT_EQ(off.Role("executor")->containers.size(), 1u);
  EXPECT_EQ(off.Role("driver")->containers.size(), 2u);
}

TEST(Pods, UserTemplateMergesIntoEmrsByContainerName) {
  PodInputs in = Inputs({Prop("spark.kubernetes.driver.podTemplateContainerName", "spark-kubernetes-driver")});
  in.driver_templates.push_back(Template("emr", "spec:\n  containers:\n  - name: spark-kubernetes-driver\n  - name: f\n"));
  in.driver_templates.push_back(Template("template",
                                         "spec:\n  containers:\n  - name: spark-kubernetes-driver\n    resources:\n"
                                         "      requests: {nvidia.com/gpu: 1}\n      limits: {nvidia.com/gpu: 1}\n"
                                         "  - name: mine\n    resources:\n      requests: {cpu: 100m}\n"));
  PodPlan plan = ComputePods(in);
  const PodRolePlan& d = *plan.Role("driver");
  ASSERT_EQ(d.containers.size(), 3u);
  EXPECT_EQ(d.containers[0].name, "spark-kubernetes-driver");
  EXPECT_EQ(d.containers[0].requests.extended.at("nvidia.com/gpu"), 1);
  EXPECT_EQ(d.containers[2].name, "mine");
  EXPECT_EQ(d.containers[2].origin, "template");
}

TEST(Pods, BadTemplateQuantityIsLocated) {
  PodInputs in = Inputs({});
  in.executor_templates.push_back(Template("template", "spec:\n  containers:\n  - name: s\n  - name: x\n    resources:\n      requests: {memory: lots}\n"));
  try {
    ComputePods(in);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, "pod.yaml");
    EXPECT_EQ(e.location().line, 6);
  }
}

TEST(Pods, UnknownVersionsUseTheNearestLineAndSaySo) {
  PodInputs in = Inputs({});
  in.spark_version = "4.0.1";
  PodPlan p = ComputePods(in);
  EXPECT_EQ(p.spark_line, "3.5");
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_NE(p.notes[0].find("no verified rules for Spark 4.0.1"), std::string::npos);
  in.spark_version = "";
  EXPECT_NE(ComputePods(in).notes.at(0).find("unknown"), std::string::npos);
}

TEST(SparkRules, LinesAndParsing) {
  EXPECT_EQ(SparkRuleLines(), (std::vector<std::string>{"3.3", "3.4", "3.5"}));
  EXPECT_EQ(SparkLine("3.3.0-amzn-0"), "3.3");
  EXPECT_EQ(SparkLine("3.10.1"), "3.10");
  EXPECT_EQ(SparkLine("v3"), "");
  bool exact = false;
  EXPECT_EQ(RulesForVersion("3.2.1", &exact).line, "3.3");
  EXPECT_FALSE(exact);
  EXPECT_EQ(RulesForVersion("3.4.1", &exact).min_overhead_mib, 384);
  EXPECT_TRUE(exact);
  EXPECT_FALSE(RulesForVersion("3.3.0", &exact).shuffle_tracking);
}

}  // namespace
}  // namespace sparkmc
