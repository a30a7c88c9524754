// The release-aware rule kinds (kinds_release.cc), registered in kinds.cc.
#ifndef SPARKMC_CHECK_KINDS_RELEASE_H_
#define SPARKMC_CHECK_KINDS_RELEASE_H_

#include "compiler/check/rules.h"

namespace sparkmc::kinds {

RuleKind JvmOptionKind();
RuleKind SparkKeyReleaseKind();
RuleKind ReleaseFeatureKind();

}  // namespace sparkmc::kinds

#endif  // SPARKMC_CHECK_KINDS_RELEASE_H_
