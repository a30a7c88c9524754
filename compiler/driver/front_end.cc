#include "compiler/driver/front_end.h"

#include <fmt/format.h>

#include <future>
#include <system_error>
#include <tuple>

#include "compiler/load/json_view.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/job_template.h"
#include "compiler/model/names.h"
#include "compiler/model/s3_uri.h"

namespace sparkmc {

namespace {

/// kubectl reads Kubernetes YAML as YAML 1.1, where plain yes, no, on, off,
/// y and n are booleans: in an ACK JobRun, whose spec fields are strings,
/// such a value is not the string it looks like.
void FindYaml11Booleans(const Node& n, const SourceFile& source, std::vector<InputError>* out) {
  static const char* const kWords[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                       "on", "On", "ON", "off", "Off", "OFF"};
  if (n.IsScalar() && n.plain) {
    for (const char* w : kWords) {
      if (n.value == w) {
        out->emplace_back(Location{source.path, n.line, n.column},
                          fmt::format("'{}' is a boolean to kubectl (YAML 1.1), not a string: quote it", n.value));
      }
    }
  }
  for (const Node& i : n.items) FindYaml11Booleans(i, source, out);
  for (const auto& [k, v] : n.members) FindYaml11Booleans(v, source, out);
}

}  // namespace

namespace {

/// Merges the template a run names into its request, when the template can
/// be found; else leaves the request as written (compile then says what it
/// needs). Problems go to lj->errors.
void ApplyJobTemplate(LoadedJob* lj, const TemplateSources& templates) {
  const Node* id = lj->request.Find("jobTemplateId");
  if (!id || !id->IsScalar()) return;
  lj->job_template_id = id->value;
  std::string path;
  if (templates.options && !templates.options->job_template.empty()) path = templates.options->job_template;
  else if (templates.config) {
    auto it = templates.config->job_templates.find(id->value);
    if (it != templates.config->job_templates.end()) path = it->second;
  }
  if (path.empty()) return;
  // Many runs of one template: the run's cache parses it once.
  std::shared_ptr<const ParsedFiles::File> parsed;
  if (templates.files) {
    parsed = templates.files->Get(path);
  } else {
    auto file = std::make_shared<ParsedFiles::File>();
    auto src = std::make_shared<SourceFile>(ReadSourceFile(path, templates.options ? templates.options->max_file_size : 10 << 20));
    file->docs = ParseDocuments(*src, templates.options ? templates.options->limits : LoadLimits{});
    file->source = std::move(src);
    parsed = std::move(file);
  }
  const std::shared_ptr<const SourceFile>& tsrc = parsed->source;
  const std::vector<Node>& docs = parsed->docs;
  if (docs.empty() || !IsJobTemplate(docs[0])) {
    throw InputError(Location{path, 1, 1}, "not a job template: a CreateJobTemplate request has jobTemplateData");
  }
  JobTemplate t = ReadJobTemplate(docs[0], tsrc);
  lj->sources.push_back(tsrc);
  lj->request = ResolveTemplateRun(t, lj->request, *lj->source, &lj->errors);
  lj->template_resolved = true;
}

}  // namespace

std::string CanonicalRequest(const LoadedJob& job) {
  // The request as JSON with sorted keys: the same job written as JSON, YAML
  // or an ACK JobRun gets the same id, and reformatting changes nothing.
  nlohmann::json j = ToJson(job.request);
  if (j.contains("configurationOverrides") && j["configurationOverrides"].empty()) j.erase("configurationOverrides");
  return j.dump();
}

std::string JobContentId(const LoadedJob& job) {
  return !job.content_id.empty() ? job.content_id : DerivedJobId(CanonicalRequest(job));
}

namespace {

/// From this size on, a request's id is worked out on another thread while
/// its schema is checked: these are the two longest steps of reading a large
/// job (a 9.5 MB one: 0.5G and 0.9G instructions), and both only read it.
/// Below it a thread costs more than it saves.
constexpr size_t kParallelIdFrom = 1 << 20;

}  // namespace

LoadedJob LoadJobDocument(std::shared_ptr<const SourceFile> source, Node doc, const TemplateSources& templates) {
  LoadedJob lj;
  lj.source = source;
  lj.document = std::move(doc);
  if (!lj.document.IsMap()) {
    throw InputError(Location{source->path, lj.document.line, lj.document.column},
                     fmt::format("a job must be an object (a StartJobRun request or an ACK JobRun), "
                                 "found {}", lj.document.TypeName()));
  }
  try {
    if (IsAckJobRun(lj.document)) {
      lj.format = InputFormat::kAckJobRun;
      FindYaml11Booleans(lj.document, *source, &lj.errors);
      lj.violations = Validate(lj.document, SchemaId::kAckJobRun, *source);
      lj.request = AckToRequest(lj.document, *source);
    } else {
      lj.request = lj.document;
    }
    ApplyJobTemplate(&lj, templates);
    std::future<std::string> id;
    if (source->text.size() >= kParallelIdFrom) {
      try {
        id = std::async(std::launch::async, [&lj]() -> std::string {
          try {
            return DerivedJobId(CanonicalRequest(lj));
          } catch (const std::exception&) {
            return "";  // worked out (and reported) when it is asked for, as for a small request
          }
        });
      } catch (const std::system_error&) {
        // No thread to be had: the id is worked out when it is asked for.
      }
    }
    // A malformed ACK spec says little about the request it stands for;
    // judge the request only once the custom resource itself is sound.
    std::vector<SchemaViolation> req;
    if (lj.violations.empty()) req = Validate(lj.request, SchemaId::kStartJobRun, *source);
    if (id.valid()) lj.content_id = id.get();
    for (SchemaViolation& v : req) {
      bool dup = false;
      for (const SchemaViolation& w : lj.violations) dup |= w.loc.line == v.loc.line && w.loc.column == v.loc.column;
      if (!dup) lj.violations.push_back(std::move(v));
    }
    // Read the job even when the schema found problems: lint reports them
    // and still checks what it can; compile refuses before emitting.
    lj.job = ReadJob(lj.request, *source, lj.format);
    // Values the API's patterns accept but EMR cannot use: a schema-level
    // problem with its own message, not an injection.
    const Monitoring& m = lj.job->monitoring;
    if (m.s3 && m.log_uri.set && lj.violations.empty()) {
      std::string why;
      ParseS3Uri(m.log_uri.value, &why);
      if (!why.empty()) lj.errors.emplace_back(m.log_uri.loc, why);
    }
  } catch (const InputError& e) {
    lj.errors.push_back(e);
  }
  return lj;
}

std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, const LoadOptions& options,
                                const ProjectConfig* config) {
  std::vector<Node> docs = ParseDocuments(*source, options.limits);
  return LoadJobs(source, std::move(docs), TemplateSources{&options, config});
}

std::vector<LoadedJob> LoadJobs(std::shared_ptr<const SourceFile> source, std::vector<Node> docs,
                                const TemplateSources& templates) {
  std::vector<LoadedJob> out;
  for (Node& doc : docs) {
    if (doc.IsNull()) continue;  // an empty document between `---` separators
    out.push_back(LoadJobDocument(source, std::move(doc), templates));
  }
  if (out.empty()) {
    throw InputError(Location{source->path, 1, 1}, "no job in file (it is empty or holds only comments)");
  }
  return out;
}

bool FirstProblem(const LoadedJob& job, InputError* out) {
  if (!job.errors.empty()) {
    *out = job.errors.front();
    return true;
  }
  if (!job.violations.empty()) {
    // The earliest in the file reads most naturally, but a missing field is
    // often the consequence of a misspelt one written below it: report the
    // misspelling first.
    auto rank = [](const SchemaViolation& v) {
      return std::make_tuple(v.message.rfind("missing required", 0) == 0 ? 1 : 0, v.loc.line, v.loc.column);
    };
    const SchemaViolation* first = &job.violations.front();
    for (const SchemaViolation& v : job.violations) {
      if (rank(v) < rank(*first)) first = &v;
    }
    *out = InputError(first->loc, first->message);
    return true;
  }
  return false;
}

}  // namespace sparkmc
