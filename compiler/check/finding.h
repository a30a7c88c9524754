// A lint finding: what is wrong, where, and which rule says so.
#ifndef SPARKMC_CHECK_FINDING_H_
#define SPARKMC_CHECK_FINDING_H_

#include <optional>
#include <string>
#include <vector>

#include "compiler/load/source.h"

namespace sparkmc {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

const char* SeverityName(Severity s);
/// Parses "error", "warning" or "info"; false for anything else.
bool ParseSeverity(const std::string& name, Severity* out);

/// How a finding was suppressed: by a `# sparkmc:ignore` comment in the
/// file (SARIF's "inSource") or by an `ignore` entry of .sparkmc.yaml
/// ("external").
enum class SuppressionKind { kInSource, kExternal };

/// "inSource" or "external", as SARIF names them.
const char* SuppressionKindName(SuppressionKind k);

struct Suppression {
  SuppressionKind kind = SuppressionKind::kInSource;
  /// Why: the text after "--" in the comment, or the entry's `reason`; "" when none was given.
  std::string justification;
  /// The comment, or the .sparkmc.yaml entry, that suppressed the finding.
  Location at;
};

/// Meta findings: not declared in rules/ (no rule kind checks for them), but
/// reported with a rule id like the rest.
inline constexpr const char* kBareSuppressionRule = "bare-suppression";  ///< lint --no-inline-suppressions
inline constexpr const char* kInternalErrorRule = "internal-error";      ///< a bug in sparkmc met a file

struct Finding {
  std::string rule;     ///< Rule id, e.g. "allowlist-violation".
  Severity severity = Severity::kError;
  std::string message;  ///< Lowercase, no trailing period, no rule id.
  Location loc;
  std::string pointer;  ///< JSON pointer in the job, when known.
  /// Set by a rule kind for a finding that is weaker than its rule (a note
  /// rather than a warning); RunRules gives the rule's severity otherwise.
  std::optional<Severity> severity_override;
  /// Set by RunRules for a finding an inline comment or a config ignore entry
  /// suppresses. Only SARIF reports these (as results with `suppressions`);
  /// every other report, the exit code and the severity counts leave them out
  /// and count them as suppressed.
  std::optional<Suppression> suppression;
};

/// Orders findings by file, line, column, rule, message: output never depends
/// on thread scheduling or file order on disk.
bool FindingLess(const Finding& a, const Finding& b);

/// Sorts \a findings by FindingLess and keeps one of each run that compares
/// equal: the first in their original order. Each finding is moved once
/// (sorting them in place moved each many times: at 40,000 findings on one
/// job, a tenth of a lint).
void SortAndDedupe(std::vector<Finding>* findings);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_FINDING_H_
