// The reporters behind MakeReporter, one file each, and what they share.
// Private to compiler/report/.
#ifndef SPARKMC_REPORT_REPORTERS_H_
#define SPARKMC_REPORT_REPORTERS_H_

#include <memory>
#include <string>

#include "compiler/report/report.h"

namespace sparkmc::report {

std::unique_ptr<Reporter> MakeText(ReportSink sink);
std::unique_ptr<Reporter> MakeJson(ReportSink sink);
std::unique_ptr<Reporter> MakeSarif(ReportSink sink, ReportSettings settings);
std::unique_ptr<Reporter> MakeGithub(ReportSink sink, ReportSettings settings);
std::unique_ptr<Reporter> MakeJunit(ReportSink sink, ReportSettings settings);

/// \a path without a leading "./", as reports name files relative to the repository.
std::string RepoPath(const std::string& path);

/// "2 errors, 1 warning, 0 info in 3 files checked, 1 skipped, 4 suppressed"
/// (skipped and suppressed only when non-zero).
std::string SummaryLine(const ReportSummary& s);

}  // namespace sparkmc::report

#endif  // SPARKMC_REPORT_REPORTERS_H_
