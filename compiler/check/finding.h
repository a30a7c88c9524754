// A lint finding: what is wrong, where, and which rule says so.
#ifndef SPARKMC_CHECK_FINDING_H_
#define SPARKMC_CHECK_FINDING_H_

#include <optional>
#include <string>

#include "compiler/load/source.h"

namespace sparkmc {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

const char* SeverityName(Severity s);
/// Parses "error", "warning" or "info"; false for anything else.
bool ParseSeverity(const std::string& name, Severity* out);

struct Finding {
  std::string rule;     ///< Rule id, e.g. "allowlist-violation".
  Severity severity = Severity::kError;
  std::string message;  ///< Lowercase, no trailing period, no rule id.
  Location loc;
  std::string pointer;  ///< JSON pointer in the job, when known.
  /// Set by a rule kind for a finding that is weaker than its rule (a note
  /// rather than a warning); RunRules gives the rule's severity otherwise.
  std::optional<Severity> severity_override;
};

/// Orders findings by file, line, column, rule, message: output never depends
/// on thread scheduling or file order on disk.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_FINDING_H_
