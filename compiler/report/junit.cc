// JUnit XML, as GitLab (artifacts:reports:junit), Jenkins and Azure DevOps
// read it; schemas/junit.xsd describes what is written.
//
// One <testsuite>. Each (file, rule) that fired is a <testcase> named by the
// rule, with the file as classname (GitLab shows the classname as the
// suite) and as `file`, holding one <failure> that lists every finding of
// that rule in the file as "line:column: severity: message":
//   - errors: <failure type="error">;
//   - warnings: <failure type="warning">, also a failed test case: GitLab's
//     merge request widget and Tests tab list failed test cases only, and
//     show a passing case's <system-out> only when it is opened, so a
//     warning anywhere else would go unseen. (Jenkins marks such a build
//     unstable; the exit code still follows --fail-on.)
//   - info notes: a passing test case with the notes in <system-out>.
// Internal errors are <error>. A file with no finding of its own is one
// passing test case named "lint", a skipped file one <skipped> case, a file
// that could not be read one <error> case, so the counts show every file.
// The totals (files, skipped, suppressed, by severity) are the suite's
// <properties>. Suppressed findings are left out.
//
// Text is escaped for XML 1.0, which cannot carry most control characters
// even as references: those (and bytes that are not UTF-8) are written as
// \xNN or \uNNNN instead. The suite's counts come first in the document but
// are known only at the end, so test cases are spooled (in memory, then in
// an anonymous temporary file past 1 MiB) and copied out by End.
#include <fmt/format.h>

#include <cstdio>
#include <map>

#include "compiler/base/error.h"
#include "compiler/base/utf8.h"
#include "compiler/report/reporters.h"

namespace sparkmc::report {

namespace {

/// \a s as XML 1.0 text: character data, or with \a attribute an attribute
/// value (where line breaks and tabs are written as references, as attribute
/// value normalisation would turn them into spaces).
std::string Xml(std::string_view s, bool attribute = true) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    long c = DecodeUtf8(s, &i);
    if (c < 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[start]));
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"' && attribute) {
      out += "&quot;";
    } else if (c == '\'' && attribute) {
      out += "&apos;";
    } else if (c == '\r' || ((c == '\n' || c == '\t') && attribute)) {
      // A literal CR would be read as a line end.
      out += fmt::format("&#{};", c);
    } else if (c == '\n' || c == '\t') {
      out += static_cast<char>(c);
    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF) {
      // Not allowed (C0) or discouraged (DEL, C1, U+FFFE/FFFF) in XML 1.0.
      out += fmt::format("\\u{:04X}", c);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

/// Text in memory while small, then in an anonymous temporary file.
class Spool {
 public:
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  void Append(std::string_view text) {
    if (!file_) {
      memory_.append(text);
      if (memory_.size() < kMemoryLimit) return;
      file_ = std::tmpfile();
      if (!file_) return;  // no temporary directory: stay in memory
      text = memory_;
    }
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      throw OutputError("(temporary file)", "cannot spool the JUnit report");
    }
    memory_.clear();
  }
  void CopyTo(const ReportSink& sink) {
    if (!file_) {
      sink(memory_);
      return;
    }
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
      throw OutputError("(temporary file)", "cannot read the spooled JUnit report back");
    }
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) sink(std::string_view(buf, n));
    if (std::ferror(file_)) throw OutputError("(temporary file)", "cannot read the spooled JUnit report back");
  }

 private:
  static constexpr size_t kMemoryLimit = 1 << 20;
  std::string memory_;
  std::FILE* file_ = nullptr;
};

std::string Position(const Finding& f) {
  if (f.loc.line <= 0) return "";
  return f.loc.column > 0 ? fmt::format("{}:{}: ", f.loc.line, f.loc.column) : fmt::format("{}: ", f.loc.line);
}

class JunitReporter : public Reporter {
 public:
  JunitReporter(ReportSink sink, ReportSettings) : sink_(std::move(sink)) {}

  void Write(const Finding& f) override {
    Group& g = groups_[{RepoPath(f.loc.file), f.rule}];
    if (g.findings.empty() || f.severity > g.worst) g.worst = f.severity;
    g.findings.push_back(f);
  }

  void FileDone(const FileOutcome& file) override {
    std::string path = RepoPath(file.path);
    bool own = false;
    for (const auto& [key, g] : groups_) own |= key.first == path;
    if (!file.error.empty()) {
      Case(path, "lint", fmt::format("<error type=\"unreadable\" message=\"{}\">{}</error>", Xml(FirstLine(file.error)),
                                     Xml(file.error, false)));
      ++errors_;
    } else if (!file.skipped.empty()) {
      Case(path, "lint", fmt::format("<skipped message=\"{}\"/>", Xml("not linted: " + file.skipped)));
      ++skipped_;
    } else if (!own) {
      Case(path, "lint", "");
    }
    for (const auto& [key, g] : groups_) Flush(key.first, key.second, g);
    groups_.clear();
  }

  void End(const ReportSummary& s) override {
    // Findings reported without a FileDone (RenderReport) still count.
    for (const auto& [key, g] : groups_) Flush(key.first, key.second, g);
    groups_.clear();
    std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\"", tests_, failures_, errors_);
    head += fmt::format("<testsuites name=\"sparkmc lint\" {} time=\"0\">\n", counts);
    head += fmt::format("  <testsuite name=\"sparkmc lint\" {} skipped=\"{}\" time=\"0\">\n", counts, skipped_);
    head += "    <properties>\n";
    for (const auto& [name, value] : std::vector<std::pair<const char*, size_t>>{{"files", s.files},
                                                                                 {"skipped", s.skipped},
                                                                                 {"suppressed", s.suppressed},
                                                                                 {"errors", s.counts[2]},
                                                                                 {"warnings", s.counts[1]},
                                                                                 {"infos", s.counts[0]}}) {
      head += fmt::format("      <property name=\"sparkmc.{}\" value=\"{}\"/>\n", name, value);
    }
    head += "    </properties>\n";
    sink_(head);
    spool_.CopyTo(sink_);
    sink_("  </testsuite>\n</testsuites>\n");
  }

 private:
  struct Group {
    Severity worst = Severity::kInfo;
    std::vector<Finding> findings;
  };

  static std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

  void Case(const std::string& file, const std::string& name, const std::string& body) {
    ++tests_;
    std::string open = fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"0\"", Xml(name), Xml(file), Xml(file));
    spool_.Append(body.empty() ? open + "/>\n" : open + ">\n      " + body + "\n    </testcase>\n");
  }

  void Flush(const std::string& file, const std::string& rule, const Group& g) {
    std::string lines;
    for (const Finding& f : g.findings) {
      lines += Position(f) + SeverityName(f.severity) + ": " + f.message + "\n";
    }
    std::string first = Position(g.findings.front()) + g.findings.front().message;
    if (g.findings.size() > 1) first += fmt::format(" (and {} more)", g.findings.size() - 1);
    if (rule == kInternalErrorRule) {
      Case(file, rule, fmt::format("<error type=\"internal\" message=\"{}\">{}</error>", Xml(first), Xml(lines, false)));
      ++errors_;
    } else if (g.worst == Severity::kInfo) {
      Case(file, rule, "<system-out>" + Xml(lines, false) + "</system-out>");
    } else {
      Case(file, rule, fmt::format("<failure type=\"{}\" message=\"{}\">{}</failure>", SeverityName(g.worst), Xml(first),
                                   Xml(lines, false)));
      ++failures_;
    }
  }

  ReportSink sink_;
  Spool spool_;
  std::map<std::pair<std::string, std::string>, Group> groups_;  ///< (file, rule) -> the findings of one linted file.
  size_t tests_ = 0, failures_ = 0, errors_ = 0, skipped_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> MakeJunit(ReportSink sink, ReportSettings settings) {
  return std::make_unique<JunitReporter>(std::move(sink), std::move(settings));
}

}  // namespace sparkmc::report
