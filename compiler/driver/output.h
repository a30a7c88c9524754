// Writing results: a YAML stream to stdout, or a directory written atomically.
#ifndef SPARKMC_DRIVER_OUTPUT_H_
#define SPARKMC_DRIVER_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/emit/manifest.h"

namespace sparkmc {

/// The manifests as one multi-document YAML stream.
std::string ManifestStream(const std::vector<Manifest>& manifests);

/// The files `-o DIR` holds: one per manifest plus kustomization.yaml.
std::vector<std::pair<std::string, std::string>> DirectoryFiles(const std::vector<Manifest>& manifests);

/// Makes \a dir hold exactly \a files, swapping the folder whole (see
/// fs::ReplaceDirectory). Throws OutputError.
void WriteDirectoryAtomically(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_OUTPUT_H_
