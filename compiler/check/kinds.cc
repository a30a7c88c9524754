// The rule kinds, by name: the one module that registers them (as a
// clang-tidy module registers its checks). Each kind, with its parameter
// struct and field table, lives in kinds_<kind>.cc; rule declarations,
// `sparkmc rules` and the docs read this list.
#include "compiler/check/kind_util.h"
#include "compiler/check/kinds_release.h"
#include "compiler/check/kinds_sizing.h"

namespace sparkmc {

using namespace kinds;

const std::vector<RuleKind>& RuleKinds() {
  // One line per kind; a new kind adds its line.
  static const std::vector<RuleKind> kinds = {
      SchemaKind(),
      InjectionKind(),
      PodAllowlistKind(),
      InsecureKind(),
      MonitoringKind(),
      UnknownKeyKind(),
      DeprecatedKeyKind(),
      ValueKind(),
      ConflictKind(),
      RequiresKind(),
      MemoryLimitKind(),
      NonSparkKeyKind(),
      ImageTagKind(),
      ForbiddenKeyKind(),
      ReleaseKind(),
      OssTargetKind(),
      JvmOptionKind(),
      SparkKeyReleaseKind(),
      ReleaseFeatureKind(),
      PodFitKind(),
      StrandingKind(),
      PysparkOverheadKind(),
  };
  return kinds;
}

const RuleKind* FindRuleKind(const std::string& name) {
  for (const RuleKind& k : RuleKinds()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

}  // namespace sparkmc
