// Writing results: a YAML stream to stdout, or a directory written atomically.
#ifndef SPARKMC_DRIVER_OUTPUT_H_
#define SPARKMC_DRIVER_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/base/error.h"
#include "compiler/emit/manifest.h"
#include "compiler/load/source.h"

namespace sparkmc {

/// The manifests as one multi-document YAML stream.
std::string ManifestStream(const std::vector<Manifest>& manifests);

/// The files `-o DIR` holds: one per manifest plus kustomization.yaml.
std::vector<std::pair<std::string, std::string>> DirectoryFiles(const std::vector<Manifest>& manifests);

/// Makes \a dir hold exactly \a files, swapping the folder whole (see
/// fs::ReplaceDirectory). Throws OutputError.
void WriteDirectoryAtomically(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

/// Prints a bad-input error (file:line:col, the source line and a caret when
/// \a source is the file it names) to stderr; returns exit code 2.
int ReportInputError(const InputError& e, const SourceFile* source);

/// Prints a failed write ("PATH: error: why") to stderr; returns exit code 3.
int ReportOutputError(const OutputError& e);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_OUTPUT_H_
