#include "compiler/driver/classify.h"

#include "compiler/base/spell.h"
#include "compiler/base/text.h"
#include "compiler/model/job_reader.h"

namespace sparkmc {

namespace {

/// StartJobRun members that only a job request has (not `name` or `tags`,
/// which a CI workflow or a Helm chart has too). A misspelt one still marks
/// a job: "virtualClusterID" or "releaselabel" is a job with a typo, which
/// lint must report rather than skip.
bool HasJobMember(const Node& doc) {
  static const std::vector<std::string> kMembers = {
      "virtualClusterId", "executionRoleArn",        "releaseLabel",           "jobDriver",
      "jobTemplateId",    "jobTemplateParameters",   "configurationOverrides", "retryPolicyConfiguration",
      "clientToken"};
  for (const auto& [k, v] : doc.members) {
    if (!k.IsScalar() || k.value.size() > 64) continue;
    std::string key = k.value;
    for (const std::string& m : kMembers) {
      if (Lower(key) == Lower(m)) return true;
    }
    if (key.size() >= 8 && !ClosestMatch(key, kMembers).empty()) return true;
  }
  return false;
}

}  // namespace

FileKind ClassifyDocument(const Node& doc, std::string* why) {
  if (!doc.IsMap()) {
    *why = doc.IsNull() ? "empty" : "not a job file: a " + doc.TypeName() + ", not an object";
    return FileKind::kOther;
  }
  if (IsAckJobRun(doc)) return FileKind::kJob;
  const Node* kind = doc.Find("kind");
  const Node* api = doc.Find("apiVersion");
  if (kind && kind->IsScalar() && kind->value == "Pod") return FileKind::kPodTemplate;
  if (kind && kind->IsScalar() && api && api->IsScalar()) {
    *why = kind->value == "SparkApplication"
               ? "a Spark Operator SparkApplication: sparkmc does not read SparkApplications yet"
               : "a Kubernetes " + kind->value.substr(0, 64) + ", not a job";
    return FileKind::kOther;
  }
  if (doc.Find("jobTemplateData")) return FileKind::kJobTemplate;
  if (HasJobMember(doc)) return FileKind::kJob;
  *why = "not a job file: no StartJobRun field (jobDriver, virtualClusterId, releaseLabel, ...)";
  return FileKind::kOther;
}

bool IsTemplateFile(const std::vector<Node>& docs) {
  bool any = false;
  for (const Node& d : docs) {
    if (d.IsNull()) continue;
    std::string why;
    FileKind kind = ClassifyDocument(d, &why);
    if (kind != FileKind::kPodTemplate && kind != FileKind::kJobTemplate) return false;
    any = true;
  }
  return any;
}

}  // namespace sparkmc
