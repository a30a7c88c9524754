// The user's fact store: release facts learned from their own cluster
// (`sparkmc capture import`), in the folder `.sparkmc.yaml` names
// (`releaseFacts:`) or `--facts DIR`.
#ifndef SPARKMC_DRIVER_FACT_STORE_H_
#define SPARKMC_DRIVER_FACT_STORE_H_

#include <memory>
#include <string>

#include "compiler/model/project_config.h"
#include "compiler/model/release_facts.h"

namespace sparkmc {

/// Reads every <dir>/<release>/<combination>/ folder holding a facts.tsv.
/// Throws InputError at a malformed file.
std::shared_ptr<const FactStore> LoadFactStore(const std::string& dir);

/// The store \a facts_flag names, else the one \a config names, else null.
/// A folder named by --facts must exist; one named in .sparkmc.yaml may not
/// yet (nothing imported).
std::shared_ptr<const FactStore> ResolveFactStore(const std::string& facts_flag, const ProjectConfig& config);

/// Where `sparkmc capture import` writes: --into, else the config's folder.
std::string FactStoreDir(const std::string& into_flag, const ProjectConfig& config);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_FACT_STORE_H_
