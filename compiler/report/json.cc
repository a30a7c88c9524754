// {"version":1,"findings":[{rule,severity,message,file,line,column,pointer}],"summary":{...}}
#include <nlohmann/json.hpp>

#include "compiler/base/utf8.h"
#include "compiler/report/reporters.h"

namespace sparkmc::report {

namespace {

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
    j["pointer"] = EscapeInvalidUtf8(f.pointer);
    sink_((first_ ? "\n    " : ",\n    ") + j.dump());
    first_ = false;
  }
  void End(const ReportSummary& s) override {
    nlohmann::ordered_json summary = {{"files", s.files},       {"skipped", s.skipped},   {"suppressed", s.suppressed},
                                      {"errors", s.counts[2]},  {"warnings", s.counts[1]}, {"infos", s.counts[0]}};
    sink_(std::string(first_ ? "]" : "\n  ]") + ",\n  \"summary\": " + summary.dump() + "\n}\n");
  }

 private:
  ReportSink sink_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Reporter> MakeJson(ReportSink sink) { return std::make_unique<JsonReporter>(std::move(sink)); }

}  // namespace sparkmc::report
