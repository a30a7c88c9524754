// lint's reports (-f FORMAT [-o FILE], repeatable): one Reporter each, writing
// to stdout or to its file, which appears complete or not at all.
#ifndef SPARKMC_DRIVER_LINT_REPORTS_H_
#define SPARKMC_DRIVER_LINT_REPORTS_H_

#include <memory>
#include <vector>

#include "compiler/base/fs.h"
#include "compiler/driver/commands.h"
#include "compiler/report/report.h"

namespace sparkmc {

struct LintOutput {
  std::unique_ptr<fs::AtomicFile> file;  ///< Null for stdout; Commit() it when the report is complete.
  std::unique_ptr<Reporter> reporter;
};

/// A reporter for each of \a reports (none: text on stdout). A report file is
/// written to an exclusive temp file beside it and renamed into place on
/// Commit (fs::AtomicFile): a reader never sees half a report, and a planted
/// symlink is refused, never written through; dropping the LintOutput
/// removes the temp file. Throws OutputError when a file cannot be opened.
std::vector<LintOutput> OpenReports(const std::vector<ReportTarget>& reports);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_LINT_REPORTS_H_
