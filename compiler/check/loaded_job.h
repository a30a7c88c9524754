// A job file as far as it could be read: the document, the request it
// stands for, its schema violations and the Job. Every command starts here;
// compile refuses any problem, lint reports them and checks the rest.
#ifndef SPARKMC_CHECK_LOADED_JOB_H_
#define SPARKMC_CHECK_LOADED_JOB_H_

#include <memory>
#include <optional>
#include <vector>

#include "compiler/check/schema.h"
#include "compiler/load/document.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// One job document from a file, as far as it could be read.
struct LoadedJob {
  std::shared_ptr<const SourceFile> source;
  Node document;  ///< As written.
  Node request;   ///< The StartJobRun request it stands for.
  InputFormat format = InputFormat::kStartJobRun;
  std::vector<SchemaViolation> violations;  ///< Against the job schemas.
  std::optional<Job> job;                   ///< Set when shape and values could be read.
  std::vector<InputError> errors;           ///< Values the schema cannot judge (ARN, sparkSubmitParameters).
};

struct LoadOptions {
  size_t max_file_size = 10 << 20;
  LoadLimits limits;
};

/// Every job document in \a source. Throws InputError when the file itself
/// cannot be parsed (syntax, encoding, duplicate keys) or holds no job.
std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, const LoadOptions& options);

/// The first problem of \a job as an InputError, for commands that refuse bad
/// input outright (compile). Returns false when there is none.
bool FirstProblem(const LoadedJob& job, InputError* out);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_LOADED_JOB_H_
