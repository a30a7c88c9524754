// Lint rules: a few rule kinds in code (kinds.cc), many rules as data
// (rules/<id>.yaml, embedded), instantiated with their params.
#ifndef SPARKMC_CHECK_RULES_H_
#define SPARKMC_CHECK_RULES_H_

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "compiler/check/finding.h"
#include "compiler/check/rule_params.h"
#include "compiler/check/subject.h"
#include "compiler/load/document.h"
#include "compiler/model/project_config.h"

namespace sparkmc {

class RuleCheck;

struct RuleSpec {
  std::string id;
  std::string kind;
  Severity severity = Severity::kWarning;
  std::string summary;
  std::string rationale;
  std::string remediation;
  nlohmann::json params = nlohmann::json::object();  ///< As declared, for the docs.
  std::string file;  ///< Where it was declared.
  bool enabled = true;
  /// `securitySeverity` ("0.0" to "10.0", as CVSS): a security rule, which
  /// SARIF tags "security" with this `security-severity`; "" for the rest.
  std::string security_severity;
  /// The kind instantiated with the rule's params, parsed and validated once.
  std::shared_ptr<const RuleCheck> check;
};

/// A rule kind instantiated with one rule's parameters (kube-linter's
/// Instantiate): whatever the parameters let it precompute is done once.
class RuleCheck {
 public:
  virtual ~RuleCheck() = default;
  virtual void Check(const LintSubject& subject, std::vector<Finding>* out) const = 0;
};

/// A rule kind: what it checks, its parameters (the one table that parses
/// them and documents them) and how to instantiate it. Kinds are made by
/// MakeRuleKind (check/kind_util.h) and registered in kinds.cc.
struct RuleKind {
  const char* name;
  const char* description;
  std::vector<ParamField> fields;
  /// Prose about the parameters as a whole, after the fields ("" for none).
  const char* params_note = "";
  /// Parses \a params (null: the rule has none; \a at: the declaration)
  /// against fields and returns the rule's check. Throws InputError.
  std::shared_ptr<const RuleCheck> (*instantiate)(const RuleKind& kind, const Node* params, const Location& at) = nullptr;
};

/// Every rule kind, by name.
const std::vector<RuleKind>& RuleKinds();
const RuleKind* FindRuleKind(const std::string& name);

/// Parses one rule declaration. Throws InputError on a missing field, an
/// unknown kind or severity, or bad params.
RuleSpec ParseRule(const Node& doc, const SourceFile& source);

/// The built-in rules (rules/*.yaml), sorted by id.
const std::vector<RuleSpec>& BuiltinRules();

/// Built-in rules with .sparkmc.yaml's severities, disables and custom rules applied.
std::vector<RuleSpec> EffectiveRules(const ProjectConfig& config);

struct SuppressionOptions {
  /// Honour `# sparkmc:ignore` comments. When false (lint
  /// --no-inline-suppressions) they suppress nothing and a bare one, naming
  /// no rule, is itself reported (kBareSuppressionRule); config ignores still apply.
  bool inline_comments = true;
};

/// Runs every enabled rule on \a subject and returns the findings, sorted.
/// A finding an inline comment or a config ignore entry covers is returned
/// too, with Finding::suppression set: callers that report or count findings
/// must skip those (only SARIF shows them).
std::vector<Finding> RunRules(const std::vector<RuleSpec>& rules, const LintSubject& subject,
                              const ProjectConfig& config, const SuppressionOptions& suppressions = {});

/// Markdown documentation of \a rule, generated from its declaration.
std::string RuleDoc(const RuleSpec& rule);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_RULES_H_
