// Report formats for lint findings. A reporter sees findings and rule
// metadata, never the checks themselves (as in kube-linter), and writes as
// findings arrive (as kubeconform's Write/Flush), so a run over any number
// of files keeps only the findings of the files in flight.
#ifndef SPARKMC_REPORT_REPORT_H_
#define SPARKMC_REPORT_REPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/finding.h"
#include "compiler/check/rules.h"

namespace sparkmc {

/// Where a reporter's text goes.
using ReportSink = std::function<void(std::string_view)>;

struct ReportSummary {
  size_t files = 0;    ///< Files checked.
  size_t skipped = 0;  ///< Files lint does not read (not a job, a pod template or a job template).
  size_t counts[3] = {0, 0, 0};  ///< By Severity.
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Before any finding: every rule that runs (SARIF lists them).
  virtual void Begin(const std::vector<RuleSpec>& rules) { (void)rules; }
  /// One finding; findings arrive in file, line, column order.
  virtual void Write(const Finding& finding) = 0;
  /// After the last finding.
  virtual void End(const ReportSummary& summary) = 0;
};

/// The format names: text, json, sarif, github.
const std::vector<std::string>& ReportFormats();

/// A reporter for \a format (one of ReportFormats()) writing to \a sink.
std::unique_ptr<Reporter> MakeReporter(const std::string& format, ReportSink sink);

/// The whole report at once (for tests and small runs).
std::string RenderReport(const std::string& format, const std::vector<RuleSpec>& rules,
                         const std::vector<Finding>& findings, size_t files);

}  // namespace sparkmc

#endif  // SPARKMC_REPORT_REPORT_H_
