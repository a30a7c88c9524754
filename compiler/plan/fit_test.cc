// Fit: expectations computed by hand from the scheduler's rule (a pod fits
// while each request is at most what is left of allocatable), written out in
// each case.
#include "compiler/plan/fit.h"

#include <gtest/gtest.h>

namespace sparkmc {
namespace {

constexpr int64_t kMiB = 1024 * 1024;

ResourceList Ask(int64_t cpu_millis, int64_t memory_mib) {
  ResourceList r;
  r.cpu_millis = cpu_millis;
  r.has_cpu = true;
  r.memory_bytes = memory_mib * kMiB;
  r.has_memory = true;
  return r;
}

NodeShape M6i4xlarge() { return *InstanceTypeShape("m6i.4xlarge"); }  // 15890m, 62607Mi, 234 pods

TEST(Fit, CpuBindsAndStrandsMemory) {
  PodAsk driver{Ask(1000, 1408), 1, 1};
  PodAsk exec{Ask(4000, 13516), 10, 25};
  NodeFit f = Fit(driver, exec, M6i4xlarge(), ResourceList{});
  // cpu 15890 / 4000 = 3; memory 62607 / 13516 = 4; pods 234.
  EXPECT_EQ(f.executors_per_node, 3);
  EXPECT_EQ(f.binding, "cpu");
  EXPECT_NEAR(f.stranded_cpu_pct, 100.0 * 3890 / 15890, 1e-9);             // 24.48%
  EXPECT_NEAR(f.stranded_memory_pct, 100.0 * (62607 - 40548) / 62607, 1e-9);  // 35.23%
  EXPECT_EQ(f.nodes_needed, 4);         // ceil(10 / 3)
  EXPECT_EQ(f.nodes_needed_at_max, 9);  // ceil(25 / 3)
  EXPECT_TRUE(f.driver_fits);
  EXPECT_EQ(f.driver_binding, "");
}

TEST(Fit, DaemonsetsTakeTheirShareFirst) {
  PodAsk exec{Ask(5000, 13516), 6, 6};
  // Without daemonsets: cpu 15890 / 5000 = 3. With 1000m of daemonsets: 14890 / 5000 = 2.
  EXPECT_EQ(Fit(PodAsk{}, exec, M6i4xlarge(), ResourceList{}).executors_per_node, 3);
  NodeFit f = Fit(PodAsk{}, exec, M6i4xlarge(), Ask(1000, 512), 3);
  EXPECT_EQ(f.executors_per_node, 2);
  EXPECT_EQ(f.binding, "cpu");
  // Left: 15890 - 1000 - 10000 = 4890m; 62607 - 512 - 27032 = 35063Mi.
  EXPECT_NEAR(f.stranded_cpu_pct, 100.0 * 4890 / 15890, 1e-9);
  EXPECT_NEAR(f.stranded_memory_pct, 100.0 * 35063 / 62607, 1e-9);
  EXPECT_EQ(f.nodes_needed, 3);
}

TEST(Fit, MemoryBinds) {
  NodeFit f = Fit(PodAsk{}, PodAsk{Ask(1000, 20000), 7, 7}, M6i4xlarge(), ResourceList{});
  EXPECT_EQ(f.executors_per_node, 3);  // memory 62607 / 20000 = 3; cpu 15
  EXPECT_EQ(f.binding, "memory");
  EXPECT_EQ(f.nodes_needed, 3);        // ceil(7 / 3)
}

TEST(Fit, TieReportsCpuFirst) {
  // cpu 15890 / 5000 = 3; memory 62607 / 20000 = 3.
  EXPECT_EQ(Fit(PodAsk{}, PodAsk{Ask(5000, 20000), 1, 1}, M6i4xlarge(), ResourceList{}).binding, "cpu");
}

TEST(Fit, PodsBindOnSmallNodes) {
  // c6gn.medium: 940m, 2048 - (11*8 + 255) - 100 = 1605Mi, 8 pods.
  NodeShape s = *InstanceTypeShape("c6gn.medium");
  EXPECT_EQ(s.allocatable.memory_bytes, 1605 * kMiB);
  NodeFit f = Fit(PodAsk{}, PodAsk{Ask(100, 100), 20, 20}, s, ResourceList{});
  EXPECT_EQ(f.executors_per_node, 8);  // cpu 9, memory 16, pods 8
  EXPECT_EQ(f.binding, "pods");
  EXPECT_EQ(f.nodes_needed, 3);        // ceil(20 / 8)
  EXPECT_EQ(Fit(PodAsk{}, PodAsk{Ask(100, 100), 20, 20}, s, ResourceList{}, 2).executors_per_node, 6);
}

TEST(Fit, ExtendedResourcesBindOrExclude) {
  ResourceList gpu_ask = Ask(1000, 4096);
  gpu_ask.extended["nvidia.com/gpu"] = 1;
  NodeFit g = Fit(PodAsk{}, PodAsk{gpu_ask, 2, 2}, *InstanceTypeShape("g5.xlarge"), ResourceList{});
  EXPECT_EQ(g.executors_per_node, 1);  // 1 GPU; cpu 3920 / 1000 = 3
  EXPECT_EQ(g.binding, "nvidia.com/gpu");
  EXPECT_EQ(g.nodes_needed, 2);
  // No GPU on an m6i: nothing fits, and the count of nodes is unknowable.
  NodeFit m = Fit(PodAsk{gpu_ask, 1, 1}, PodAsk{gpu_ask, 2, 2}, M6i4xlarge(), ResourceList{});
  EXPECT_EQ(m.executors_per_node, 0);
  EXPECT_EQ(m.binding, "nvidia.com/gpu");
  EXPECT_EQ(m.nodes_needed, -1);
  EXPECT_FALSE(m.driver_fits);
  EXPECT_EQ(m.driver_binding, "nvidia.com/gpu");
  EXPECT_NEAR(m.stranded_cpu_pct, 100.0, 1e-9);
}

TEST(Fit, DriverTooBig) {
  NodeFit f = Fit(PodAsk{Ask(16000, 1024), 1, 1}, PodAsk{Ask(1000, 1024), 1, 1}, M6i4xlarge(), ResourceList{});
  EXPECT_FALSE(f.driver_fits);
  EXPECT_EQ(f.driver_binding, "cpu");  // 16000 > 15890
  EXPECT_EQ(FirstExceeded(Ask(15890, 62607), M6i4xlarge(), ResourceList{}), "");
  EXPECT_EQ(FirstExceeded(Ask(15890, 62608), M6i4xlarge(), ResourceList{}), "memory");
}

TEST(Fit, AllocatableWithoutMemoryNeverBindsOnMemory) {
  NodeShape s;
  s.name = "custom";
  s.allocatable.cpu_millis = 8000;
  s.allocatable.has_cpu = true;
  s.max_pods = 110;
  NodeFit f = Fit(PodAsk{}, PodAsk{Ask(2000, 999999), 4, 4}, s, ResourceList{});
  EXPECT_EQ(f.executors_per_node, 4);
  EXPECT_EQ(f.binding, "cpu");
  EXPECT_EQ(f.stranded_memory_pct, 0);
}

TEST(Fit, ZeroExecutorsNeedNoNodes) {
  NodeFit f = Fit(PodAsk{}, PodAsk{Ask(1000, 1024), 0, 0}, M6i4xlarge(), ResourceList{});
  EXPECT_EQ(f.nodes_needed, 0);
  EXPECT_EQ(f.nodes_needed_at_max, 0);
}

}  // namespace
}  // namespace sparkmc

namespace sparkmc {
namespace {

TEST(LargestPodMemory, TheBiggestPoolLessItsDaemonsets) {
  EXPECT_FALSE(LargestPodMemory({}));
  std::vector<NodePool> pools = NodePoolsFromInstanceTypes("c6gn.2xlarge,m6i.4xlarge", Location{"--nodes", 0, 0});
  pools[1].daemonset_overhead = Ask(0, 607);
  std::optional<NodeMemoryCeiling> c = LargestPodMemory(pools);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->mib, 62000);  // m6i.4xlarge: 62607 - 607; c6gn.2xlarge: 16384 - 893 - 100 = 15391
  EXPECT_EQ(c->pool, "m6i.4xlarge");
  EXPECT_EQ(c->shape, "m6i.4xlarge");
}

}  // namespace
}  // namespace sparkmc
