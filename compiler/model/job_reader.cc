#include "compiler/model/job_reader.h"
#include "compiler/base/text.h"

#include <fmt/format.h>

#include <cctype>
#include <algorithm>
#include <charconv>

#include "compiler/model/submit_args.h"

namespace sparkmc {

namespace {

Location Loc(const SourceFile& src, const Node& n) { return Location{n.source ? n.source->path : src.path, n.line, n.column}; }

Field ReadField(const Node* n, const SourceFile& src) {
  Field f;
  if (!n || n->IsNull()) return f;
  f.value = n->value;
  f.loc = Loc(src, *n);
  f.set = n->IsScalar();
  return f;
}

/// Token positions counted inside the string's value are right only for a
/// one-line scalar without escapes; find each token in the file instead, in
/// order, starting at the scalar (folded YAML, JSON escapes).
void PlaceTokens(const SourceFile& src, const Location& scalar, std::vector<SubmitToken>* tokens) {
  size_t cursor = src.Offset(scalar.line, scalar.column);
  if (cursor == std::string::npos) return;
  // Positions are advanced incrementally, so the whole pass stays linear.
  size_t at = cursor;
  Location loc{src.path, scalar.line, scalar.column};
  for (SubmitToken& t : *tokens) {
    size_t cut = t.text.find_first_of("\"'\\ \t\n");
    std::string needle = t.text.substr(0, std::min<size_t>(cut, 24));
    if (needle.size() < 2) continue;
    size_t found = src.text.find(needle, cursor);
    if (found == std::string::npos || found - cursor > 4 * (t.text.size() + 64)) continue;
    for (; at < found; ++at) {
      char c = src.text[at];
      if (c == '\n') {
        ++loc.line;
        loc.column = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++loc.column;
      }
    }
    t.loc = loc;
    cursor = found + needle.size();
  }
}

}  // namespace

const char kStandInVirtualClusterId[] = "0000000000000000000ackref0";
const char kStandInRoleArn[] = "arn:aws:iam::000000000000:role/sparkmc-ack-reference";

bool SplitRoleArn(const std::string& arn, std::string* account, std::string* name) {
  if (arn.rfind("arn:aws", 0) != 0) return false;
  size_t iam = arn.find(":iam::");
  if (iam == std::string::npos) return false;
  for (size_t i = 7; i < iam; ++i) {
    if (!std::isalnum(static_cast<unsigned char>(arn[i])) && arn[i] != '-') return false;
  }
  size_t acct = iam + 6;
  if (arn.size() < acct + 12 + 6 || arn.compare(acct + 12, 6, ":role/") != 0) return false;
  *account = arn.substr(acct, 12);
  if (account->find_first_not_of("0123456789") != std::string::npos) return false;
  *name = arn.substr(arn.rfind('/') + 1);
  if (name->empty()) return false;
  for (char c : *name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string("_+=,.@-").find(c) == std::string::npos) return false;
  }
  return true;
}

namespace {

/// rotationSize: the API's pattern accepts 1.5GB and 3GB; the service takes
/// whole numbers from 2KB to 2GB ("decimal values are not supported").
void CheckRotationSize(const Field& f) {
  if (!f.set) return;
  // The API's form: digits, an optional decimal part, K, M or G, an optional B.
  std::string_view v = f.value;
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  size_t frac_end = digits;
  if (frac_end < v.size() && v[frac_end] == '.') {
    ++frac_end;
    while (frac_end < v.size() && v[frac_end] >= '0' && v[frac_end] <= '9') ++frac_end;
  }
  if (digits == 0 || frac_end >= v.size()) return;  // the schema reports the form
  char unit = v[frac_end];
  std::string_view rest = v.substr(frac_end + 1);
  if ((unit != 'K' && unit != 'M' && unit != 'G') || !(rest.empty() || rest == "B" || rest == "b")) return;
  if (frac_end > digits) {
    throw InputError(f.loc, fmt::format("rotationSize '{}' has a decimal part; EMR takes whole numbers (write {}{}B)",
                                        f.value, unit == 'G' ? "1500" : "a whole", unit == 'G' ? 'M' : unit));
  }
  if (digits > 12) throw InputError(f.loc, "rotationSize is out of range: from 2KB to 2GB");
  long long n = 0;
  std::from_chars(v.data(), v.data() + digits, n);
  long long kb = unit == 'K' ? n : unit == 'M' ? n * 1024 : n * 1024 * 1024;
  if (kb < 2 || kb > 2LL * 1024 * 1024) {
    throw InputError(f.loc, fmt::format("rotationSize '{}' is out of range: from 2KB to 2GB", f.value));
  }
}

void ReadConfigurations(const Node* list, const SourceFile& src, std::vector<Configuration>* out) {
  if (!list || !list->IsSequence()) return;
  for (const Node& item : list->items) {
    Configuration c;
    c.loc = Loc(src, item);
    c.classification = ReadField(item.Find("classification"), src);
    if (const Node* props = item.Find("properties"); props && props->IsMap()) {
      for (const auto& [k, v] : props->members) {
        Property p;
        p.key = k.value;
        p.value = v.value;
        p.origin = Origin::kApplicationConfiguration;
        p.classification = c.classification.value;
        p.loc = Loc(src, v);
        p.key_loc = Loc(src, k);
        c.properties.push_back(std::move(p));
      }
    }
    ReadConfigurations(item.Find("configurations"), src, &c.configurations);
    out->push_back(std::move(c));
  }
}

}  // namespace

Job ReadJob(const Node& request, const SourceFile& src, InputFormat format) {
  Job job;
  job.format = format;
  job.loc = Loc(src, request);
  job.name = ReadField(request.Find("name"), src);
  if (format == InputFormat::kAckJobRun) {
    // The ACK document's references, read from the request's stand-ins' keys.
    const Node* vc = request.Find("virtualClusterId");
    const Node* role = request.Find("executionRoleArn");
    if (vc && vc->value == kStandInVirtualClusterId) job.virtual_cluster_ref = ReadField(vc, src);
    if (role && role->value == kStandInRoleArn) job.execution_role_ref = ReadField(role, src);
  }
  job.virtual_cluster_id = ReadField(request.Find("virtualClusterId"), src);
  job.execution_role_arn = ReadField(request.Find("executionRoleArn"), src);
  job.release_label = ReadField(request.Find("releaseLabel"), src);
  job.job_template_id = ReadField(request.Find("jobTemplateId"), src);
  if (const Node* retry = request.Find("retryPolicyConfiguration")) {
    job.retry_max_attempts = ReadField(retry->Find("maxAttempts"), src);
  }
  if (const Node* tags = request.Find("tags"); tags && tags->IsMap()) {
    for (const auto& [k, v] : tags->members) job.tags.emplace_back(ReadField(&k, src), ReadField(&v, src));
  }

  if (job.execution_role_arn.set) {
    if (!SplitRoleArn(job.execution_role_arn.value, &job.account_id, &job.role_name)) {
      throw InputError(job.execution_role_arn.loc,
                       fmt::format("executionRoleArn '{}' is not an IAM role ARN with an account id "
                                   "(arn:aws:iam::123456789012:role/name)",
                                   job.execution_role_arn.value));
    }
  }

  if (const Node* driver = request.Find("jobDriver")) {
    job.has_job_driver = true;
    const Node* submit = driver->Find("sparkSubmitJobDriver");
    const Node* sql = driver->Find("sparkSqlJobDriver");
    const Node* d = submit ? submit : sql;
    job.spark_sql = !submit && sql;
    if (d) {
      job.entry_point = ReadField(d->Find("entryPoint"), src);
      if (const Node* args = d->Find("entryPointArguments"); args && args->IsSequence()) {
        for (const Node& a : args->items) job.entry_point_arguments.push_back(ReadField(&a, src));
      }
      const Node* params = d->Find(submit ? "sparkSubmitParameters" : "sparkSqlParameters");
      job.submit_parameters = ReadField(params, src);
      if (job.submit_parameters.set) {
        Location start = job.submit_parameters.loc;
        if (!params->plain) start.column += 1;  // skip the opening quote
        job.submit_tokens = SplitSubmitParameters(job.submit_parameters.value, start);
        PlaceTokens(params->source ? *params->source : src, job.submit_parameters.loc, &job.submit_tokens);
        job.submit_properties = ParseSubmitTokens(job.submit_tokens, job.spark_sql);
      }
    }
  }

  if (const Node* overrides = request.Find("configurationOverrides")) {
    job.overrides_loc = Loc(src, *request.FindKey("configurationOverrides"));
    ReadConfigurations(overrides->Find("applicationConfiguration"), src, &job.application_configuration);
    if (const Node* mon = overrides->Find("monitoringConfiguration")) {
      Monitoring& m = job.monitoring;
      m.loc = Loc(src, *overrides->FindKey("monitoringConfiguration"));
      m.persistent_app_ui = ReadField(mon->Find("persistentAppUI"), src);
      if (const Node* cw = mon->Find("cloudWatchMonitoringConfiguration")) {
        m.cloudwatch = true;
        m.cloudwatch_loc = Loc(src, *cw);
        m.log_group_name = ReadField(cw->Find("logGroupName"), src);
        m.log_stream_name_prefix = ReadField(cw->Find("logStreamNamePrefix"), src);
      }
      if (const Node* s3 = mon->Find("s3MonitoringConfiguration")) {
        m.s3 = true;
        m.log_uri = ReadField(s3->Find("logUri"), src);
      }
      if (const Node* rot = mon->Find("containerLogRotationConfiguration")) {
        m.rotation = true;
        m.rotation_size = ReadField(rot->Find("rotationSize"), src);
        m.max_files_to_keep = ReadField(rot->Find("maxFilesToKeep"), src);
        CheckRotationSize(m.rotation_size);
      }
      if (const Node* ml = mon->Find("managedLogs")) {
        m.managed_logs = true;
        m.allow_aws_to_retain_logs = ReadField(ml->Find("allowAWSToRetainLogs"), src);
        m.encryption_key_arn = ReadField(ml->Find("encryptionKeyArn"), src);
      }
    }
  }
  return job;
}

}  // namespace sparkmc
