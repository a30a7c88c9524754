// For the per-kind tests (kinds_<kind>_test.cc): declare one rule of a kind
// from YAML, as a rule file or .sparkmc.yaml would, and run it on a job and
// pod templates written in the test, through the same front end lint uses.
#ifndef SPARKMC_CHECK_KIND_TEST_UTIL_H_
#define SPARKMC_CHECK_KIND_TEST_UTIL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/base/error.h"
#include "compiler/check/rules.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/front_end.h"
#include "compiler/emit/emr_eks.h"
#include "compiler/load/document.h"

namespace sparkmc::test {

/// A rule of \a kind, declared in "rules/t.yaml" with \a params_yaml (a YAML
/// mapping, indented under `params:`; "" for none).
inline std::string RuleDeclaration(const std::string& kind, const std::string& params_yaml) {
  std::string text = "id: t\nkind: " + kind + "\nseverity: warning\nsummary: s\nrationale: r\nremediation: Do it.\n";
  if (!params_yaml.empty()) text += "params:\n" + params_yaml;
  return text;
}

inline RuleSpec DeclareRule(const std::string& kind, const std::string& params_yaml) {
  SourceFile src{"rules/t.yaml", RuleDeclaration(kind, params_yaml)};
  return ParseRule(ParseDocuments(src)[0], src);
}

/// "file:line:col: message" of refusing the declaration, or "" when accepted.
inline std::string DeclarationError(const std::string& kind, const std::string& params_yaml) {
  try {
    DeclareRule(kind, params_yaml);
  } catch (const InputError& e) {
    const Location& l = e.location();
    return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) + ": " + e.what();
  }
  return "";
}

/// A pod template for the run: role and YAML text.
struct TemplateText {
  std::string role;
  std::string text;
};

struct KindRunOptions {
  std::string target = "emr-eks";
};

/// The findings of \a rule on the job in \a job_text ("" for none: the pod
/// templates alone), as "line:col: message", sorted as lint sorts them.
inline std::vector<std::string> RunRule(const RuleSpec& rule, const std::string& job_text,
                                        const std::vector<TemplateText>& templates = {},
                                        const KindRunOptions& options = {}) {
  std::vector<LoadedJob> jobs;
  LintSubject subject;
  subject.target = options.target;
  ProjectConfig config;
  if (!job_text.empty()) {
    auto src = std::make_shared<SourceFile>(SourceFile{"job.yaml", job_text});
    jobs = LoadJobs(src, LoadOptions{});
    subject.loaded = &jobs.front();
    subject.ctx = LintContext(jobs.front(), config);
    if (jobs.front().job) {
      try {
        subject.emr_defaults = SparkDefaults(*jobs.front().job, subject.ctx);
      } catch (const std::invalid_argument&) {
      }
    }
  }
  int n = 0;
  for (const TemplateText& t : templates) {
    auto src = std::make_shared<SourceFile>(SourceFile{"template" + std::to_string(n++) + ".yaml", t.text});
    for (Node& d : ParseDocuments(*src)) subject.templates.push_back(PodTemplateInput{t.role, src, d});
  }
  std::vector<std::string> out;
  for (const Finding& f : RunRules({rule}, subject, config)) {
    if (f.rule != rule.id) continue;
    std::string file = f.loc.file == "job.yaml" ? "" : f.loc.file + ":";
    out.push_back(file + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.column) + ": " + f.message);
  }
  return out;
}

/// A StartJobRun request with \a conf as sparkSubmitParameters' --conf
/// pairs and \a defaults as its spark-defaults classification (JSON members,
/// e.g. `"spark.executor.memory": "4g"`), on \a release.
inline std::string JobWith(const std::vector<std::string>& conf, const std::string& defaults = "",
                           const std::string& release = "emr-6.8.0-latest",
                           const std::string& entry_point = "s3://b/app.jar") {
  std::string params = "--class org.example.Main";
  for (const std::string& c : conf) params += " --conf " + c;
  std::string text = "{\n\"name\": \"t\",\n\"virtualClusterId\": \"abcdefghijklmnopqrstuvwxy\",\n"
                     "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/r\",\n\"releaseLabel\": \"" +
                     release +
                     "\",\n\"jobDriver\": {\"sparkSubmitJobDriver\": {\"entryPoint\": \"" + entry_point +
                     "\",\n\"sparkSubmitParameters\": \"" +
                     params + "\"}}";
  if (!defaults.empty()) {
    text += ",\n\"configurationOverrides\": {\"applicationConfiguration\": [{\"classification\": \"spark-defaults\", "
            "\"properties\": {" +
            defaults + "}}]}";
  }
  return text + "\n}\n";
}

/// Whether one of \a findings contains \a text.
inline bool Has(const std::vector<std::string>& findings, const std::string& text) {
  for (const std::string& f : findings) {
    if (f.find(text) != std::string::npos) return true;
  }
  return false;
}

/// \a findings, one a line, for a failing assertion's message.
inline std::string Shown(const std::vector<std::string>& findings) {
  std::string out;
  for (const std::string& f : findings) out += f + "\n";
  return out.empty() ? "(no findings)\n" : out;
}

}  // namespace sparkmc::test

#endif  // SPARKMC_CHECK_KIND_TEST_UTIL_H_
