// file:line:col: severity: message [rule-id], then the totals.
#include <fmt/format.h>

#include "compiler/base/utf8.h"
#include "compiler/report/reporters.h"

namespace sparkmc::report {

namespace {

class TextReporter : public Reporter {
 public:
  explicit TextReporter(ReportSink sink) : sink_(std::move(sink)) {}
  void Write(const Finding& f) override {
    if (f.loc.line > 0) {
      sink_(fmt::format("{}:{}:{}: {}: {} [{}]\n", TerminalSafe(f.loc.file), f.loc.line, f.loc.column,
                        SeverityName(f.severity), TerminalSafe(f.message), f.rule));
    } else {
      sink_(fmt::format("{}: {}: {} [{}]\n", TerminalSafe(f.loc.file), SeverityName(f.severity), TerminalSafe(f.message),
                        f.rule));
    }
  }
  void End(const ReportSummary& s) override {
    // A clean run prints nothing, as a compiler does.
    if (s.counts[0] + s.counts[1] + s.counts[2] + s.skipped + s.suppressed == 0) return;
    sink_(SummaryLine(s) + "\n");
  }

 private:
  ReportSink sink_;
};

}  // namespace

std::unique_ptr<Reporter> MakeText(ReportSink sink) { return std::make_unique<TextReporter>(std::move(sink)); }

}  // namespace sparkmc::report
