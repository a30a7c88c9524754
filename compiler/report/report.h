// Report formats for lint findings. A formatter sees findings and rule
// metadata, never the checks themselves (as in kube-linter and kubeconform).
#ifndef SPARKMC_REPORT_REPORT_H_
#define SPARKMC_REPORT_REPORT_H_

#include <string>
#include <vector>

#include "compiler/check/finding.h"
#include "compiler/check/rules.h"

namespace sparkmc {

struct ReportInput {
  std::vector<Finding> findings;  ///< Sorted.
  std::vector<RuleSpec> rules;    ///< Every rule that ran, for SARIF metadata.
  size_t files = 0;               ///< Files checked.
};

/// The format names: text, json, sarif, github.
const std::vector<std::string>& ReportFormats();

/// Renders \a in in \a format (one of ReportFormats()).
std::string RenderReport(const std::string& format, const ReportInput& in);

std::string TextReport(const ReportInput& in);
/// {"version":1,"findings":[{rule,severity,message,file,line,column,pointer}],"summary":{...}}
std::string JsonReport(const ReportInput& in);
/// SARIF 2.1.0 with rule metadata and real regions.
std::string SarifReport(const ReportInput& in);
/// GitHub Actions workflow commands (::error file=...,line=...::message).
std::string GithubReport(const ReportInput& in);

}  // namespace sparkmc

#endif  // SPARKMC_REPORT_REPORT_H_
