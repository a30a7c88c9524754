// Values that would break out of the file they are written into: a newline
// in spark-defaults.conf starts a new property; a quote, `#{` or `</match>`
// in the fluentd config ends a string, runs Ruby, or closes a directive.
#ifndef SPARKMC_CHECK_INJECTION_H_
#define SPARKMC_CHECK_INJECTION_H_

#include <vector>

#include "compiler/model/job.h"

namespace sparkmc {

/// Every such value in \a job, at its position. Compile refuses the job when
/// this is not empty; lint reports each as `config-injection`.
std::vector<InputError> FindInjections(const Job& job);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_INJECTION_H_
