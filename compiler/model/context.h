// What EMR knows about a job that its request does not say: the namespace
// and region of the virtual cluster, and the job id it assigns.
#ifndef SPARKMC_MODEL_CONTEXT_H_
#define SPARKMC_MODEL_CONTEXT_H_

#include <memory>
#include <string>

namespace sparkmc {

struct FactStore;  // compiler/model/release_facts.h

struct EmrContext {
  std::string namespace_;
  std::string region;
  std::string job_id;
  /// Release facts learned from the user's own cluster (`sparkmc capture
  /// import`), or null: the built-in facts alone.
  std::shared_ptr<const FactStore> facts;
};

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_CONTEXT_H_
