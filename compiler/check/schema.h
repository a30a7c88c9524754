// JSON Schema validation (valijson) of job files and of everything we emit.
// Schemas are compiled into the binary and parsed once, on first use.
#ifndef SPARKMC_CHECK_SCHEMA_H_
#define SPARKMC_CHECK_SCHEMA_H_

#include <nlohmann/json.hpp>

#include <string>
#include <thread>
#include <vector>

#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

namespace sparkmc {

enum class SchemaId {
  kStartJobRun,
  kAckJobRun,
  kPod,
  kConfigMap,
  kSarif,
  kJob,
  kRole,
  kRoleBinding,
  kServiceAccount,
  kSparkApplication,
  /// A user's pod template: the Pod schema, except that spec.containers is
  /// optional (see schema.cc).
  kPodTemplate,
};

/// The schema for an object of \a kind (ConfigMap, Job, ...), false if none.
bool SchemaForKind(const std::string& kind, SchemaId* id);

struct SchemaViolation {
  Location loc;         ///< Of the offending node (the document when unknown).
  std::string pointer;  ///< RFC 6901 JSON pointer into the document.
  std::string message;  ///< Lowercase, no trailing period.
};

/// Validates \a doc; every violation points at the node that caused it.
std::vector<SchemaViolation> Validate(const Node& doc, SchemaId schema, const SourceFile& source);

/// Validates an in-memory document (emitted manifests); violations carry a
/// pointer but no file position. Pods are first checked against a slice of
/// the Pod schema made at build time for what sparkmc emits
/// (cmake/slice_schema.cc); the full schema decides when it refuses.
std::vector<SchemaViolation> ValidateJson(const nlohmann::json& doc, SchemaId schema);

/// Builds, on a thread of its own, the schemas ValidateJson will first use
/// for \a ids, so that work overlaps with the caller's (compile reads and
/// checks the job meanwhile). Joins when destroyed.
class SchemaPreload {
 public:
  explicit SchemaPreload(std::vector<SchemaId> ids);
  ~SchemaPreload();
  SchemaPreload(const SchemaPreload&) = delete;
  SchemaPreload& operator=(const SchemaPreload&) = delete;

 private:
  std::thread thread_;
};

/// How many documents the slices refused in this process, each then judged
/// by the full schema (for tests: what sparkmc emits should pass the slice).
size_t SchemaSliceRefusals();

/// The embedded text of a schema (for `sparkmc schema`).
std::string_view SchemaText(SchemaId schema);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_SCHEMA_H_
