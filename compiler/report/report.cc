#include "compiler/report/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

namespace sparkmc {

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "github"};
  return formats;
}

std::string RenderReport(const std::string& format, const ReportInput& in) {
  if (format == "json") return JsonReport(in);
  if (format == "sarif") return SarifReport(in);
  if (format == "github") return GithubReport(in);
  return TextReport(in);
}

std::string TextReport(const ReportInput& in) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : in.findings) {
    ++counts[static_cast<int>(f.severity)];
    if (f.loc.line > 0) {
      out += fmt::format("{}:{}:{}: {}: {} [{}]\n", f.loc.file, f.loc.line, f.loc.column, SeverityName(f.severity),
                         f.message, f.rule);
    } else {
      out += fmt::format("{}: {}: {} [{}]\n", f.loc.file, SeverityName(f.severity), f.message, f.rule);
    }
  }
  if (!in.findings.empty()) {
    out += fmt::format("{} error{}, {} warning{}, {} info in {} file{}\n", counts[2], counts[2] == 1 ? "" : "s", counts[1],
                       counts[1] == 1 ? "" : "s", counts[0], in.files, in.files == 1 ? "" : "s");
  }
  return out;
}

std::string JsonReport(const ReportInput& in) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["findings"] = nlohmann::ordered_json::array();
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : in.findings) {
    ++counts[static_cast<int>(f.severity)];
    nlohmann::ordered_json j;
    j["rule"] = f.rule;
    j["severity"] = SeverityName(f.severity);
    j["message"] = f.message;
    j["file"] = f.loc.file;
    j["line"] = f.loc.line;
    j["column"] = f.loc.column;
    j["pointer"] = f.pointer;
    doc["findings"].push_back(j);
  }
  doc["summary"] = {{"files", in.files}, {"errors", counts[2]}, {"warnings", counts[1]}, {"infos", counts[0]}};
  return doc.dump(2) + "\n";
}

namespace {

const char* SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

}  // namespace

std::string SarifReport(const ReportInput& in) {
  nlohmann::ordered_json driver;
  driver["name"] = "sparkmc";
  driver["version"] = "0.1.0";
  driver["informationUri"] = "https://github.com/sparkmc/sparkmc";
  driver["rules"] = nlohmann::ordered_json::array();
  std::map<std::string, int> index;
  for (const RuleSpec& r : in.rules) {
    index[r.id] = static_cast<int>(driver["rules"].size());
    nlohmann::ordered_json rule;
    rule["id"] = r.id;
    rule["shortDescription"]["text"] = r.summary;
    rule["fullDescription"]["text"] = r.rationale;
    rule["help"]["text"] = r.remediation;
    rule["help"]["markdown"] = RuleDoc(r);
    rule["defaultConfiguration"]["level"] = SarifLevel(r.severity);
    driver["rules"].push_back(rule);
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Finding& f : in.findings) {
    nlohmann::ordered_json res;
    res["ruleId"] = f.rule;
    if (index.count(f.rule)) res["ruleIndex"] = index[f.rule];
    res["level"] = SarifLevel(f.severity);
    res["message"]["text"] = f.message;
    nlohmann::ordered_json loc;
    loc["physicalLocation"]["artifactLocation"]["uri"] = f.loc.file;
    if (f.loc.line > 0) {
      loc["physicalLocation"]["region"]["startLine"] = f.loc.line;
      if (f.loc.column > 0) loc["physicalLocation"]["region"]["startColumn"] = f.loc.column;
    }
    res["locations"] = nlohmann::ordered_json::array({loc});
    results.push_back(res);
  }
  nlohmann::ordered_json run;
  run["tool"]["driver"] = driver;
  run["results"] = results;
  nlohmann::ordered_json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = nlohmann::ordered_json::array({run});
  return doc.dump(2) + "\n";
}

namespace {

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

}  // namespace

std::string GithubReport(const ReportInput& in) {
  std::string out;
  for (const Finding& f : in.findings) {
    const char* level = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "notice";
    std::string props = "file=" + EscapeProperty(f.loc.file);
    if (f.loc.line > 0) props += ",line=" + std::to_string(f.loc.line);
    if (f.loc.column > 0) props += ",col=" + std::to_string(f.loc.column);
    props += ",title=" + EscapeProperty("sparkmc " + f.rule);
    out += fmt::format("::{} {}::{}\n", level, props, EscapeData(f.message + " [" + f.rule + "]"));
  }
  return out;
}

}  // namespace sparkmc
