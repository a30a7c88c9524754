#include "compiler/emit/oss_common.h"
#include "compiler/base/text.h"

#include <cctype>
#include <sstream>

#include "compiler/model/s3_uri.h"
#include "compiler/data/embedded.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/model/submit_args.h"

namespace sparkmc {

namespace {

struct EmrOnlyRow {
  std::string key;
  std::string value;
  bool needs_emr_image = false;  ///< false: EMR on EKS plumbing, dropped whatever the image.
  std::string reason;
};

const std::vector<EmrOnlyRow>& EmrOnlyRows() {
  static const std::vector<EmrOnlyRow> rows = [] {
    std::vector<EmrOnlyRow> out;
    for (const auto& cols : EmbeddedTable("compiler/data/oss/emr-only-properties.tsv")) {
      if (cols.size() < 4) continue;
      out.push_back(EmrOnlyRow{cols[0], cols[1], cols[2] == "emr-image", cols[3]});
    }
    return out;
  }();
  return rows;
}

bool IsSparkKey(const std::string& key) { return key.rfind("spark.", 0) == 0; }

/// Sets \a p in \a props the way a later source overrides an earlier one:
/// in place when the key is there, appended otherwise.
void Overlay(std::vector<Property>* props, const Property& p) {
  bool replaced = false;
  for (Property& d : *props) {
    if (d.key == p.key) {
      d = p;
      replaced = true;
    }
  }
  if (!replaced) props->push_back(p);
}

OssDrop DropOf(const Property& p, const std::string& reason) {
  OssDrop d;
  d.key = p.key;
  d.value = p.value;
  d.reason = reason;
  d.origin = p.origin;
  d.loc = p.loc;
  return d;
}

/// EMR's event logs: the driver writes them to a local directory and EMR's
/// fluentd sidecar ships them to the persistent app UI. The open-source
/// targets have no sidecar, so the driver writes them to S3 itself (s3a://,
/// the open-source S3 file system) under the job's S3 logUri; without one
/// there is nowhere to put them, and Spark refuses to start when the event
/// log directory does not exist, so event logging is left off.
void MapEventLogs(const Job& job, std::vector<Property>* conf, std::vector<OssDrop>* dropped) {
  Property* dir = nullptr;
  for (Property& p : *conf) {
    if (p.key == "spark.eventLog.dir") dir = &p;
  }
  if (!dir || dir->origin != Origin::kReleaseDefault) return;  // the user chose a directory
  const Monitoring& m = job.monitoring;
  std::string why;
  S3Uri s3 = m.s3 ? ParseS3Uri(m.log_uri.value, &why) : S3Uri{};
  if (m.s3 && why.empty()) {
    OssDrop d = DropOf(*dir, "EMR's fluentd sidecar ships event logs from this local directory; the open-source "
                             "targets have no sidecar, so the driver writes them under the job's S3 logUri "
                             "(the directory must exist: Spark checks it at start-up)");
    d.replaced = true;
    d.replacement = "s3a://" + s3.bucket + "/" + s3.prefix + "sparklogs/";
    d.loc = m.log_uri.loc;
    dir->value = d.replacement;
    dropped->push_back(d);
    return;
  }
  const std::string reason =
      "EMR's fluentd sidecar ships event logs from a local directory to the persistent app UI; the "
      "open-source targets have no sidecar and the job has no S3 logUri to write them to, and Spark does not "
      "start when the event log directory is missing";
  std::vector<Property> kept;
  for (Property& p : *conf) {
    bool ours = p.origin == Origin::kReleaseDefault;
    if (p.key == "spark.eventLog.dir" || (p.key == "spark.eventLog.enabled" && ours)) {
      dropped->push_back(DropOf(p, reason));
      continue;
    }
    kept.push_back(p);
  }
  *conf = kept;
}

/// Container logs have no counterpart: they are shipped by EMR's fluentd
/// sidecar, which neither open-source target runs.
void NoteUnshippedLogs(const Job& job, std::vector<OssDrop>* dropped) {
  const Monitoring& m = job.monitoring;
  const std::string tail = "; the open-source targets run no sidecar: read them with kubectl logs or a cluster log agent";
  if (m.cloudwatch) {
    OssDrop d;
    d.key = "cloudWatchMonitoringConfiguration";
    d.value = m.log_group_name.value;
    d.reason = "EMR's fluentd sidecar ships container logs to CloudWatch" + tail;
    d.origin = Origin::kApplicationConfiguration;
    d.loc = m.cloudwatch_loc;
    dropped->push_back(d);
  }
  if (m.s3) {
    OssDrop d;
    d.key = "s3MonitoringConfiguration";
    d.value = m.log_uri.value;
    d.reason = "EMR's fluentd sidecar ships container logs to S3" + tail + " (event logs still go to S3)";
    d.origin = Origin::kApplicationConfiguration;
    d.loc = m.log_uri.loc;
    dropped->push_back(d);
  }
}

std::string Sanitize(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) && c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

nlohmann::ordered_json Metadata(const std::string& name, const OssContext& ctx) {
  nlohmann::ordered_json md;
  md["name"] = name;
  md["namespace"] = ctx.namespace_;
  return md;
}

}  // namespace

std::string EmrOnlyReason(const std::string& key, const std::string& value, bool emr_image) {
  for (const EmrOnlyRow& row : EmrOnlyRows()) {
    if (row.needs_emr_image && emr_image) continue;
    if (GlobMatch(row.key, key) && GlobMatch(row.value, value)) return row.reason;
  }
  return "";
}

const Property* FindProperty(const std::vector<Property>& props, const std::string& key) {
  const Property* found = nullptr;
  for (const Property& p : props) {
    if (p.key == key) found = &p;
  }
  return found;
}

OssProperties OssSparkProperties(const Job& job, const OssContext& ctx) {
  OssProperties out;
  EmrContext emr{ctx.namespace_, ctx.region, ctx.job_id, ctx.facts};
  // EMR's defaults name EMR's image, which needs a region with a registry.
  // With another image those keys are replaced below, and nothing else in the
  // defaults depends on the region, so any known region renders the same.
  if (!ctx.emr_image && !IsKnownRegion(emr.region)) emr.region = "us-east-1";

  for (Property& p : SparkDefaults(job, emr)) {
    if (!IsSparkKey(p.key)) {
      out.dropped.push_back(DropOf(p, "not a Spark property: spark-submit ignores keys outside spark.* "
                                      "(\"Ignoring non-Spark config property\"), so no driver sees it"));
      continue;
    }
    if (std::string why = EmrOnlyReason(p.key, p.value, ctx.emr_image); !why.empty()) {
      out.dropped.push_back(DropOf(p, why));
      continue;
    }
    bool image_key = p.key == "spark.kubernetes.driver.container.image" ||
                     p.key == "spark.kubernetes.executor.container.image";
    if (image_key && p.origin == Origin::kReleaseDefault && p.value != ctx.image) {
      OssDrop d = DropOf(p, "EMR's image for the release label; the target runs the image it was given");
      d.replaced = true;
      d.replacement = ctx.image;
      out.dropped.push_back(d);
      p.value = ctx.image;
    }
    out.conf.push_back(p);
  }
  MapEventLogs(job, &out.conf, &out.dropped);
  NoteUnshippedLogs(job, &out.dropped);

  out.driver = out.conf;
  for (const Property& p : EffectiveSubmitProperties(job.submit_properties)) {
    if (!IsSparkKey(p.key)) continue;  // spark-submit drops these too
    if (!EmrOnlyReason(p.key, p.value, ctx.emr_image).empty()) out.emr_only_submitted.push_back(p);
    Overlay(&out.driver, p);
  }
  return out;
}

bool IsTargetManaged(const std::string& key) {
  static const char* const kExact[] = {
      "spark.master",                   // operator: its own API server address; spark-submit: --master
      "spark.app.name",                 // operator: --name <metadata.name>
      "spark.kubernetes.container.image",
      "spark.kubernetes.driver.container.image",
      "spark.kubernetes.executor.container.image",
      "spark.kubernetes.authenticate.driver.serviceAccountName",  // EMR's, ours
      "spark.kubernetes.driver.pod.name",
      "spark.kubernetes.driver.podTemplateFile",  // operator: a file it writes; spark-submit: a mounted ConfigMap
      "spark.kubernetes.executor.podTemplateFile",
      "spark.kubernetes.submission.waitAppCompletion",  // operator: false
      "spark.executor.instances",  // operator: set to Spark's default 2 when unset, or its webhook sets 1
      "spark.dynamicAllocation.shuffleTracking.enabled",  // operator: always set with dynamic allocation
  };
  for (const char* k : kExact) {
    if (key == k) return true;
  }
  for (const char* prefix : {"spark.kubernetes.driver.label.sparkoperator.k8s.io/",
                             "spark.kubernetes.executor.label.sparkoperator.k8s.io/"}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string OssAppName(const Job& job, const OssContext& ctx) {
  std::string entry = job.entry_point.value.substr(job.entry_point.value.rfind('/') + 1);
  if (size_t dot = entry.rfind('.'); dot != std::string::npos && dot > 0) entry.resize(dot);
  for (const std::string& candidate : {job.name.value, job.ack_name, entry, "spark-" + ctx.job_id}) {
    std::string name = Sanitize(candidate);
    if (name.empty()) continue;
    if (!std::isalpha(static_cast<unsigned char>(name[0]))) name = "spark-" + name;
    if (name.size() > 56) name.resize(56);
    while (name.back() == '-') name.pop_back();
    return name;
  }
  return "spark";
}

std::string OssServiceAccountName(const std::string& app) { return app + "-spark"; }

std::vector<Manifest> DriverRbac(const std::string& app, const OssContext& ctx) {
  const std::string name = OssServiceAccountName(app);
  std::vector<Manifest> out;

  nlohmann::ordered_json sa;
  sa["apiVersion"] = "v1";
  sa["kind"] = "ServiceAccount";
  sa["metadata"] = Metadata(name, ctx);
  out.push_back(Manifest{"service-account.yaml", sa});

  // A Role, not a ClusterRole: the driver only creates and watches its
  // executors, their services, its config maps and on-demand volume claims,
  // all in its own namespace (the verbs of the Spark operator chart's Role).
  nlohmann::ordered_json role;
  role["apiVersion"] = "rbac.authorization.k8s.io/v1";
  role["kind"] = "Role";
  role["metadata"] = Metadata(name, ctx);
  nlohmann::ordered_json rule;
  rule["apiGroups"] = nlohmann::ordered_json::array({""});
  rule["resources"] = nlohmann::ordered_json::array({"pods", "services", "configmaps", "persistentvolumeclaims"});
  rule["verbs"] =
      nlohmann::ordered_json::array({"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"});
  role["rules"] = nlohmann::ordered_json::array({rule});
  out.push_back(Manifest{"role.yaml", role});

  nlohmann::ordered_json binding;
  binding["apiVersion"] = "rbac.authorization.k8s.io/v1";
  binding["kind"] = "RoleBinding";
  binding["metadata"] = Metadata(name, ctx);
  nlohmann::ordered_json subject;
  subject["kind"] = "ServiceAccount";
  subject["name"] = name;
  subject["namespace"] = ctx.namespace_;
  binding["subjects"] = nlohmann::ordered_json::array({subject});
  binding["roleRef"]["apiGroup"] = "rbac.authorization.k8s.io";
  binding["roleRef"]["kind"] = "Role";
  binding["roleRef"]["name"] = name;
  out.push_back(Manifest{"role-binding.yaml", binding});
  return out;
}

nlohmann::ordered_json PodTemplateSpec(const nlohmann::ordered_json& pod) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!pod.is_object()) return out;
  if (pod.contains("metadata")) out["metadata"] = pod["metadata"];
  if (pod.contains("spec")) out["spec"] = pod["spec"];
  return out;
}

void CheckOssJob(const Job& job, const OssContext& ctx) {
  if (ctx.image.empty()) {
    throw InputError(Location{"command line", 0, 0},
                     "the open-source targets need a Spark image: pass --image (e.g. apache/spark:3.5.1), "
                     "set sparkImage in .sparkmc.yaml, or use EMR's image for the release label");
  }
  if (job.spark_sql) {
    throw InputError(job.entry_point.set ? job.entry_point.loc : job.loc,
                     "sparkSqlJobDriver has no open-source counterpart: Spark refuses to run the spark-sql "
                     "shell in cluster mode; run the SQL from a PySpark or Scala job instead");
  }
  if (!job.entry_point.set || job.entry_point.value.empty()) {
    throw InputError(job.loc, "missing required field 'entryPoint'");
  }
}

}  // namespace sparkmc
