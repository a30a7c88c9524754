// Writing results: a YAML stream to stdout, or a directory written atomically.
#ifndef SPARKMC_CLI_OUTPUT_H_
#define SPARKMC_CLI_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/emit/emr_eks.h"

namespace sparkmc {

/// The manifests as one multi-document YAML stream.
std::string ManifestStream(const std::vector<Manifest>& manifests);

/// The files `-o DIR` holds: one per manifest plus kustomization.yaml.
std::vector<std::pair<std::string, std::string>> DirectoryFiles(const std::vector<Manifest>& manifests);

/// Writes \a files into \a dir so that either all of them land or none does:
/// everything is written into a fresh sibling directory first, then renamed
/// into place. Refuses a symlinked \a dir or target file. Throws InputError.
void WriteDirectoryAtomically(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_OUTPUT_H_
