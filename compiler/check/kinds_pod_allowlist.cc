// The pod-allowlist kind: user pod templates against EMR on EKS's allowlists
// (data files the rule names) and the names EMR reserves.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

namespace {

/// The name EMR on EKS gives the main container of \a role, by the rule's
/// mainContainers.
std::string MainContainerName(const std::map<std::string, std::string>& names, const std::string& role) {
  auto it = names.find(role);
  return it != names.end() ? it->second : "spark-kubernetes-" + role;
}

/// Why container \a c (named \a name, not the main container's name) looks
/// meant to be the Spark container of a \a role template, or "" if it looks
/// like a sidecar: it has the other role's main-container name, a name shaped
/// like one (<anything>-kubernetes-driver, -executor, -executors), or no image
/// (a sidecar needs one; only the Spark container gets the job's image).
std::string MisnamedSparkContainer(const std::map<std::string, std::string>& p, const std::string& role, const Node& c, const std::string& name) {
  std::string other = role == "driver" ? "executor" : "driver";
  if (name == MainContainerName(p, other)) return fmt::format("has the Spark {} container's name, but this is the {} pod template", other, role);
  for (std::string suffix : {"-kubernetes-driver", "-kubernetes-executor", "-kubernetes-executors"}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return "is named like a Spark container";
    }
  }
  if (!c.Find("image")) return "has no image, which only the Spark container may leave out";
  return "";
}

struct PodAllowlistParams {
  DataFile pod_allowlist;
  DataFile container_allowlist;
  std::map<std::string, std::string> main_containers;
  std::vector<std::string> reserved_volumes;
  std::vector<std::string> reserved_mount_paths;
  std::vector<std::string> reserved_env;
  std::vector<std::string> reserved_containers;
  static std::vector<ParamField> Fields() {
    using P = PodAllowlistParams;
    return {
        Param<&P::pod_allowlist>("podAllowlist", kRequired, "a data file of the pod fields EMR allows, one a line"),
        Param<&P::container_allowlist>("containerAllowlist", kRequired,
                                       "a data file of the fields EMR allows on the Spark container (sidecars are "
                                       "not restricted)"),
        Param<&P::main_containers>("mainContainers", kOptional,
                                   "`{driver, executor}`: the Spark container's name per role; EMR on EKS finds it by "
                                   "this name only and treats every other container as a sidecar (lint --target "
                                   "spark-operator or spark-submit: the first container, as open-source Spark takes "
                                   "it); spark-kubernetes-<role> when not given"),
        Param<&P::reserved_volumes>("reservedVolumes", kOptional, "volume names EMR on EKS reserves"),
        Param<&P::reserved_mount_paths>("reservedMountPaths", kOptional,
                                        "mount paths EMR on EKS reserves (a path inside or above one overlaps it)"),
        Param<&P::reserved_env>("reservedEnv", kOptional, "environment variables EMR on EKS reserves"),
        Param<&P::reserved_containers>("reservedContainers", kOptional, "container names EMR on EKS reserves"),
    };
  }
};

class PodAllowlistCheck : public KindCheck<PodAllowlistParams> {
 public:
  explicit PodAllowlistCheck(Params p)
      : KindCheck(std::move(p)),
        pod_allow_(Lines(EmbeddedData(p_.pod_allowlist.path))),
        container_allow_(Lines(EmbeddedData(p_.container_allowlist.path))) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  std::vector<std::string> pod_allow_;
  std::vector<std::string> container_allow_;
};

void PodAllowlistCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const auto& p = p_.main_containers;
  const std::vector<std::string>& pod_allow = pod_allow_;
  const std::vector<std::string>& container_allow = container_allow_;
  const std::vector<std::string>& volumes = p_.reserved_volumes;
  const std::vector<std::string>& mounts = p_.reserved_mount_paths;
  const std::vector<std::string>& env = p_.reserved_env;
  const std::vector<std::string>& reserved_containers = p_.reserved_containers;
  auto allowed = [](const std::vector<std::string>& list, const std::string& f) {
    return std::find(list.begin(), list.end(), f) != list.end();
  };
  for (const PodTemplateInput& t : s.templates) {
    const std::string& role = t.role;
    std::string main_name = MainContainerName(p, role);
    if (!t.doc.IsMap()) continue;
    for (const auto& [k, v] : t.doc.members) {
      std::string field = "pod." + k.value;
      if (k.value != "spec" && !allowed(pod_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not in EMR's {} pod allowlist: EMR fails the job at submission", field, role)));
      }
    }
    const Node* spec = t.doc.Find("spec");
    if (!spec || !spec->IsMap()) continue;
    for (const auto& [k, v] : spec->members) {
      std::string field = "pod.spec." + k.value;
      if (!allowed(pod_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not in EMR's {} pod allowlist: EMR fails the job at submission", field, role)));
      }
    }
    if (const Node* vols = spec->Find("volumes"); vols && vols->IsSequence()) {
      for (const Node& vol : vols->items) {
        const Node* n = vol.Find("name");
        if (n && allowed(volumes, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("volume name '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* n = c.Find("name");
        if (n && allowed(reserved_containers, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("container name '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
    // Open-source Spark takes the container named by podTemplateContainerName,
    // else the first. EMR on EKS finds its main container by the fixed name
    // only: every other container is a sidecar, which the container allowlist
    // does not restrict (sidecars may mount EMR's log volumes).
    bool oss = OpenSourceTarget(s);
    const Node* main = MainContainer(*spec, main_name, oss);
    if (oss) {
      if (const Node* n = main ? main->Find("name") : nullptr; n && n->value != main_name) {
        out->push_back(At(NodeLoc(t, *n), fmt::format("the first container '{}' becomes the Spark {} container: EMR expects it to be named '{}'",
                                                      n->value, role, main_name)));
      }
    } else if (const Node* cs = spec->Find("containers"); cs && cs->IsSequence()) {
      for (const Node& c : cs->items) {
        if (&c == main || !c.IsMap()) continue;
        const Node* n = c.Find("name");
        if (!n) continue;
        std::string why = MisnamedSparkContainer(p, role, c, n->value);
        if (why.empty()) continue;
        out->push_back(At(NodeLoc(t, *n), fmt::format("container '{}' {}: EMR on EKS finds the Spark {} container by its name '{}', "
                                                      "so this one will be treated as a sidecar and will not get Spark's settings",
                                                      n->value, why, role, main_name)));
      }
    }
    if (!main || !main->IsMap()) continue;
    for (const auto& [k, v] : main->members) {
      std::string field = "container." + k.value;
      if (!allowed(container_allow, field)) {
        out->push_back(At(NodeLoc(t, k), fmt::format("{} is not allowed on the Spark {} container by EMR's allowlist", field, role)));
      }
    }
    if (const Node* vm = main->Find("volumeMounts"); vm && vm->IsSequence()) {
      for (const Node& m : vm->items) {
        const Node* path = m.Find("mountPath");
        if (!path) continue;
        for (const std::string& r2 : mounts) {
          if (path->value == r2 || path->value.rfind(r2 + "/", 0) == 0 || r2.rfind(path->value + "/", 0) == 0) {
            out->push_back(At(NodeLoc(t, *path), fmt::format("mount path '{}' overlaps EMR's reserved path '{}'", path->value, r2)));
            break;
          }
        }
      }
    }
    if (const Node* ev = main->Find("env"); ev && ev->IsSequence()) {
      for (const Node& e : ev->items) {
        const Node* n = e.Find("name");
        if (n && allowed(env, n->value)) {
          out->push_back(At(NodeLoc(t, *n), fmt::format("environment variable '{}' is reserved by EMR on EKS", n->value)));
        }
      }
    }
  }
}

}  // namespace

RuleKind PodAllowlistKind() {
  return MakeRuleKind<PodAllowlistCheck>("pod-allowlist", "user pod template fields against EMR's allowlists and reserved names");
}

}  // namespace sparkmc::kinds
