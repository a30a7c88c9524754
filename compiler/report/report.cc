#include "compiler/report/report.h"

#include <fmt/format.h>

#include "compiler/report/reporters.h"

namespace sparkmc {

namespace report {

std::string RepoPath(const std::string& path) { return path.rfind("./", 0) == 0 ? path.substr(2) : path; }

std::string SummaryLine(const ReportSummary& s) {
  std::string out = fmt::format("{} error{}, {} warning{}, {} info in {} file{} checked", s.counts[2],
                                s.counts[2] == 1 ? "" : "s", s.counts[1], s.counts[1] == 1 ? "" : "s", s.counts[0], s.files,
                                s.files == 1 ? "" : "s");
  if (s.skipped) out += fmt::format(", {} skipped", s.skipped);
  if (s.suppressed) out += fmt::format(", {} suppressed", s.suppressed);
  return out;
}

}  // namespace report

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "github", "junit"};
  return formats;
}

std::unique_ptr<Reporter> MakeReporter(const std::string& format, ReportSink sink, ReportSettings settings) {
  if (format == "json") return report::MakeJson(std::move(sink));
  if (format == "sarif") return report::MakeSarif(std::move(sink), std::move(settings));
  if (format == "github") return report::MakeGithub(std::move(sink), std::move(settings));
  if (format == "junit") return report::MakeJunit(std::move(sink), std::move(settings));
  return report::MakeText(std::move(sink));
}

std::string RenderReport(const std::string& format, const std::vector<RuleSpec>& rules,
                         const std::vector<Finding>& findings, size_t files) {
  std::string out;
  auto reporter = MakeReporter(format, [&out](std::string_view s) { out.append(s); });
  ReportSummary summary;
  summary.files = files;
  reporter->Begin(rules);
  for (const Finding& f : findings) {
    if (f.suppression) ++summary.suppressed;
    else ++summary.counts[static_cast<int>(f.severity)];
    reporter->Add(f);
  }
  reporter->End(summary);
  return out;
}

}  // namespace sparkmc
