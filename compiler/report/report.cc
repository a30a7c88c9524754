#include "compiler/report/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "compiler/base/utf8.h"

namespace sparkmc {

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
    if (s.counts[0] + s.counts[1] + s.counts[2] + s.skipped == 0) return;
    sink_(fmt::format("{} error{}, {} warning{}, {} info in {} file{} checked{}\n", s.counts[2], s.counts[2] == 1 ? "" : "s",
                      s.counts[1], s.counts[1] == 1 ? "" : "s", s.counts[0], s.files, s.files == 1 ? "" : "s",
                      s.skipped ? fmt::format(", {} skipped", s.skipped) : ""));
  }

 private:
  ReportSink sink_;
};

/// {"version":1,"findings":[{rule,severity,message,file,line,column,pointer}],"summary":{...}}
class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(ReportSink sink) : sink_(std::move(sink)) {}
  void Begin(const std::vector<RuleSpec>&) override { sink_("{\n  \"version\": 1,\n  \"findings\": ["); }
  void Write(const Finding& f) override {
    nlohmann::ordered_json j;
    j["rule"] = f.rule;
    j["severity"] = SeverityName(f.severity);
    j["message"] = EscapeInvalidUtf8(f.message);
    j["file"] = EscapeInvalidUtf8(f.loc.file);
    j["line"] = f.loc.line;
    j["column"] = f.loc.column;
    j["pointer"] = f.pointer;
    sink_((first_ ? "\n    " : ",\n    ") + j.dump());
    first_ = false;
  }
  void End(const ReportSummary& s) override {
    nlohmann::ordered_json summary = {
        {"files", s.files}, {"skipped", s.skipped}, {"errors", s.counts[2]}, {"warnings", s.counts[1]}, {"infos", s.counts[0]}};
    sink_(std::string(first_ ? "]" : "\n  ]") + ",\n  \"summary\": " + summary.dump() + "\n}\n");
  }

 private:
  ReportSink sink_;
  bool first_ = true;
};

const char* SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

/// SARIF 2.1.0 with rule metadata and real regions.
class SarifReporter : public Reporter {
 public:
  explicit SarifReporter(ReportSink sink) : sink_(std::move(sink)) {}
  void Begin(const std::vector<RuleSpec>& rules) override {
    nlohmann::ordered_json driver;
    driver["name"] = "sparkmc";
    driver["version"] = "0.1.0";
    driver["informationUri"] = "https://github.com/sparkmc/sparkmc";
    driver["rules"] = nlohmann::ordered_json::array();
    for (const RuleSpec& r : rules) {
      index_[r.id] = static_cast<int>(driver["rules"].size());
      nlohmann::ordered_json rule;
      rule["id"] = r.id;
      rule["shortDescription"]["text"] = r.summary;
      rule["fullDescription"]["text"] = r.rationale;
      rule["help"]["text"] = r.remediation;
      rule["help"]["markdown"] = RuleDoc(r);
      rule["defaultConfiguration"]["level"] = SarifLevel(r.severity);
      driver["rules"].push_back(rule);
    }
    sink_("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
          "  \"runs\": [\n    {\n      \"tool\": {\"driver\": " + driver.dump() + "},\n      \"results\": [");
  }
  void Write(const Finding& f) override {
    nlohmann::ordered_json res;
    res["ruleId"] = f.rule;
    auto it = index_.find(f.rule);
    if (it != index_.end()) res["ruleIndex"] = it->second;
    res["level"] = SarifLevel(f.severity);
    res["message"]["text"] = EscapeInvalidUtf8(f.message);
    nlohmann::ordered_json loc;
    loc["physicalLocation"]["artifactLocation"]["uri"] = PercentEncodePath(f.loc.file.rfind("./", 0) == 0 ? f.loc.file.substr(2) : f.loc.file);
    if (f.loc.line > 0) {
      loc["physicalLocation"]["region"]["startLine"] = f.loc.line;
      if (f.loc.column > 0) loc["physicalLocation"]["region"]["startColumn"] = f.loc.column;
    }
    res["locations"] = nlohmann::ordered_json::array({loc});
    sink_((first_ ? "\n        " : ",\n        ") + res.dump());
    first_ = false;
  }
  void End(const ReportSummary&) override { sink_(std::string(first_ ? "]" : "\n      ]") + "\n    }\n  ]\n}\n"); }

 private:
  ReportSink sink_;
  std::map<std::string, int> index_;
  bool first_ = true;
};

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

/// GitHub Actions workflow commands (::error file=...,line=...::message).
class GithubReporter : public Reporter {
 public:
  explicit GithubReporter(ReportSink sink) : sink_(std::move(sink)) {}
  void Write(const Finding& f) override {
    const char* level = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "notice";
    std::string props = "file=" + EscapeProperty(f.loc.file);
    if (f.loc.line > 0) props += ",line=" + std::to_string(f.loc.line);
    if (f.loc.column > 0) props += ",col=" + std::to_string(f.loc.column);
    props += ",title=" + EscapeProperty("sparkmc " + f.rule);
    sink_(fmt::format("::{} {}::{}\n", level, props, EscapeData(f.message + " [" + f.rule + "]")));
  }
  void End(const ReportSummary&) override {}

 private:
  ReportSink sink_;
};

}  // namespace

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "github"};
  return formats;
}

std::unique_ptr<Reporter> MakeReporter(const std::string& format, ReportSink sink) {
  if (format == "json") return std::make_unique<JsonReporter>(std::move(sink));
  if (format == "sarif") return std::make_unique<SarifReporter>(std::move(sink));
  if (format == "github") return std::make_unique<GithubReporter>(std::move(sink));
  return std::make_unique<TextReporter>(std::move(sink));
}

std::string RenderReport(const std::string& format, const std::vector<RuleSpec>& rules,
                         const std::vector<Finding>& findings, size_t files) {
  std::string out;
  auto reporter = MakeReporter(format, [&out](std::string_view s) { out.append(s); });
  ReportSummary summary;
  summary.files = files;
  reporter->Begin(rules);
  for (const Finding& f : findings) {
    ++summary.counts[static_cast<int>(f.severity)];
    reporter->Write(f);
  }
  reporter->End(summary);
  return out;
}

}  // namespace sparkmc
