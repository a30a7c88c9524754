// The insecure kind: settings that weaken isolation or authentication, in
// properties and pod templates, and host paths that expose the node.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

namespace {

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

class InsecureCheck : public KindCheck<InsecureParams> {
 public:
  explicit InsecureCheck(Params p) : KindCheck(std::move(p)) {
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

}  // namespace

RuleKind InsecureKind() {
  return MakeRuleKind<InsecureCheck>(
      "insecure", "settings that weaken isolation or authentication",
      "Without any of the three host path parameters, every hostPath is reported. Pod templates are also checked "
      "for privileged, privilege escalation, host namespaces, root and dangerous capabilities.");
}

}  // namespace sparkmc::kinds
