// Node shapes: the instance table and EKS allocatable. Expectations for cpu are
// the allocatable cpu Karpenter publishes for the same types
// (aws/karpenter-provider-aws website/content/en/docs/reference/instance-types.md),
// an independent implementation of the same GKE-derived ranges; memory is
// computed by hand from bootstrap.sh's formula, written out in each test.
#include "compiler/plan/nodes.h"

#include <gtest/gtest.h>

#include "compiler/load/source.h"

namespace sparkmc {
namespace {

constexpr int64_t kMiB = 1024 * 1024;

TEST(EksAllocatable, CpuReservedMatchesKarpentersPublishedAllocatable) {
  // Karpenter: c6gn.medium 940m, c5.large 1930m, c5.xlarge 3920m, c5.2xlarge 7910m,
  // i3en.3xlarge 11900m, c5.4xlarge 15890m, c5.9xlarge 35840m, c5.24xlarge 95690m,
  // c7a.48xlarge 191450m.
  struct Case { int vcpu; int64_t allocatable; } cases[] = {
      {1, 940}, {2, 1930}, {4, 3920}, {8, 7910}, {12, 11900}, {16, 15890}, {36, 35840}, {96, 95690}, {192, 191450}};
  for (const Case& c : cases) {
    EXPECT_EQ(c.vcpu * 1000 - EksKubeReservedCpuMillis(c.vcpu), c.allocatable) << c.vcpu << " vCPU";
  }
}

TEST(EksAllocatable, MemoryReservedIsElevenMiBPerPodPlus255) {
  EXPECT_EQ(EksKubeReservedMemoryBytes(29), (11 * 29 + 255) * kMiB);  // 574Mi, m5.large
  EXPECT_EQ(EksKubeReservedMemoryBytes(234), 2829 * kMiB);
  EXPECT_EQ(EksEvictionHardMemoryBytes(), 100 * kMiB);
}

TEST(InstanceTypeShape, M6i4xlarge) {
  std::optional<NodeShape> s = InstanceTypeShape("m6i.4xlarge");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->max_pods, 234);                            // eni-max-pods.txt
  EXPECT_EQ(s->capacity.cpu_millis, 16000);
  EXPECT_EQ(s->capacity.memory_bytes, 65536 * kMiB);      // 64 GiB
  EXPECT_EQ(s->allocatable.cpu_millis, 15890);            // 16000 - (60 + 10 + 10 + 30)
  EXPECT_EQ(s->allocatable.memory_bytes, 62607 * kMiB);   // 65536 - (11*234 + 255) - 100
  EXPECT_FALSE(s->allocatable.has_ephemeral_storage);
  EXPECT_TRUE(s->allocatable.extended.empty());
  EXPECT_NE(s->source.find("bootstrap.sh"), std::string::npos);
}

TEST(InstanceTypeShape, MaxPodsOverrideChangesReservedMemory) {
  // Prefix delegation with --max-pods 110: 65536 - (11*110 + 255) - 100 = 63971.
  std::optional<NodeShape> s = InstanceTypeShape("m6i.4xlarge", 110);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->max_pods, 110);
  EXPECT_EQ(s->allocatable.memory_bytes, 63971 * kMiB);
}

TEST(InstanceTypeShape, GpuAndGravitonTypes) {
  std::optional<NodeShape> g = InstanceTypeShape("g5.12xlarge");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->allocatable.extended.at("nvidia.com/gpu"), 4);
  EXPECT_EQ(g->max_pods, 737);
  std::optional<InstanceType> m7g = FindInstanceType("m7g.xlarge");
  ASSERT_TRUE(m7g);
  EXPECT_EQ(m7g->arch, "arm64");
  EXPECT_EQ(m7g->family, "general");
  EXPECT_EQ(m7g->memory_mib, 16384);
  EXPECT_FALSE(InstanceTypeShape("m9z.huge"));
}

TEST(InstanceTable, EveryRowIsConsistent) {
  // Memory per vCPU within a family class is never below 1 GiB, and max pods
  // follow eni-max-pods' formula's smallest values: a typo in the table shows.
  for (const char* t : {"c5.large", "m5.metal", "r6i.32xlarge", "i4i.metal", "g4dn.metal", "c7i.metal-48xl"}) {
    std::optional<InstanceType> it = FindInstanceType(t);
    ASSERT_TRUE(it) << t;
    EXPECT_GE(it->memory_mib, it->vcpu * 1024) << t;
    EXPECT_GE(it->max_pods, 8) << t;
  }
}

ProjectConfig Config(const std::string& text) { return ParseProjectConfig(SourceFile{".sparkmc.yaml", text}); }

TEST(NodePools, FromConfigInFileOrder) {
  ProjectConfig cfg = Config(
      "nodePools:\n"
      "  exec:\n"
      "    instanceType: r6i.8xlarge\n"
      "    daemonsetOverhead: {cpu: 250m, memory: 512Mi, pods: 4}\n"
      "  gpu:\n"
      "    allocatable: {cpu: 7, memory: 28Gi, nvidia.com/gpu: 1}\n");
  std::vector<NodePool> pools = NodePoolsFromConfig(cfg);
  ASSERT_EQ(pools.size(), 2u);
  EXPECT_EQ(pools[0].name, "exec");
  EXPECT_EQ(pools[0].loc.line, 2);
  EXPECT_EQ(pools[0].loc.column, 3);
  EXPECT_EQ(pools[0].shape.instance_type, "r6i.8xlarge");
  // 256 GiB, 234 pods: 262144 - 2829 - 100.
  EXPECT_EQ(pools[0].shape.allocatable.memory_bytes, 259215 * kMiB);
  EXPECT_EQ(pools[0].daemonset_overhead.cpu_millis, 250);
  EXPECT_EQ(pools[0].daemonset_overhead.memory_bytes, 512 * kMiB);
  EXPECT_EQ(pools[0].daemonset_pods, 4);
  EXPECT_EQ(pools[1].shape.instance_type, "");
  EXPECT_EQ(pools[1].shape.allocatable.cpu_millis, 7000);
  EXPECT_EQ(pools[1].shape.allocatable.memory_bytes, 28LL * 1024 * kMiB);
  EXPECT_EQ(pools[1].shape.allocatable.extended.at("nvidia.com/gpu"), 1);
  EXPECT_EQ(pools[1].shape.max_pods, 110);  // the kubelet's default
}

void ExpectConfigError(const std::string& text, int line, int column, const std::string& fragment) {
  try {
    NodePoolsFromConfig(Config(text));
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().line, line) << e.what();
    EXPECT_EQ(e.location().column, column) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(NodePools, BadInputNamesTheKey) {
  ExpectConfigError("nodePools:\n  a:\n    instanceType: m6i.4xlarg\n", 3, 19, "did you mean 'm6i.4xlarge'");
  ExpectConfigError("nodePools:\n  a: {}\n", 2, 3, "exactly one of instanceType and allocatable");
  ExpectConfigError("nodePools:\n  a:\n    allocatable: {cpu: -1}\n", 3, 24, "non-negative");
  ExpectConfigError("nodePools:\n  a:\n    allocatable: {cpus: 4}\n", 3, 19, "did you mean 'cpu'");
  ExpectConfigError("nodePools:\n  a:\n    allocatable: {pods: 1.5}\n", 3, 25, "whole number");
  ExpectConfigError("nodePools:\n  a:\n    instanceType: m5.large\n    sizes: 1\n", 4, 5, "unknown key 'sizes'");
}

TEST(NodePools, FromInstanceTypesFlag) {
  std::vector<NodePool> pools = NodePoolsFromInstanceTypes("m6i.4xlarge, r6i.8xlarge", Location{"--nodes", 0, 0});
  ASSERT_EQ(pools.size(), 2u);
  EXPECT_EQ(pools[1].shape.name, "r6i.8xlarge");
  EXPECT_THROW(NodePoolsFromInstanceTypes("m6i.4xlarge,", Location{"--nodes", 0, 0}), InputError);
  EXPECT_THROW(NodePoolsFromInstanceTypes("x1.nope", Location{"--nodes", 0, 0}), InputError);
}

}  // namespace
}  // namespace sparkmc
