// Pod templates as Spark merges them with the container it builds, and the
// pod total as the scheduler adds it up.
#ifndef SPARKMC_PLAN_POD_MERGE_H_
#define SPARKMC_PLAN_POD_MERGE_H_

#include <string>
#include <vector>

#include "compiler/plan/pods.h"

namespace sparkmc {

/// The containers of a \a role pod: \a templates merged in order (a container
/// named like an earlier one replaces the resource keys it sets), the Spark
/// container chosen as KubernetesUtils.selectSparkContainer chooses it (the
/// one container named \a container_name, else the first), with \a spark's
/// cpu and memory laid over it and its other resource keys kept; EMR's
/// sidecars adjusted; then Kubernetes' defaulting (a limit without a request
/// gives the request). Spark's container first, then the others in template
/// order, then init containers. Throws InputError at a quantity Kubernetes
/// would refuse.
std::vector<ContainerPlan> MergePodTemplates(const std::vector<PodTemplateDoc>& templates, const std::string& role,
                                             const std::string& container_name, const ContainerPlan& spark,
                                             const std::vector<SidecarAdjustment>& adjustments);

/// Fills total_requests, total_limits and the unbounded flags of \a plan from
/// its containers, as the scheduler computes a pod's request: the larger of
/// the running containers' sum (native sidecars included) and each init
/// container plus the sidecars started before it.
void SumPod(PodRolePlan* plan);

}  // namespace sparkmc

#endif  // SPARKMC_PLAN_POD_MERGE_H_
