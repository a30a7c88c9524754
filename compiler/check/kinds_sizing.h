// The sizing rule kinds (kinds_sizing.cc): the pods a job asks for
// (plan/pods.h) against the node pools .sparkmc.yaml declares (plan/nodes.h,
// plan/fit.h). Registered in kinds.cc.
#ifndef SPARKMC_CHECK_KINDS_SIZING_H_
#define SPARKMC_CHECK_KINDS_SIZING_H_

#include "compiler/check/rules.h"

namespace sparkmc::kinds {

/// pod-does-not-fit: a pod's requests exceed every declared node pool.
RuleKind PodFitKind();
/// executor-stranding: packing executors leaves more than a share of each node unusable.
RuleKind StrandingKind();
/// pyspark-memory-overhead: a Python job's overhead cannot hold its Python workers.
RuleKind PysparkOverheadKind();

}  // namespace sparkmc::kinds

#endif  // SPARKMC_CHECK_KINDS_SIZING_H_
