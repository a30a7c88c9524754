// What a file is, decided from its content: lint (and a pre-commit hook that
// hands it every YAML file of a repository) must lint jobs and pod templates,
// not a CI workflow or a Helm values file as a StartJobRun request.
#ifndef SPARKMC_DRIVER_CLASSIFY_H_
#define SPARKMC_DRIVER_CLASSIFY_H_

#include <string>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc {

enum class FileKind {
  kJob,          ///< A StartJobRun request or an ACK JobRun.
  kJobTemplate,  ///< A CreateJobTemplate request (jobTemplateData).
  kPodTemplate,  ///< A Kubernetes Pod: a Spark pod template.
  kOther,        ///< Anything else: skipped, with the reason.
};

/// The kind of a parsed document; \a why says what it is when kOther ("a
/// Kubernetes ConfigMap", "not a job file: no StartJobRun field").
FileKind ClassifyDocument(const Node& doc, std::string* why);

/// A file whose documents are all pod or job templates: files that jobs of
/// the same run may name, whose parse a run keeps (driver/parsed_files.h).
bool IsTemplateFile(const std::vector<Node>& docs);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_CLASSIFY_H_
