// The spark-operator target: a Kubeflow Spark Operator SparkApplication
// (sparkoperator.k8s.io/v1beta2) that gives the driver the same properties as
// EMR on EKS would, plus the driver's ServiceAccount and namespaced RBAC.
#ifndef SPARKMC_EMIT_SPARK_OPERATOR_H_
#define SPARKMC_EMIT_SPARK_OPERATOR_H_

#include <string>
#include <vector>

#include "compiler/emit/emr_eks.h"
#include "compiler/emit/oss_common.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// ServiceAccount, Role, RoleBinding and the SparkApplication. Properties
/// become the typed fields the operator has (cores, memory, instances, images,
/// labels, annotations, deps, dynamic allocation, hadoopConf, ...) and sparkConf
/// for the rest, so that no property is set twice: the operator emits typed
/// fields after sparkConf (they win) and image, namespace and pull settings
/// before it (sparkConf would win), and v2.5 rejects some keys in sparkConf.
/// Throws InputError when the job cannot be expressed (see CheckOssJob) or
/// no Spark version is known for it.
std::vector<Manifest> EmitSparkOperator(const Job& job, const OssContext& ctx);

/// spec.sparkVersion: the version in the image's tag for an open-source image
/// (apache/spark:3.5.1), else the version EMR's release ships (from
/// compiler/data/oss/emr-spark-versions.tsv; \a inferred is set for rows not
/// verified on the release pages). "" when unknown.
std::string SparkVersionFor(const Job& job, const OssContext& ctx, bool* inferred);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_SPARK_OPERATOR_H_
