#include "compiler/driver/lint_reports.h"

#include <cstdio>
#include <string>
#include <string_view>

#include "compiler/base/utf8.h"

namespace sparkmc {

std::vector<LintOutput> OpenReports(const std::vector<ReportTarget>& reports) {
  std::vector<ReportTarget> targets = reports.empty() ? std::vector<ReportTarget>{ReportTarget{}} : reports;
  std::vector<LintOutput> outputs;
  for (size_t i = 0; i < targets.size(); ++i) {
    const ReportTarget& t = targets[i];
    LintOutput o;
    if (!t.output.empty() && t.output != "-") o.file = std::make_unique<fs::AtomicFile>(t.output);
    fs::AtomicFile* f = o.file.get();
    ReportSettings settings;
    for (size_t j = 0; j < targets.size(); ++j) {
      if (j != i) settings.others.push_back(OtherReport{targets[j].format, targets[j].output});
    }
    std::string name = f ? t.output : "<stdout>";
    settings.warn = [name](const std::string& line) {
      std::fprintf(stderr, "%s: %s\n", TerminalSafe(name).c_str(), TerminalSafe(line).c_str());
    };
    o.reporter = MakeReporter(
        t.format,
        [f](std::string_view text) {
          if (f) f->Write(text);
          else fs::WriteStdout(text);
        },
        std::move(settings));
    outputs.push_back(std::move(o));
  }
  return outputs;
}

}  // namespace sparkmc
