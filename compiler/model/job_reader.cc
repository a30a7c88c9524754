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

// The request shape below configurationOverrides, for matching ACK's
// case-insensitive keys: each known key and what its value holds.
enum class Shape { kScalar, kOverrides, kConfigList, kConfig, kUserMap, kMonitoring, kObject };

struct KeySpec {
  const char* name;
  Shape shape;
};

std::vector<KeySpec> KeysOf(Shape s) {
  switch (s) {
    case Shape::kOverrides:
      return {{"applicationConfiguration", Shape::kConfigList}, {"monitoringConfiguration", Shape::kMonitoring}};
    case Shape::kConfig:
      return {{"classification", Shape::kScalar}, {"properties", Shape::kUserMap},
              {"configurations", Shape::kConfigList}};
    case Shape::kMonitoring:
      return {{"persistentAppUI", Shape::kScalar},
              {"cloudWatchMonitoringConfiguration", Shape::kObject},
              {"s3MonitoringConfiguration", Shape::kObject},
              {"containerLogRotationConfiguration", Shape::kObject},
              {"managedLogs", Shape::kObject}};
    case Shape::kObject:
      return {{"logGroupName", Shape::kScalar}, {"logStreamNamePrefix", Shape::kScalar},
              {"logUri", Shape::kScalar},       {"rotationSize", Shape::kScalar},
              {"maxFilesToKeep", Shape::kScalar}, {"allowAWSToRetainLogs", Shape::kScalar},
              {"encryptionKeyArn", Shape::kScalar}};
    default:
      return {};
  }
}

/// Renames keys to their request spelling; drops null members (ACK writes
/// `ApplicationConfiguration: null` for "not set").
void Normalize(Node* n, Shape shape, const std::string& file) {
  if (shape == Shape::kConfigList) {
    if (n->IsSequence()) {
      for (Node& item : n->items) Normalize(&item, Shape::kConfig, file);
    }
    return;
  }
  if (!n->IsMap() || shape == Shape::kUserMap || shape == Shape::kScalar) return;
  std::vector<KeySpec> keys = KeysOf(shape);
  std::vector<std::pair<Node, Node>> kept;
  std::vector<std::string> seen;  // lowercased: ACK matches keys case-insensitively
  for (auto& [k, v] : n->members) {
    std::string folded = Lower(k.value);
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
      // PersistentAppUI and persistentAppUI are one key to ACK: the schema
      // would check one and the emitter use the other.
      throw InputError(Location{file, k.line, k.column},
                       fmt::format("duplicate key \"{}\": ACK reads configurationOverrides' keys without regard to case",
                                   k.value.substr(0, 80)));
    }
    seen.push_back(folded);
    if (v.IsNull()) continue;
    for (const KeySpec& spec : keys) {
      if (Lower(k.value) == Lower(spec.name)) {
        k.value = spec.name;
        Normalize(&v, spec.shape, file);
        break;
      }
    }
    kept.emplace_back(std::move(k), std::move(v));
  }
  n->members = std::move(kept);
}

/// Moves positions of a tree parsed from a string scalar back into the file.
void Shift(Node* n, const SourceFile& src, const Node& scalar) {
  std::string first = src.Line(scalar.line);
  bool block = scalar.column - 1 < static_cast<int>(first.size()) &&
               (first[scalar.column - 1] == '|' || first[scalar.column - 1] == '>');
  int indent = 0;
  if (block) {
    for (int l = scalar.line + 1;; ++l) {
      std::string line = src.Line(l);
      if (line.find_first_not_of(' ') != std::string::npos || l > scalar.line + 1000) {
        indent = static_cast<int>(line.find_first_not_of(' '));
        if (indent < 0) indent = 0;
        break;
      }
    }
  }
  bool quoted = !scalar.plain && !block;
  std::vector<Node*> stack{n};
  while (!stack.empty()) {
    Node* cur = stack.back();
    stack.pop_back();
    if (block) {
      cur->line += scalar.line;
      cur->column += indent;
    } else {
      if (cur->line == 1) cur->column += scalar.column - 1 + (quoted ? 1 : 0);
      cur->line += scalar.line - 1;
    }
    for (Node& i : cur->items) stack.push_back(&i);
    for (auto& [k, v] : cur->members) {
      stack.push_back(&k);
      stack.push_back(&v);
    }
  }
}

Node ParseOverridesString(const Node& scalar, const SourceFile& src) {
  SourceFile inner{src.path, scalar.value};
  std::vector<Node> docs;
  try {
    LoadLimits limits;
    limits.strict_json = false;  // ACK reads this string as YAML
    docs = ParseDocuments(inner, limits);
  } catch (const InputError& e) {
    Node where;
    where.line = e.location().line;
    where.column = e.location().column;
    Shift(&where, src, scalar);
    throw InputError(Location{src.path, where.line, where.column},
                     std::string("in configurationOverrides: ") + e.what());
  }
  if (docs.empty() || docs[0].IsNull()) {
    Node empty;
    empty.kind = Node::Kind::kMap;
    empty.line = scalar.line;
    empty.column = scalar.column;
    return empty;
  }
  if (docs.size() > 1) {
    // ACK reads one document; the others would be dropped without a word.
    Node where;
    where.line = docs[1].line;
    where.column = docs[1].column;
    Shift(&where, src, scalar);
    throw InputError(Location{src.path, where.line, where.column},
                     "configurationOverrides holds more than one YAML document: ACK reads only the first");
  }
  Node root = std::move(docs[0]);
  Shift(&root, src, scalar);
  Normalize(&root, Shape::kOverrides, src.path);
  return root;
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

Node Key(const char* name, const Node& at) {
  Node k;
  k.kind = Node::Kind::kScalar;
  k.value = name;
  k.line = at.line;
  k.column = at.column;
  return k;
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
        c.properties.push_back(p);
      }
    }
    ReadConfigurations(item.Find("configurations"), src, &c.configurations);
    out->push_back(std::move(c));
  }
}

}  // namespace

bool IsAckJobRun(const Node& doc) {
  const Node* kind = doc.Find("kind");
  const Node* api = doc.Find("apiVersion");
  return (kind && kind->value == "JobRun") ||
         (api && api->value.rfind("emrcontainers.services.k8s.aws/", 0) == 0);
}

Node AckToRequest(const Node& doc, const SourceFile& source) {
  Node req;
  req.kind = Node::Kind::kMap;
  req.line = doc.line;
  req.column = doc.column;
  const Node* spec = doc.Find("spec");
  if (!spec || !spec->IsMap()) return req;
  // ACK spells some members differently from the API (ID, ARN).
  static const std::pair<const char*, const char*> kRenames[] = {
      {"name", "name"},
      {"virtualClusterID", "virtualClusterId"},
      {"executionRoleARN", "executionRoleArn"},
      {"releaseLabel", "releaseLabel"},
      {"jobDriver", "jobDriver"},
      {"tags", "tags"},
  };
  for (const auto& [k, v] : spec->members) {
    if (k.value == "configurationOverrides") {
      if (v.IsScalar()) {
        // Kept even when empty, so findings about missing settings can point here.
        req.members.emplace_back(Key("configurationOverrides", k), ParseOverridesString(v, source));
      }
      continue;
    }
    if (k.value == "virtualClusterRef" || k.value == "executionRoleRef") {
      // The controller resolves the reference in the cluster; offline, the
      // request gets a stand-in at the reference's place (unless the spec
      // also names the value itself), and the Job records what it names.
      const char* field = k.value == "virtualClusterRef" ? "virtualClusterID" : "executionRoleARN";
      if (spec->Find(field)) continue;
      Node stand_in = Key(k.value == "virtualClusterRef" ? kStandInVirtualClusterId : kStandInRoleArn, k);
      stand_in.plain = false;
      Node key = Key(k.value == "virtualClusterRef" ? "virtualClusterId" : "executionRoleArn", k);
      req.members.emplace_back(std::move(key), std::move(stand_in));
      continue;
    }
    const char* name = nullptr;
    for (const auto& [from, to] : kRenames) {
      if (k.value == from) name = to;
    }
    if (!name) continue;  // the ACK schema has already judged the spec's own keys
    Node value = v;
    if (k.value == "jobDriver" && value.IsMap()) {
      // `entryPointArguments:` with nothing after it is null in ACK: no arguments.
      for (auto& [dk, dv] : value.members) {
        auto& members = dv.members;
        for (size_t i = 0; i < members.size(); ++i) {
          if (members[i].second.IsNull()) {
            members.erase(members.begin() + static_cast<long>(i));
            --i;
          }
        }
      }
    }
    Node key = k;
    key.value = name;
    req.members.emplace_back(std::move(key), std::move(value));
  }
  return req;
}

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
