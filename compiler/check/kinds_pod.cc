// Rule kinds about user pod templates: EMR's allowlists and reserved names,
// insecure settings, and image tags (also in properties).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

namespace {

std::string MutableTag(const RuleSpec& r, const std::string& image) {
  if (image.find('@') != std::string::npos) return "";  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "no tag (means latest)";
  std::string tag = image.substr(colon + 1);
  for (const std::string& m : Strings(r.params, "mutableTags")) {
    if (tag == m) return "tag '" + tag + "'";
  }
  return "";
}

}  // namespace

void PodAllowlistKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  const nlohmann::json& p = r.params;
  std::vector<std::string> pod_allow = Lines(EmbeddedData(p.value("podAllowlist", "")));
  std::vector<std::string> container_allow = Lines(EmbeddedData(p.value("containerAllowlist", "")));
  std::vector<std::string> volumes = Strings(p, "reservedVolumes");
  std::vector<std::string> mounts = Strings(p, "reservedMountPaths");
  std::vector<std::string> env = Strings(p, "reservedEnv");
  std::vector<std::string> reserved_containers = Strings(p, "reservedContainers");
  auto allowed = [](const std::vector<std::string>& list, const std::string& f) {
    return std::find(list.begin(), list.end(), f) != list.end();
  };
  for (const PodTemplateInput& t : s.templates) {
    const std::string& role = t.role;
    std::string main_name = p.contains("mainContainers") ? p["mainContainers"].value(role, "spark-kubernetes-" + role)
                                                          : "spark-kubernetes-" + role;
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
    const Node* main = MainContainer(*spec, main_name);
    if (!main || !main->IsMap()) continue;
    if (const Node* n = main->Find("name"); n && n->value != main_name) {
      out->push_back(At(NodeLoc(t, *n), fmt::format("the first container '{}' becomes the Spark {} container: EMR expects it to be named '{}'",
                                                    n->value, role, main_name)));
    }
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

void InsecureKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  if (const Job* job = JobOf(s)) {
    if (r.params.contains("properties")) {
      for (const auto& [key, bad] : r.params["properties"].items()) {
        for (const Property* p : UserProperties(*job)) {
          if (p->key == key && Lower(p->value) == Lower(bad.get<std::string>())) {
            out->push_back(At(p->loc, fmt::format("{}={} turns off a protection", key, p->value)));
          }
        }
      }
    }
  }
  for (const PodTemplateInput& t : s.templates) {
    const Node* spec = t.doc.Find("spec");
    if (!spec || !spec->IsMap()) continue;
    for (const char* host : {"hostNetwork", "hostPID", "hostIPC"}) {
      if (const Node* n = spec->Find(host); n && n->value == "true") {
        out->push_back(At(NodeLoc(t, *n), fmt::format("pod.spec.{} shares the node's namespaces with the pod", host)));
      }
    }
    if (const Node* sc = spec->Find("securityContext")) {
      if (const Node* u = sc->Find("runAsUser"); u && u->value == "0") {
        out->push_back(At(NodeLoc(t, *u), "the pod runs as root (runAsUser: 0)"));
      }
    }
    if (const Node* vols = spec->Find("volumes"); vols && vols->IsSequence()) {
      for (const Node& v : vols->items) {
        if (const Node* hp = v.FindKey("hostPath")) {
          out->push_back(At(NodeLoc(t, *hp), "a hostPath volume exposes the node's filesystem to the pod"));
        }
      }
    }
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* sc = c.Find("securityContext");
        if (!sc) continue;
        if (const Node* n = sc->Find("privileged"); n && n->value == "true") {
          out->push_back(At(NodeLoc(t, *n), "a privileged container has full access to the node"));
        }
        if (const Node* n = sc->Find("allowPrivilegeEscalation"); n && n->value == "true") {
          out->push_back(At(NodeLoc(t, *n), "allowPrivilegeEscalation lets a process gain more privileges than its parent"));
        }
        if (const Node* n = sc->Find("runAsUser"); n && n->value == "0") {
          out->push_back(At(NodeLoc(t, *n), "the container runs as root (runAsUser: 0)"));
        }
        if (const Node* caps = sc->Find("capabilities")) {
          if (const Node* add = caps->Find("add"); add && add->IsSequence()) {
            for (const Node& cap : add->items) {
              if (cap.value == "SYS_ADMIN" || cap.value == "ALL" || cap.value == "NET_ADMIN") {
                out->push_back(At(NodeLoc(t, cap), fmt::format("capability {} is close to root on the node", cap.value)));
              }
            }
          }
        }
      }
    }
  }
}

void ImageTagKind(const RuleSpec& r, const LintSubject& s, std::vector<Finding>* out) {
  if (const Job* job = JobOf(s)) {
    for (const std::string& key : Strings(r.params, "properties")) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key != key) continue;
        std::string why = MutableTag(r, p->value);
        if (!why.empty()) out->push_back(At(p->loc, fmt::format("image '{}' has {}: what runs can change under you", p->value, why)));
      }
    }
  }
  for (const PodTemplateInput& t : s.templates) {
    const Node* spec = t.doc.Find("spec");
    if (!spec) continue;
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* img = c.Find("image");
        if (!img) continue;
        std::string why = MutableTag(r, img->value);
        if (!why.empty()) out->push_back(At(NodeLoc(t, *img), fmt::format("image '{}' has {}: what runs can change under you", img->value, why)));
      }
    }
  }
}

}  // namespace sparkmc::kinds
