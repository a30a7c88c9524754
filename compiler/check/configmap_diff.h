// Semantic comparison of an EMR-generated ConfigMap with sparkmc's, by the
// rules of testdata/conformance/README.md: names, namespace, labels; data
// keys; spark-defaults.conf as java.util.Properties; pod templates as parsed
// objects (scalars as strings, metadata.ownerReferences ignored); allowlists
// as line sets; anything else (fluentd configs) line by line.
#ifndef SPARKMC_CHECK_CONFIGMAP_DIFF_H_
#define SPARKMC_CHECK_CONFIGMAP_DIFF_H_

#include <string>
#include <vector>

#include "compiler/emit/manifest.h"
#include "compiler/load/document.h"

namespace sparkmc {

struct ConfigMapDiff {
  std::string data_key;  ///< "" for metadata.
  /// Within it: the spark-defaults key, the path in a pod template
  /// ("spec.containers[emr-container-fluentd].env[AWS_REGION].value"), an
  /// allowlist line, "line N", or the metadata field.
  std::string what;
  std::string expected;  ///< The capture's value ("(absent)" when missing).
  std::string got;       ///< sparkmc's.
  Location where;        ///< In the capture, as near as the YAML tells.
};

/// Every difference between \a expected (EMR's, e.g. a capture) and \a got;
/// empty when they are equal semantically.
std::vector<ConfigMapDiff> DiffConfigMaps(const Node& expected, const Node& got, const std::string& file = "");

/// A manifest as a Node, to compare it with a capture.
Node ManifestNode(const Manifest& m);

/// One difference as one line: "data.driver: spec.x: capture has A, sparkmc B".
std::string DescribeDiff(const ConfigMapDiff& d);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_CONFIGMAP_DIFF_H_
