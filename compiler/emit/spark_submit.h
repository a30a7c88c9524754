// The spark-submit target: a batch/v1 Job whose pod runs spark-submit in
// cluster mode against the cluster it runs in, with spark-defaults.conf and
// the user's pod templates in ConfigMaps, and the driver's namespaced RBAC.
#ifndef SPARKMC_EMIT_SPARK_SUBMIT_H_
#define SPARKMC_EMIT_SPARK_SUBMIT_H_

#include <string>
#include <vector>

#include "compiler/emit/emr_eks.h"
#include "compiler/emit/oss_common.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// ServiceAccount, Role, RoleBinding, the spark-defaults ConfigMap, the pod
/// template ConfigMap (only when ctx carries templates) and the Job. Throws
/// InputError when the job cannot run this way (see CheckOssJob).
std::vector<Manifest> EmitSparkSubmit(const Job& job, const OssContext& ctx);

/// The command the Job runs, program first, as spark-submit must receive it:
/// the master and deploy mode, then sparkSubmitParameters token by token as
/// the job wrote them, then entryPoint and entryPointArguments.
std::vector<std::string> SparkSubmitCommand(const Job& job, const OssContext& ctx);

/// \a arg as written into a container's command or args. Kubernetes replaces
/// $(VAR) there with the container's environment and $$ with $, before the
/// process starts; doubling every '$' makes the process receive \a arg as is.
std::string EscapeKubernetesArg(const std::string& arg);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_SPARK_SUBMIT_H_
