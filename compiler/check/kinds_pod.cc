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

std::string MutableTag(const std::vector<std::string>& mutable_tags, const std::string& image) {
  if (image.find('@') != std::string::npos) return "";  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "no tag (means latest)";
  std::string tag = image.substr(colon + 1);
  for (const std::string& m : mutable_tags) {
    if (tag == m) return "tag '" + tag + "'";
  }
  return "";
}

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

/// \a path as the node sees it, lexically: repeated '/' collapsed, '.' and
/// '..' segments resolved (never above the root), no trailing '/' except for
/// the root itself. No symlinks are followed: the node's are unknown.
std::string NormalizeHostPath(const std::string& path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> segs;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(pos, end - pos);
    if (seg == "..") {
      if (!segs.empty() && segs.back() != "..") segs.pop_back();
      else if (!absolute) segs.push_back(seg);
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(seg);
    }
    pos = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < segs.size(); ++i) out += (i ? "/" : "") + segs[i];
  return out;
}

/// Whether normalized \a path is covered by \a entry of a sensitive-path
/// table: an entry ending in '/' covers the directory and everything below
/// it, any other entry (and the root "/") only that exact path.
bool CoversHostPath(const std::string& entry, const std::string& path) {
  if (entry.size() > 1 && entry.back() == '/') {
    std::string dir = NormalizeHostPath(entry);
    return path == dir || path.rfind(dir + "/", 0) == 0;
  }
  return path == NormalizeHostPath(entry);
}

/// A sensitive host path: a table entry (a directory when it ends in '/'),
/// or with `suffix`, the end of any path.
struct SensitivePath {
  std::string entry;
  std::string normalized;  ///< NormalizeHostPath(entry), once.
  std::string why;
};

/// Why mounting the node's \a raw path is dangerous, or "" when it is not
/// known to be (Spark's local dirs on the node's disks: /local1,
/// /mnt/k8s-disks/0). The most specific of \a paths (the rule's
/// sensitiveHostPaths, then extraSensitiveHostPaths) wins; then \a suffixes
/// (sensitiveHostPathSuffixes: runtime sockets anywhere).
std::string SensitiveHostPath(const std::vector<SensitivePath>& paths, const std::map<std::string, std::string>& suffixes,
                              const std::string& raw, std::string* entry) {
  std::string path = NormalizeHostPath(raw);
  const SensitivePath* best = nullptr;
  entry->clear();
  for (const SensitivePath& p : paths) {
    if (CoversHostPath(p.entry, path) && (!best || p.normalized.size() > best->normalized.size())) best = &p;
  }
  if (best) {
    *entry = best->entry;
    return best->why;
  }
  for (const auto& [suffix, why] : suffixes) {
    if (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      *entry = "*" + suffix;
      return why;
    }
  }
  return "";
}

/// The finding's message for a hostPath of \a path that \a entry covers.
std::string HostPathMessage(const std::string& path, const std::string& entry, const std::string& why) {
  std::string normalized = NormalizeHostPath(path);
  std::string shown = normalized == path ? path : fmt::format("{} ({})", path, normalized);
  std::string under;
  if (!entry.empty() && entry[0] == '/' && normalized != NormalizeHostPath(entry)) {
    under = fmt::format(", inside {},", NormalizeHostPath(entry));
  }
  return fmt::format("hostPath {}{} exposes {}", shown, under, why);
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

class PodAllowlistCheck : public RuleCheck {
 public:
  using Params = PodAllowlistParams;
  explicit PodAllowlistCheck(Params p)
      : p_(std::move(p)),
        pod_allow_(Lines(EmbeddedData(p_.pod_allowlist.path))),
        container_allow_(Lines(EmbeddedData(p_.container_allowlist.path))) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  Params p_;
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

struct InsecureParams {
  std::map<std::string, std::string> properties;
  std::optional<DataFile> sensitive_host_paths;
  std::optional<std::map<std::string, std::string>> extra_sensitive_host_paths;
  std::optional<std::map<std::string, std::string>> sensitive_host_path_suffixes;
  static std::vector<ParamField> Fields() {
    using P = InsecureParams;
    return {
        Param<&P::properties>("properties", kOptional, "`{key: value}`: a property value that is insecure (ignoring case)"),
        Param<&P::sensitive_host_paths>(
            "sensitiveHostPaths", kOptional,
            "a data file (path, why, source) of host paths a hostPath volume must not mount; an entry ending in '/' "
            "covers everything below it, others only that path; paths are normalised lexically (//, ., .., "
            "trailing /) first"),
        Param<&P::extra_sensitive_host_paths>("extraSensitiveHostPaths", kOptional,
                                              "`{path: why}`, more entries of the same form"),
        Param<&P::sensitive_host_path_suffixes>("sensitiveHostPathSuffixes", kOptional,
                                                "`{suffix: why}`, host paths ending so (runtime sockets anywhere)"),
    };
  }
};

class InsecureCheck : public RuleCheck {
 public:
  using Params = InsecureParams;
  explicit InsecureCheck(Params p) : p_(std::move(p)) {
    auto add = [&](const std::string& entry, const std::string& why) {
      paths_.push_back(SensitivePath{entry, NormalizeHostPath(entry), why});
    };
    if (p_.sensitive_host_paths) {
      for (const std::vector<std::string>& row : CachedEmbeddedTable(p_.sensitive_host_paths->path)) {
        if (row.size() >= 2 && !row[0].empty() && row[0][0] == '/') add(row[0], row[1]);
      }
    }
    if (p_.extra_sensitive_host_paths) {
      for (const auto& [e, why] : *p_.extra_sensitive_host_paths) add(e, why);
    }
    if (p_.sensitive_host_path_suffixes) suffixes_ = *p_.sensitive_host_path_suffixes;
    // Without a table of sensitive paths (a custom rule of this kind), every
    // hostPath is reported, as before there was one.
    every_host_path_ = !p_.sensitive_host_paths && !p_.extra_sensitive_host_paths && !p_.sensitive_host_path_suffixes;
  }
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  Params p_;
  std::vector<SensitivePath> paths_;
  std::map<std::string, std::string> suffixes_;
  bool every_host_path_ = true;
};

void InsecureCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  bool every_host_path = every_host_path_;
  if (const Job* job = JobOf(s)) {
    // Spark's own hostPath volumes:
    // spark.kubernetes.{driver,executor}.volumes.hostPath.<name>.options.path.
    for (const Property* p : UserProperties(*job)) {
      static const std::string kSuffix = ".options.path";
      bool host_path = false;
      for (const char* role : {"spark.kubernetes.driver.volumes.hostPath.", "spark.kubernetes.executor.volumes.hostPath."}) {
        std::string prefix = role;
        host_path |= p->key.size() > prefix.size() + kSuffix.size() && p->key.rfind(prefix, 0) == 0 &&
                     p->key.compare(p->key.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
      }
      if (!host_path) continue;
      std::string entry;
      std::string why = SensitiveHostPath(paths_, suffixes_, p->value, &entry);
      if (!why.empty()) out->push_back(At(p->loc, HostPathMessage(p->value, entry, why)));
      else if (every_host_path) out->push_back(At(p->loc, "a hostPath volume exposes the node's filesystem to the pod"));
    }
    for (const auto& [key, bad] : p_.properties) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key == key && Lower(p->value) == Lower(bad)) {
          out->push_back(At(p->loc, fmt::format("{}={} turns off a protection", key, p->value)));
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
        const Node* hp = v.FindKey("hostPath");
        if (!hp) continue;
        const Node* path = v.Find("hostPath")->Find("path");
        std::string entry;
        std::string why = path && path->IsScalar() ? SensitiveHostPath(paths_, suffixes_, path->value, &entry) : "";
        if (!why.empty()) {
          out->push_back(At(NodeLoc(t, *path), HostPathMessage(path->value, entry, why)));
        } else if (every_host_path) {
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

struct ImageTagParams {
  std::vector<std::string> properties;
  std::vector<std::string> mutable_tags;
  static std::vector<ParamField> Fields() {
    return {Param<&ImageTagParams::properties>("properties", kOptional,
                                               "the properties that name an image; pod template containers are "
                                               "always checked"),
            Param<&ImageTagParams::mutable_tags>("mutableTags", kOptional,
                                                 "tags that move (an image without a tag is latest, and always reported)")};
  }
};

class ImageTagCheck : public RuleCheck {
 public:
  using Params = ImageTagParams;
  explicit ImageTagCheck(Params p) : p_(std::move(p)) {}
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;

 private:
  Params p_;
};

void ImageTagCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  if (const Job* job = JobOf(s)) {
    for (const std::string& key : p_.properties) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key != key) continue;
        std::string why = MutableTag(p_.mutable_tags, p->value);
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
        std::string why = MutableTag(p_.mutable_tags, img->value);
        if (!why.empty()) out->push_back(At(NodeLoc(t, *img), fmt::format("image '{}' has {}: what runs can change under you", img->value, why)));
      }
    }
  }
}

}  // namespace

RuleKind PodAllowlistKind() {
  return MakeRuleKind<PodAllowlistCheck>("pod-allowlist", "user pod template fields against EMR's allowlists and reserved names");
}
RuleKind InsecureKind() {
  return MakeRuleKind<InsecureCheck>(
      "insecure", "settings that weaken isolation or authentication",
      "Without any of the three host path parameters, every hostPath is reported. Pod templates are also checked "
      "for privileged, privilege escalation, host namespaces, root and dangerous capabilities.");
}
RuleKind ImageTagKind() { return MakeRuleKind<ImageTagCheck>("image-tag", "container images with a mutable tag"); }

}  // namespace sparkmc::kinds
