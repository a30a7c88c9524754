#include "compiler/check/finding.h"

#include <algorithm>
#include <numeric>
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

void SortAndDedupe(std::vector<Finding>* findings) {
  std::vector<Finding>& f = *findings;
  auto same = [](const Finding& a, const Finding& b) { return !FindingLess(a, b); };  // in sorted order
  if (std::is_sorted(f.begin(), f.end(), FindingLess)) {  // the findings of one job, from RunRules
    f.erase(std::unique(f.begin(), f.end(), same), f.end());
    return;
  }
  std::vector<size_t> order(f.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return FindingLess(f[a], f[b]); });
  std::vector<Finding> out;
  out.reserve(f.size());
  for (size_t i : order) {
    if (out.empty() || FindingLess(out.back(), f[i])) out.push_back(std::move(f[i]));
  }
  f = std::move(out);
}

}  // namespace sparkmc
