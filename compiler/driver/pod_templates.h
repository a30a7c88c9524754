// The user pod templates a job names (spark.kubernetes.{driver,executor}.
// podTemplateFile): found offline, confined to the project, and read as Pods.
#ifndef SPARKMC_DRIVER_POD_TEMPLATES_H_
#define SPARKMC_DRIVER_POD_TEMPLATES_H_

#include <string>

#include "compiler/driver/front_end.h"
#include "compiler/driver/parsed_files.h"
#include "compiler/model/job.h"
#include "compiler/model/project_config.h"

namespace sparkmc {

struct NamedPodTemplate {
  std::string named;  ///< The property's value as the job wrote it; "" = none.
  Location where;     ///< Where the job wrote it.
  std::string file;   ///< The local file for it: a mapping in .sparkmc.yaml,
                      ///< a path relative to the job, or an s3:// path's file
                      ///< name next to the job. "" when the job names none.
};

/// The \a role ("driver"/"executor") pod template \a job names, and the
/// local file for it. Throws InputError at the property when that file lies
/// outside the project (the folder of .sparkmc.yaml, else the job's folder):
/// a job file in a pull request must not pull /etc/secret.json or ../x into
/// the manifests.
NamedPodTemplate ResolvePodTemplate(const Job& job, const std::string& role, const ProjectConfig& config);

/// The template's one document, which must be a Pod: a mapping whose keys are
/// a Pod's (apiVersion, kind, metadata, spec) and whose kind, if given, is
/// Pod. Throws InputError at the offending key otherwise. Read through the
/// run's \a files, so a template many jobs name is parsed once.
Node ReadPodTemplate(const NamedPodTemplate& t, ParsedFiles& files);

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_POD_TEMPLATES_H_
