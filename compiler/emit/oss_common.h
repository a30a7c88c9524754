// What the open-source targets (spark-operator, spark-submit) share: the
// Spark properties the driver ends up with when EMR on EKS is not there to
// add its own, the names of the objects we create, and the driver's RBAC.
#ifndef SPARKMC_EMIT_OSS_COMMON_H_
#define SPARKMC_EMIT_OSS_COMMON_H_

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "compiler/emit/emr_eks.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// What the open-source targets need to know beyond the job.
struct OssContext {
  std::string namespace_;
  std::string region;  ///< Only read when emr_image (EMR's defaults name EMR's image).
  std::string job_id;
  std::string image;        ///< The Spark image for the driver, the executors and the submitter.
  bool emr_image = false;   ///< \a image is EMR's image for the job's release label.
  /// The user's pod templates (Pod objects), read by the CLI from the files
  /// spark.kubernetes.{driver,executor}.podTemplateFile names; null when none.
  nlohmann::ordered_json driver_template;
  nlohmann::ordered_json executor_template;
  /// Release facts learned from the user's cluster (EmrContext::facts).
  std::shared_ptr<const FactStore> facts;
};

/// A setting EMR on EKS would give the driver that the open-source targets
/// leave out or change.
struct OssDrop {
  std::string key;          ///< A Spark property, or a job field ("cloudWatchMonitoringConfiguration").
  std::string value;        ///< As EMR has it.
  bool replaced = false;    ///< True: the targets use \a replacement instead; false: left out.
  std::string replacement;
  std::string reason;
  Origin origin = Origin::kReleaseDefault;
  Location loc;  ///< Where the user wrote it; no file for EMR's own defaults.
};

struct OssProperties {
  /// The spark-defaults the targets start from: EMR's release defaults with
  /// the `spark-defaults` classification over them (as on EMR), less what
  /// only EMR understands, images and event logs mapped, in EMR's order.
  std::vector<Property> conf;
  /// \a conf with sparkSubmitParameters laid over it as spark-submit does:
  /// the properties the driver ends up with (before the target-managed keys,
  /// see IsTargetManaged).
  std::vector<Property> driver;
  std::vector<OssDrop> dropped;
  /// Properties sparkSubmitParameters sets that only EMR understands. They are
  /// kept: the spark-submit target reproduces the arguments exactly, and both
  /// targets must give the driver the same properties. Lint warns about them.
  std::vector<Property> emr_only_submitted;
};

/// The properties for the open-source targets; see OssProperties.
OssProperties OssSparkProperties(const Job& job, const OssContext& ctx);

/// Why \a key = \a value is left out for \a ctx's image (from
/// compiler/data/oss/emr-only-properties.tsv), or "" when it is kept.
std::string EmrOnlyReason(const std::string& key, const std::string& value, bool emr_image);

/// True for properties each target sets its own way, so they legitimately
/// differ between EMR on EKS, spark-operator and spark-submit: the master URL,
/// the app name, images, the driver's service account and pod name, pod
/// template files, operator labels and submission settings. Together with
/// OssProperties::dropped these are the documented exceptions to "the driver
/// ends up with the same properties on every target".
bool IsTargetManaged(const std::string& key);

/// The last value of \a key in \a props, or null.
const Property* FindProperty(const std::vector<Property>& props, const std::string& key);

/// The name of the SparkApplication or of the spark-submit objects: the job's
/// name, else the ACK resource's, else the entry point's file name, else
/// "spark-<job id>"; lowercased, other characters turned into '-', starting
/// with a letter (the operator wants a DNS-1035 label) and at most 56
/// characters, so that suffixes such as "-ui-svc" and "-submit" keep derived
/// names within 63.
std::string OssAppName(const Job& job, const OssContext& ctx);

/// The ServiceAccount the driver (and the spark-submit pod) run as.
std::string OssServiceAccountName(const std::string& app);

/// ServiceAccount, Role and RoleBinding for the driver: in ctx's namespace
/// only, on the kinds a Spark driver creates (pods, services, configmaps,
/// persistentvolumeclaims). Nothing cluster-wide.
std::vector<Manifest> DriverRbac(const std::string& app, const OssContext& ctx);

/// A Pod template file (apiVersion/kind/metadata/spec) as the PodTemplateSpec
/// the operator's `template` field takes (metadata/spec).
nlohmann::ordered_json PodTemplateSpec(const nlohmann::ordered_json& pod);

/// Throws InputError when \a ctx names no image, or the job cannot run on
/// the open-source targets at all (sparkSqlJobDriver).
void CheckOssJob(const Job& job, const OssContext& ctx);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_OSS_COMMON_H_
