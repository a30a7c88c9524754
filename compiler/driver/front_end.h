// The front end every command starts with: parse a job file, rewrite an ACK
// JobRun into its request, validate both against their schemas and read the
// Job. Compile refuses any problem; lint reports them and checks the rest.
#ifndef SPARKMC_DRIVER_FRONT_END_H_
#define SPARKMC_DRIVER_FRONT_END_H_

#include <memory>
#include <optional>
#include <vector>

#include "compiler/check/subject.h"
#include "compiler/driver/parsed_files.h"
#include "compiler/model/project_config.h"

namespace sparkmc {


struct LoadOptions {
  size_t max_file_size = 10 << 20;
  LoadLimits limits;
  std::string job_template;  ///< --job-template FILE: the template a run names.
};

/// Where a job-template run's template comes from: --job-template, else
/// .sparkmc.yaml's jobTemplates. Null config: none.
struct TemplateSources {
  const LoadOptions* options = nullptr;
  const ProjectConfig* config = nullptr;
  ParsedFiles* files = nullptr;  ///< The run's parsed files; null: read the template here.
};

/// The request as canonical JSON: the same job written as JSON, YAML or an
/// ACK JobRun gives the same text (and so the same derived job id).
std::string CanonicalRequest(const LoadedJob& job);

/// The job id derived from the request's content (DerivedJobId of
/// CanonicalRequest): the one LoadJobDocument worked out, else computed now.
std::string JobContentId(const LoadedJob& job);

/// One parsed job document of \a source, as far as it can be read. Throws
/// InputError when it is not an object.
LoadedJob LoadJobDocument(std::shared_ptr<const SourceFile> source, Node doc, const TemplateSources& templates = {});

/// Every job document in \a source. Throws InputError when the file itself
/// cannot be parsed (syntax, encoding, duplicate keys) or holds no job.
std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, const LoadOptions& options,
                                const ProjectConfig* config = nullptr);

/// LoadJobs for \a docs, the documents of \a source the caller parsed.
std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, std::vector<Node> docs,
                                const TemplateSources& templates);

/// The first problem of \a job as an InputError, for commands that refuse bad
/// input outright (compile). Returns false when there is none.
bool FirstProblem(const LoadedJob& job, InputError* out);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_FRONT_END_H_
