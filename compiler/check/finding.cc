#include "compiler/check/finding.h"

#include <tuple>

namespace sparkmc {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

bool ParseSeverity(const std::string& name, Severity* out) {
  if (name == "error") *out = Severity::kError;
  else if (name == "warning") *out = Severity::kWarning;
  else if (name == "info") *out = Severity::kInfo;
  else return false;
  return true;
}

const char* SuppressionKindName(SuppressionKind k) {
  return k == SuppressionKind::kExternal ? "external" : "inSource";
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.loc.file, a.loc.line, a.loc.column, a.rule, a.message) <
         std::tie(b.loc.file, b.loc.line, b.loc.column, b.rule, b.message);
}

}  // namespace sparkmc
