// `sparkmc capture verify|import JOB CAPTURE`: a user's own cluster as the
// reference. verify compiles the job with the capture's ids and compares;
// import learns the release's facts from the capture into the fact store.
#ifndef SPARKMC_DRIVER_CAPTURE_H_
#define SPARKMC_DRIVER_CAPTURE_H_

#include <string>

#include "compiler/driver/compile.h"

namespace sparkmc {

struct CaptureOptions {
  std::string action;        ///< "verify" or "import"
  std::string job_path;
  std::string capture_path;  ///< A file, or "-" for stdin.
  std::string into;          ///< import: --into DIR (default: .sparkmc.yaml's releaseFacts).
  std::string config_path;   ///< --config
  ContextFlags context;      ///< --region (else read from the capture), --facts.
  LoadOptions load;
};

/// verify: 0 when the capture equals what compile writes, 1 on any
/// difference (each printed with the fact sparkmc used and its source), 2 on
/// bad input. import: 0 when learned and written, 2 on bad input (nothing
/// written), 3 when a write fails.
int RunCapture(const CaptureOptions& options);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_CAPTURE_H_
