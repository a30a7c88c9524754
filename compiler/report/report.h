// Report formats for lint findings. A reporter sees findings and rule
// metadata, never the checks themselves (as in kube-linter), and writes as
// findings arrive (as kubeconform's Write/Flush), so a run over any number
// of files keeps only the findings of the files in flight. Formats whose
// header needs totals (JUnit) spool to a temporary file; GitHub annotations
// keep only the few GitHub shows.
//
// One file per format: text.cc, json.cc, sarif.cc, github.cc, junit.cc.
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
  size_t files = 0;       ///< Files checked.
  size_t skipped = 0;     ///< Files lint does not read (not a job, a pod template or a job template).
  size_t suppressed = 0;  ///< Findings an inline comment or a .sparkmc.yaml ignore entry suppressed.
  size_t counts[3] = {0, 0, 0};  ///< Findings not suppressed, by Severity.
};

/// One file the run looked at, reported after its findings.
struct FileOutcome {
  std::string path;
  std::string skipped;  ///< Why lint does not read it; "" = it did.
  std::string error;    ///< Why it could not be read, formatted as on stderr; "" = it was read.
};

/// Another report of the same run (the GitHub summary says where the full report is).
struct OtherReport {
  std::string format;
  std::string output;  ///< "" or "-" = stdout.
};

struct ReportSettings {
  std::vector<OtherReport> others;
  /// Problems of the report itself (a SARIF run cut at GitHub's limits), one
  /// line each, without the newline; null drops them.
  std::function<void(const std::string&)> warn;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Before any finding: every rule that runs (SARIF lists them).
  virtual void Begin(const std::vector<RuleSpec>& rules) { (void)rules; }
  /// Routes \a finding to Write or, when it is suppressed, WriteSuppressed.
  void Add(const Finding& finding) {
    if (finding.suppression) WriteSuppressed(finding);
    else Write(finding);
  }
  /// One finding that is not suppressed; findings arrive in file, line, column order.
  virtual void Write(const Finding& finding) = 0;
  /// One suppressed finding: only SARIF reports them (with `suppressions`).
  virtual void WriteSuppressed(const Finding& finding) { (void)finding; }
  /// After the findings of one linted file (which may include findings in
  /// the pod templates it names).
  virtual void FileDone(const FileOutcome& file) { (void)file; }
  /// After the last finding.
  virtual void End(const ReportSummary& summary) = 0;
};

/// The format names: text, json, sarif, github, junit.
const std::vector<std::string>& ReportFormats();

/// A reporter for \a format (one of ReportFormats()) writing to \a sink.
std::unique_ptr<Reporter> MakeReporter(const std::string& format, ReportSink sink, ReportSettings settings = {});

/// The whole report at once (for tests and small runs): \a findings may be
/// suppressed or not; \a files are the files checked.
std::string RenderReport(const std::string& format, const std::vector<RuleSpec>& rules,
                         const std::vector<Finding>& findings, size_t files);

}  // namespace sparkmc

#endif  // SPARKMC_REPORT_REPORT_H_
