// Learning a release's facts from a capture of one job: the inverse of the
// emr-eks emitter. What the job itself set is subtracted; its ids and
// settings (job id, virtual cluster id, account, role suffix, region,
// namespace, log group, prefixes, bucket, images) become variables again, so
// the facts compile any other job with the same monitoring.
#ifndef SPARKMC_CHECK_EMR_LEARN_H_
#define SPARKMC_CHECK_EMR_LEARN_H_

#include <string>
#include <vector>

#include "compiler/emit/template.h"
#include "compiler/model/capture.h"
#include "compiler/model/context.h"
#include "compiler/model/job.h"
#include "compiler/model/release_facts.h"

namespace sparkmc {

/// The facts \a capture shows for \a job's release and monitoring. \a ctx
/// holds the capture's ids (and the store learning starts from, if any);
/// \a source names the capture in the facts. Notes what could not be learned
/// (a default the job overrides) in \a notes. Throws InputError, located in
/// the capture, for a value the fact files cannot hold.
ImportedFacts LearnFacts(const Job& job, const EmrContext& ctx, const Capture& capture, const std::string& source,
                         std::vector<std::string>* notes);

/// \a text with the values of \a vars turned back into {{name}}: the longer,
/// composite values first; ids where they stand alone (not inside a longer
/// word); the namespace, log group and bucket only as whole words.
std::string Variablize(const std::string& text, const TemplateVars& vars);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_EMR_LEARN_H_
