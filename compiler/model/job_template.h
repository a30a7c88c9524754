// EMR on EKS job templates: a CreateJobTemplate request file (jobTemplateData
// with ${Name} placeholders and their parameterConfiguration), and the
// StartJobRun request a run of it stands for (compiler/data/emr/job-templates.md
// has the facts and their sources).
#ifndef SPARKMC_MODEL_JOB_TEMPLATE_H_
#define SPARKMC_MODEL_JOB_TEMPLATE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc {

struct TemplateParameter {
  std::string name;
  std::string type = "STRING";  ///< STRING or NUMBER.
  bool has_default = false;
  std::string default_value;
  Location loc;          ///< The parameter's key in parameterConfiguration.
  Location default_loc;  ///< Its defaultValue.
};

struct JobTemplate {
  std::shared_ptr<const SourceFile> source;
  Node data;  ///< jobTemplateData, as written.
  std::map<std::string, TemplateParameter> parameters;
  Location loc;  ///< The document.
};

/// True when \a doc is a CreateJobTemplate request (it has jobTemplateData).
bool IsJobTemplate(const Node& doc);

/// Reads a CreateJobTemplate request. Throws InputError for a missing or
/// malformed jobTemplateData or parameterConfiguration (unknown type, a
/// NUMBER whose default is not a number).
JobTemplate ReadJobTemplate(const Node& doc, std::shared_ptr<const SourceFile> source);

/// The StartJobRun request \a run (with jobTemplateId) stands for: the
/// template's executionRoleArn, releaseLabel, jobDriver and
/// configurationOverrides with every ${Name} replaced by the run's
/// jobTemplateParameters or the parameter's default, plus the run's own
/// members. Nodes keep the file and place that wrote them: a value that is a
/// whole ${Name} points at the run's parameter value. Problems (an undeclared
/// placeholder or parameter, a missing parameter without default, a NUMBER
/// that is not a number, a member set in both files) go to \a problems; the
/// request is still built so lint can check the rest.
Node ResolveTemplateRun(const JobTemplate& tmpl, const Node& run, const SourceFile& run_source,
                        std::vector<InputError>* problems);

/// For linting a template on its own: parameters without a default resolve
/// to a neutral stand-in ("1" for NUMBER, the placeholder text for STRING).
Node ResolveTemplateAlone(const JobTemplate& tmpl, std::vector<InputError>* problems);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_JOB_TEMPLATE_H_
