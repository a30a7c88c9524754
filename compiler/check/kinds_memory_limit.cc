// The memory-limit kind: executor pod memory (heap + overhead) against the
// executor pod template's limit and the node ceiling.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/plan/fit.h"
#include "compiler/check/injection.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/model/release_facts.h"
#include "compiler/emit/emr_facts.h"

namespace sparkmc::kinds {

namespace {

/// A memory overhead factor as Spark reads a double; 0.1 when malformed or
/// not a finite, non-negative number (Spark would refuse the job; the
/// spark-value rule reports it).
double ParseFactor(const std::string& text) {
  std::string_view t = Trim(text);
  double f = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), f);
  if (ec != std::errc() || end != t.data() + t.size() || !(f >= 0 && f < 1e6)) return 0.1;
  return f;
}

struct MemoryLimitParams {
  std::optional<MemoryQuantity> max_pod_memory;
  std::optional<MemoryQuantity> fallback_pod_memory;
  static std::vector<ParamField> Fields() {
    return {Param<&MemoryLimitParams::max_pod_memory>("maxPodMemory", kOptional,
                                                      "the most memory a node offers a pod, overriding the node pools "
                                                      ".sparkmc.yaml declares"),
            Param<&MemoryLimitParams::fallback_pod_memory>(
                "fallbackPodMemory", kOptional,
                "the ceiling used when neither maxPodMemory nor nodePools is given; without any of the three, "
                "executor pods are checked against their pod template's limit only")};
  }
};

class MemoryLimitCheck : public KindCheck<MemoryLimitParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void MemoryLimitCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  const Property* mem_prop = Winning(*job, "spark.executor.memory");
  long long mem = SizeInMiB(Effective(s, "spark.executor.memory"));
  if (mem < 0) return;
  long long overhead;
  std::string explicit_overhead = Effective(s, "spark.executor.memoryOverhead");
  if (!explicit_overhead.empty()) {
    overhead = SizeInMiB(explicit_overhead);
  } else {
    std::string factor = Effective(s, "spark.executor.memoryOverheadFactor");
    if (factor.empty()) factor = Effective(s, "spark.kubernetes.memoryOverheadFactor");
    bool python = job->entry_point.value.size() > 3 &&
                  job->entry_point.value.substr(job->entry_point.value.size() - 3) == ".py";
    double f = factor.empty() ? (python ? 0.4 : 0.1) : ParseFactor(factor);
    overhead = std::max<long long>(static_cast<long long>(f * static_cast<double>(mem)), 384);
  }
  long long pod = mem + overhead;
  Location where = mem_prop ? mem_prop->loc : job->loc;
  for (const PodTemplateInput& t : s.templates) {
    if (t.role != "executor") continue;
    const Node* spec = t.doc.Find("spec");
    const Node* main = spec ? MainContainer(*spec, "spark-kubernetes-executor", OpenSourceTarget(s)) : nullptr;
    const Node* res = main ? main->Find("resources") : nullptr;
    const Node* lim = res ? res->Find("limits") : nullptr;
    const Node* lmem = lim ? lim->Find("memory") : nullptr;
    if (lmem && QuantityMiB(lmem->value) >= 0 && pod > QuantityMiB(lmem->value)) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead) but the "
                                           "executor pod template limits memory to {}", pod, mem, overhead, lmem->value)));
    }
  }
  // The ceiling: maxPodMemory when the rule gives it, else the largest node
  // pool .sparkmc.yaml declares (allocatable less daemonsets), else the
  // rule's fallback.
  std::optional<NodeMemoryCeiling> nodes = p_.max_pod_memory ? std::nullopt : LargestPodMemory(s.node_pools);
  if (nodes) {
    if (pod > nodes->mib) {
      out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead), more "
                                           "than the {}Mi the largest declared node pool ({}, {}) offers a pod",
                                           pod, mem, overhead, nodes->mib, nodes->pool, nodes->shape)));
    }
  } else if (const std::optional<MemoryQuantity>& cap = p_.max_pod_memory ? p_.max_pod_memory : p_.fallback_pod_memory;
             cap && pod > cap->mib) {
    out->push_back(At(where, fmt::format("executor pods need {}Mi (spark.executor.memory {}Mi + {}Mi overhead), more than "
                                         "the {} a node offers", pod, mem, overhead, cap->text)));
  }
}

}  // namespace

RuleKind MemoryLimitKind() {
  return MakeRuleKind<MemoryLimitCheck>("memory-limit", "executor pod memory (memory + overhead) against limits");
}

}  // namespace sparkmc::kinds
