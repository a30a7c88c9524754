// `sparkmc facts LABEL`: what compile uses for a release and where each fact
// comes from; and the one warning compile prints when some of it is derived.
#ifndef SPARKMC_DRIVER_FACTS_H_
#define SPARKMC_DRIVER_FACTS_H_

#include <string>
#include <vector>

#include "compiler/emit/emr_eks.h"
#include "compiler/model/job.h"

namespace sparkmc {

/// "emr-7.2.0-latest: 61 settings derived from emr-6.8.0, 1 from emr-7.0.0;
/// run `sparkmc capture` ..." when any fact in \a written is derived, else "".
/// \a defaults_only counts the spark-defaults entries alone (what the
/// open-source targets carry of EMR's output).
std::string DerivedFactsWarning(const Job& job, const std::vector<WrittenFact>& written, bool defaults_only);

struct FactsOptions {
  std::string label;
  std::string format = "text";  ///< text or json
  std::string facts_dir;        ///< --facts; "" = .sparkmc.yaml's releaseFacts (from the working folder)
  std::string config_path;      ///< --config
};

/// Prints the facts; 2 for an unknown label or bad input.
int RunFacts(const FactsOptions& options);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_FACTS_H_
