// Data files compiled into the binary: EMR facts, schemas, rules.
#ifndef SPARKMC_DATA_EMBEDDED_H_
#define SPARKMC_DATA_EMBEDDED_H_

#include <string>
#include <string_view>
#include <vector>

namespace sparkmc {

struct EmbeddedFile {
  std::string_view path;  ///< Relative to the source tree, e.g. "schemas/k8s/pod-v1.json".
  std::string_view content;
};

/// Every embedded file, in a stable order.
const std::vector<EmbeddedFile>& EmbeddedFiles();

/// The content of the embedded file at \a path. Aborts if it is missing: a
/// missing data file is a build error, never a user error.
std::string_view EmbeddedData(std::string_view path);

/// True if \a path names an embedded file.
bool HasEmbeddedData(std::string_view path);

/// The rows of an embedded tab-separated table, each split into its columns;
/// empty lines and lines starting with '#' (the tables' own documentation)
/// are skipped.
std::vector<std::vector<std::string>> EmbeddedTable(std::string_view path);

/// EmbeddedTable(path), parsed once per process and shared (thread-safe):
/// for tables a rule consults per property.
const std::vector<std::vector<std::string>>& CachedEmbeddedTable(std::string_view path);

}  // namespace sparkmc

#endif  // SPARKMC_DATA_EMBEDDED_H_
