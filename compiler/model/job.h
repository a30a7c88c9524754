// The job: one typed, normalized StartJobRun request that every later stage
// reads. Each value remembers where it was written.
#ifndef SPARKMC_MODEL_JOB_H_
#define SPARKMC_MODEL_JOB_H_

#include <optional>
#include <string>
#include <vector>

#include "compiler/load/source.h"

namespace sparkmc {

/// A scalar from the job file with its position. `set` is false when the
/// field is absent.
struct Field {
  std::string value;
  Location loc;
  bool set = false;
};

/// Where a Spark property's value came from, lowest precedence first.
enum class Origin {
  kReleaseDefault,            ///< EMR's defaults for the release label.
  kApplicationConfiguration,  ///< configurationOverrides.applicationConfiguration.
  kSparkSubmitParameters,     ///< jobDriver.sparkSubmitJobDriver.sparkSubmitParameters.
};

const char* OriginName(Origin o);

struct Property {
  std::string key;
  std::string value;
  Origin origin = Origin::kReleaseDefault;
  std::string classification;  ///< For kApplicationConfiguration.
  std::string flag;            ///< For kSparkSubmitParameters: "--conf" or the dedicated flag.
  Location loc;                ///< Where the value is written (EMR defaults: no file).
  Location key_loc;            ///< Where the key is written, when apart from the value.
};

struct Configuration {
  Field classification;
  std::vector<Property> properties;
  std::vector<Configuration> configurations;
  Location loc;
};

struct Monitoring {
  Field persistent_app_ui;  ///< ENABLED when not set, as the API reports.
  bool cloudwatch = false;
  Field log_group_name;
  Field log_stream_name_prefix;
  Location cloudwatch_loc;
  bool s3 = false;
  Field log_uri;
  bool rotation = false;
  Field rotation_size;
  Field max_files_to_keep;
  bool managed_logs = false;
  Field allow_aws_to_retain_logs;
  Field encryption_key_arn;
  Location loc;  ///< monitoringConfiguration itself, when present.

  bool PersistentUiEnabled() const { return !persistent_app_ui.set || persistent_app_ui.value != "DISABLED"; }
  bool Logging() const { return cloudwatch || s3; }
};

/// One token of sparkSubmitParameters after shell-style word splitting.
struct SubmitToken {
  std::string text;
  Location loc;
};

enum class InputFormat { kStartJobRun, kAckJobRun };

struct Job {
  InputFormat format = InputFormat::kStartJobRun;
  Location loc;  ///< The document.
  std::string ack_name;  ///< metadata.name of an ACK JobRun.

  Field name;
  /// ACK's virtualClusterRef / executionRoleRef: the referenced resource's
  /// name (its `from.name`), set when the JobRun names its virtual cluster or
  /// role by reference. virtual_cluster_id / execution_role_arn then hold
  /// neutral stand-ins until the driver resolves them (ResolveAckReferences).
  Field virtual_cluster_ref;
  Field execution_role_ref;
  Field virtual_cluster_id;
  Field execution_role_arn;
  Field release_label;
  Field job_template_id;
  Field retry_max_attempts;

  bool has_job_driver = false;  ///< jobDriver is present.
  bool spark_sql = false;  ///< sparkSqlJobDriver instead of sparkSubmitJobDriver.
  Field entry_point;
  std::vector<Field> entry_point_arguments;
  Field submit_parameters;  ///< sparkSubmitParameters or sparkSqlParameters, as written.
  std::vector<SubmitToken> submit_tokens;
  /// Properties set by sparkSubmitParameters, in order (dedicated flags mapped
  /// to their property, e.g. --executor-memory to spark.executor.memory).
  std::vector<Property> submit_properties;

  std::vector<Configuration> application_configuration;
  Monitoring monitoring;
  Location overrides_loc;  ///< configurationOverrides, when present.
  std::vector<std::pair<Field, Field>> tags;

  // Derived from execution_role_arn.
  std::string account_id;
  std::string role_name;

  /// Properties of every `spark-defaults` classification, in file order.
  std::vector<const Property*> SparkDefaultsOverrides() const;
  /// Value of \a key in classification \a classification, or null.
  const Property* ClassificationProperty(const std::string& classification, const std::string& key) const;
};

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_JOB_H_
