// Reads a job file (a StartJobRun request in JSON/YAML, or an ACK JobRun) into
// the typed Job. Shape and limits are checked against the schema first
// (compiler/check/schema.h); this stage trusts the shape and reads values.
#ifndef SPARKMC_MODEL_JOB_READER_H_
#define SPARKMC_MODEL_JOB_READER_H_

#include <string>
#include <vector>

#include "compiler/load/document.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// True when \a doc is an ACK JobRun custom resource rather than a request.
bool IsAckJobRun(const Node& doc);

/// Rewrites an ACK JobRun into the StartJobRun request it stands for, keeping
/// every node's position in \a source. configurationOverrides, a YAML string
/// with PascalCase keys in ACK, is parsed and its keys matched case-
/// insensitively as the ACK controller does; its positions point inside the
/// string's lines in \a source. Unknown keys are kept, so the schema reports them.
Node AckToRequest(const Node& doc, const SourceFile& source);

/// The stand-ins an ACK reference leaves in the request until it is resolved:
/// valid for the API's patterns, and recognisably not real.
extern const char kStandInVirtualClusterId[];
extern const char kStandInRoleArn[];

/// arn:<partition>:iam::<12-digit account>:role/<optional path/><name>: the
/// account id and the role's name; false if \a arn is not a role ARN.
bool SplitRoleArn(const std::string& arn, std::string* account, std::string* name);

/// Builds the Job from a request-shaped node (already schema-checked).
/// Throws InputError for values the schema cannot judge: a bad ARN, a
/// malformed sparkSubmitParameters.
Job ReadJob(const Node& request, const SourceFile& source, InputFormat format);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_JOB_READER_H_
