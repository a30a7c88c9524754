// A capture: what `kubectl get configmap -n NS -l
// emr-containers.amazonaws.com/job.id=ID -o yaml` prints for one job (a v1
// List), or the ConfigMaps as several YAML documents.
#ifndef SPARKMC_MODEL_CAPTURE_H_
#define SPARKMC_MODEL_CAPTURE_H_

#include <string>
#include <vector>

#include "compiler/load/document.h"
#include "compiler/load/source.h"

namespace sparkmc {

struct CapturedConfigMap {
  std::string configuration;  ///< Its emr-containers.amazonaws.com/job.configuration label.
  std::string name;
  Node node;     ///< The whole ConfigMap.
  Location loc;  ///< Where it starts.
};

struct Capture {
  std::string path;
  std::string job_id;      ///< emr-containers.amazonaws.com/job.id, one for all
  std::string vcid;        ///< emr-containers.amazonaws.com/virtual-cluster-id
  std::string namespace_;  ///< metadata.namespace
  std::vector<CapturedConfigMap> maps;  ///< In the file's order.

  /// The ConfigMap with job.configuration \a configuration, or null.
  const CapturedConfigMap* Find(const std::string& configuration) const;
};

/// The three ConfigMaps EMR generates for every job, in compile's order.
const std::vector<std::string>& GeneratedConfigurations();

/// Reads \a source. Throws InputError at the offending item for anything
/// that is not a v1 ConfigMap with EMR's job labels, for two jobs (or two
/// namespaces or virtual clusters) mixed, for a configuration twice, and
/// for an empty capture; with \a require_all, also when one of
/// GeneratedConfigurations() is missing.
Capture ReadCapture(const SourceFile& source, bool require_all);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_CAPTURE_H_
