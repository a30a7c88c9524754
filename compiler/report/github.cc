// GitHub Actions workflow commands (::error file=...,line=...::message).
//
// GitHub shows at most 10 error, 10 warning and 10 notice annotations per
// step and drops the rest, so only those are kept (memory stays flat however
// many findings stream past): errors first, then warnings, then up to 9 info
// notes, then one ::notice:: with the totals and where the full report is.
#include <fmt/format.h>

#include "compiler/report/reporters.h"

namespace sparkmc::report {

namespace {

constexpr size_t kShown[3] = {9, 10, 10};  // by Severity: info notes leave room for the summary notice

// Workflow command escaping (actions/toolkit's command.ts).
std::string EscapeData(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string EscapeProperty(const std::string& s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string Plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

class GithubReporter : public Reporter {
 public:
  GithubReporter(ReportSink sink, ReportSettings settings) : sink_(std::move(sink)), settings_(std::move(settings)) {}

  void Write(const Finding& f) override {
    auto& kept = kept_[static_cast<int>(f.severity)];
    if (kept.size() >= kShown[static_cast<int>(f.severity)]) return;
    const char* level = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "notice";
    std::string props = "file=" + EscapeProperty(RepoPath(f.loc.file));
    if (f.loc.line > 0) props += ",line=" + std::to_string(f.loc.line);
    if (f.loc.column > 0) props += ",col=" + std::to_string(f.loc.column);
    props += ",title=" + EscapeProperty("sparkmc " + f.rule);
    kept.push_back(fmt::format("::{} {}::{}\n", level, props, EscapeData(f.message + " [" + f.rule + "]")));
  }

  void End(const ReportSummary& s) override {
    std::string out;
    for (int sev : {2, 1, 0}) {
      for (const std::string& line : kept_[sev]) out += line;
    }
    std::string text = "sparkmc lint: " + SummaryLine(s) + ".";
    bool cut = false;
    for (int sev : {2, 1, 0}) cut |= s.counts[sev] > kept_[sev].size();
    if (cut) {
      static const char* kWords[3] = {"info note", "warning", "error"};
      std::string shown;
      for (int sev : {2, 1, 0}) {
        if (s.counts[sev] == 0) continue;
        if (!shown.empty()) shown += ", ";
        shown += kept_[sev].size() == s.counts[sev] ? Plural(s.counts[sev], kWords[sev])
                                                    : fmt::format("{} of {}", kept_[sev].size(), Plural(s.counts[sev], kWords[sev]));
      }
      text += " Annotated: " + shown + " (GitHub shows at most 10 of each per step).";
    }
    std::string files, logs;
    for (const OtherReport& o : settings_.others) {
      if (o.format == "github") continue;
      if (o.output.empty() || o.output == "-") {
        logs += (logs.empty() ? "" : ", ") + o.format;
      } else {
        files += (files.empty() ? "" : ", ") + o.output + " (" + o.format + ")";
      }
    }
    if (!files.empty()) {
      text += " Full report: " + files + ".";
    } else if (!logs.empty()) {
      text += " Full report: the " + logs + " report in this step's log.";
    } else if (cut) {
      text += " For every finding, run sparkmc lint with -f text, or add -f sarif -o FILE.";
    }
    out += "::notice title=sparkmc lint::" + EscapeData(text) + "\n";
    sink_(out);
  }

 private:
  ReportSink sink_;
  ReportSettings settings_;
  std::vector<std::string> kept_[3];  ///< The annotations shown, by Severity.
};

}  // namespace

std::unique_ptr<Reporter> MakeGithub(ReportSink sink, ReportSettings settings) {
  return std::make_unique<GithubReporter>(std::move(sink), std::move(settings));
}

}  // namespace sparkmc::report
