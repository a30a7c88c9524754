#include "compiler/model/capture.h"

#include <fmt/format.h>

#include "compiler/base/error.h"
#include "compiler/base/utf8.h"

namespace sparkmc {

namespace {

constexpr const char* kJobId = "emr-containers.amazonaws.com/job.id";
constexpr const char* kVcid = "emr-containers.amazonaws.com/virtual-cluster-id";
constexpr const char* kConfiguration = "emr-containers.amazonaws.com/job.configuration";

std::string ScalarAt(const Node& n, std::string_view key) {
  const Node* v = n.Find(key);
  return v && v->IsScalar() ? v->value : "";
}

}  // namespace

const CapturedConfigMap* Capture::Find(const std::string& configuration) const {
  for (const CapturedConfigMap& m : maps) {
    if (m.configuration == configuration) return &m;
  }
  return nullptr;
}

const std::vector<std::string>& GeneratedConfigurations() {
  static const std::vector<std::string> kinds = {"spark-defaults", "pod-template", "fluentd"};
  return kinds;
}

Capture ReadCapture(const SourceFile& source, bool require_all) {
  Capture c;
  c.path = source.path;
  std::vector<Node> docs = ParseDocuments(source);
  std::vector<const Node*> items;
  for (const Node& d : docs) {
    if (d.IsNull()) continue;
    Location at{source.path, d.line, d.column};
    if (!d.IsMap()) throw InputError(at, fmt::format("a capture holds ConfigMaps, not a {}", d.TypeName()));
    if (ScalarAt(d, "kind") == "List") {
      // kubectl's -o yaml for several objects.
      const Node* list = d.Find("items");
      if (list && list->IsSequence()) {
        for (const Node& i : list->items) items.push_back(&i);
      } else if (list && !list->IsNull()) {
        throw InputError(Location{source.path, list->line, list->column}, "a List's items must be a list");
      }
      continue;
    }
    items.push_back(&d);
  }
  for (const Node* i : items) {
    Location at{source.path, i->line, i->column};
    std::string kind = i->IsMap() ? ScalarAt(*i, "kind") : "";
    if (kind != "ConfigMap" || ScalarAt(*i, "apiVersion") != "v1") {
      throw InputError(at, fmt::format("not a ConfigMap ({}): a capture is what `kubectl get configmap -n NS -l "
                                       "{}=ID -o yaml` prints", kind.empty() ? "no kind" : "kind " + TerminalSafe(kind),
                                       kJobId));
    }
    const Node* meta = i->Find("metadata");
    const Node* labels = meta ? meta->Find("labels") : nullptr;
    CapturedConfigMap m;
    m.loc = at;
    m.node = *i;
    m.name = meta ? ScalarAt(*meta, "name") : "";
    std::string job = labels ? ScalarAt(*labels, kJobId) : "";
    std::string vc = labels ? ScalarAt(*labels, kVcid) : "";
    m.configuration = labels ? ScalarAt(*labels, kConfiguration) : "";
    std::string ns = meta ? ScalarAt(*meta, "namespace") : "";
    Location label_at = labels ? Location{source.path, labels->line, labels->column} : at;
    if (job.empty() || m.configuration.empty()) {
      throw InputError(label_at, fmt::format("ConfigMap '{}' lacks EMR's labels {} and {}: not one EMR generated for a "
                                             "job", TerminalSafe(m.name), kJobId, kConfiguration));
    }
    auto same = [&](std::string* have, const std::string& now, const char* what) {
      if (have->empty()) {
        *have = now;
      } else if (*have != now) {
        throw InputError(label_at, fmt::format("two jobs mixed: this ConfigMap has {} '{}', the one before '{}'; capture "
                                               "one job (kubectl get configmap -l {}=ID)", what, TerminalSafe(now),
                                               TerminalSafe(*have), kJobId));
      }
    };
    same(&c.job_id, job, "job id");
    same(&c.vcid, vc, "virtual cluster id");
    same(&c.namespace_, ns, "namespace");
    if (c.Find(m.configuration)) {
      throw InputError(at, fmt::format("a second '{}' ConfigMap: EMR writes one per job", TerminalSafe(m.configuration)));
    }
    c.maps.push_back(std::move(m));
  }
  if (c.maps.empty()) {
    throw InputError(Location{source.path, 1, 1}, fmt::format("the capture holds no ConfigMaps (did the label selector "
                                                              "{}=ID match the job?)", kJobId));
  }
  if (require_all) {
    for (const std::string& kind : GeneratedConfigurations()) {
      if (!c.Find(kind)) {
        throw InputError(Location{source.path, 1, 1},
                         fmt::format("the capture lacks the job's '{}' ConfigMap: EMR generates spark-defaults, "
                                     "pod-template and fluentd for every job; capture all three", kind));
      }
    }
  }
  return c;
}

}  // namespace sparkmc
