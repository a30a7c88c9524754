// What EMR knows about a job that its request does not say: the namespace
// and region of the virtual cluster, and the job id it assigns.
#ifndef SPARKMC_MODEL_CONTEXT_H_
#define SPARKMC_MODEL_CONTEXT_H_

#include <string>

namespace sparkmc {

struct EmrContext {
  std::string namespace_;
  std::string region;
  std::string job_id;
};

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_CONTEXT_H_
