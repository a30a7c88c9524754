// The on-disk form of facts learned from a capture (`sparkmc capture import`):
// one flat folder per release and monitoring combination,
//   <store>/emr-7.2.0/cloudwatch+s3+persistent-ui/
//     facts.tsv              release, combination, source, images, facts not learned
//     spark-defaults.conf    EMR's defaults, `key value` a line, in EMR's order
//     pod-template.driver    one file per other data key, `<configmap>.<key>`
//     fluentd.driver ...
// Values are templates (compiler/emit/template.h) over the variables below.
#ifndef SPARKMC_MODEL_IMPORTED_FACTS_H_
#define SPARKMC_MODEL_IMPORTED_FACTS_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/load/source.h"
#include "compiler/model/release_facts.h"

namespace sparkmc {

/// The variables a learned template may use: the job's ids and settings.
const std::vector<std::string>& FactVariables();

/// Reads one combination folder's files (name, content). Throws InputError
/// at the file, line and column of anything malformed.
ImportedFacts ParseImportedFacts(const std::string& dir, const std::vector<SourceFile>& files);

/// The files (name, content) that ParseImportedFacts reads back as \a facts.
std::vector<std::pair<std::string, std::string>> WriteImportedFacts(const ImportedFacts& facts);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_IMPORTED_FACTS_H_
