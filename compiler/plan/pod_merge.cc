#include "compiler/plan/pod_merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "compiler/base/quantity.h"

namespace sparkmc {

namespace {

Location At(const PodTemplateDoc& t, const Node& n) {
  const SourceFile* src = n.source ? n.source : t.source.get();
  return Location{src ? src->path : "", n.line, n.column};
}

/// One resource key of a template container, as written.
struct Quantity {
  std::string value;
  Location loc;
};

struct TemplateContainer {
  std::string name;
  std::string origin;
  bool init = false;
  bool sidecar = false;
  std::map<std::string, Quantity> requests;
  std::map<std::string, Quantity> limits;
};

void ReadResources(const PodTemplateDoc& t, const Node& c, TemplateContainer* out) {
  const Node* res = c.Find("resources");
  if (!res || !res->IsMap()) return;
  for (const char* kind : {"requests", "limits"}) {
    const Node* list = res->Find(kind);
    if (!list || !list->IsMap()) continue;
    auto& into = std::string(kind) == "requests" ? out->requests : out->limits;
    for (const auto& [k, v] : list->members) {
      if (!v.IsScalar()) {
        throw InputError(At(t, v), fmt::format("resources.{}.{} must be a quantity", kind, k.value));
      }
      into[k.value] = Quantity{v.value, At(t, v)};
    }
  }
}

void Collect(const PodTemplateDoc& t, std::vector<TemplateContainer>* out) {
  const Node* spec = t.doc.Find("spec");
  if (!spec || !spec->IsMap()) return;
  for (const char* list_name : {"containers", "initContainers"}) {
    const Node* list = spec->Find(list_name);
    if (!list || !list->IsSequence()) continue;
    bool init = std::string(list_name) == "initContainers";
    for (const Node& c : list->items) {
      if (!c.IsMap()) continue;
      TemplateContainer tc;
      const Node* name = c.Find("name");
      tc.name = name && name->IsScalar() ? name->value : "";
      tc.origin = t.origin;
      tc.init = init;
      const Node* restart = c.Find("restartPolicy");
      tc.sidecar = init && restart && restart->IsScalar() && restart->value == "Always";
      ReadResources(t, c, &tc);
      // A later template's container of the same name (EMR merges the user's
      // template into its own by container name) sets the keys it names.
      auto same = std::find_if(out->begin(), out->end(), [&](const TemplateContainer& o) {
        return !tc.name.empty() && o.name == tc.name && o.init == tc.init;
      });
      if (same == out->end()) {
        out->push_back(std::move(tc));
        continue;
      }
      for (auto& [k, q] : tc.requests) same->requests[k] = q;
      for (auto& [k, q] : tc.limits) same->limits[k] = q;
      same->sidecar = same->sidecar || tc.sidecar;
    }
  }
}

int64_t Ceil(double d) { return static_cast<int64_t>(std::ceil(d - 1e-9)); }

/// Sets \a key of \a list from a quantity as the scheduler reads it: cpu in
/// millicores, memory and storage in bytes, both rounded up.
void SetQuantity(ResourceList* list, const std::string& key, const Quantity& q) {
  std::optional<double> v = ParseQuantity(q.value);
  if (!v || *v < 0 || *v > 9e15) throw InputError(q.loc, fmt::format("'{}' is not a quantity Kubernetes accepts for {}", q.value, key));
  if (key == "cpu") {
    list->cpu_millis = Ceil(*v * 1000);
    list->has_cpu = true;
  } else if (key == "memory") {
    list->memory_bytes = Ceil(*v);
    list->has_memory = true;
  } else if (key == "ephemeral-storage") {
    list->ephemeral_storage_bytes = Ceil(*v);
    list->has_ephemeral_storage = true;
  } else {
    list->extended[key] = Ceil(*v);
  }
}

/// Where a template's quantity came from: the user's file and line, or EMR's
/// own template (which has no file the user can open).
From TemplateFrom(const TemplateContainer& t, const std::string& key, const Quantity& q) {
  if (t.origin == "emr") return From{key + "=" + q.value + " in EMR's pod template", Location{}};
  return From{key + "=" + q.value + " in the pod template", q.loc};
}

ContainerPlan ToPlan(const TemplateContainer& t) {
  ContainerPlan c;
  c.name = t.name;
  c.origin = t.origin;
  c.init = t.init;
  c.sidecar = t.sidecar;
  for (const auto& [k, q] : t.requests) {
    SetQuantity(&c.requests, k, q);
    c.from["requests." + k] = TemplateFrom(t, "requests." + k, q);
  }
  for (const auto& [k, q] : t.limits) {
    SetQuantity(&c.limits, k, q);
    c.from["limits." + k] = TemplateFrom(t, "limits." + k, q);
  }
  return c;
}

/// Spark's container over the template's: BasicDriverFeatureStep and
/// BasicExecutorFeatureStep add cpu and memory requests, the memory limit,
/// the cpu limit when limit.cores is set and the custom resources to the
/// template's resources, replacing those keys and keeping the rest.
ContainerPlan LayOver(const ContainerPlan& base, const ContainerPlan& spark, const std::string& role) {
  ContainerPlan c = base;
  c.spark = true;
  c.origin = base.origin.empty() ? "spark" : base.origin;
  if (c.name.empty()) c.name = "spark-kubernetes-" + role;  // DEFAULT_{DRIVER,EXECUTOR}_CONTAINER_NAME
  c.requests.cpu_millis = spark.requests.cpu_millis;
  c.requests.has_cpu = true;
  c.requests.memory_bytes = spark.requests.memory_bytes;
  c.requests.has_memory = true;
  c.limits.memory_bytes = spark.limits.memory_bytes;
  c.limits.has_memory = true;
  if (spark.limits.has_cpu) {
    c.limits.cpu_millis = spark.limits.cpu_millis;
    c.limits.has_cpu = true;
  }
  for (const auto& [k, v] : spark.limits.extended) c.limits.extended[k] = v;
  for (const auto& [k, f] : spark.from) c.from[k] = f;
  return c;
}

/// A pod's container list after the API server's defaulting
/// (SetDefaults_Pod): a resource with a limit and no request is requested at
/// its limit.
void DefaultRequests(ContainerPlan* c) {
  auto note = [&](const std::string& key) {
    auto it = c->from.find("limits." + key);
    c->from["requests." + key] =
        From{"= limits." + key + " (Kubernetes requests a limit that has no request)", it == c->from.end() ? Location{} : it->second.loc};
  };
  if (c->limits.has_cpu && !c->requests.has_cpu) {
    c->requests.cpu_millis = c->limits.cpu_millis;
    c->requests.has_cpu = true;
    note("cpu");
  }
  if (c->limits.has_memory && !c->requests.has_memory) {
    c->requests.memory_bytes = c->limits.memory_bytes;
    c->requests.has_memory = true;
    note("memory");
  }
  if (c->limits.has_ephemeral_storage && !c->requests.has_ephemeral_storage) {
    c->requests.ephemeral_storage_bytes = c->limits.ephemeral_storage_bytes;
    c->requests.has_ephemeral_storage = true;
    note("ephemeral-storage");
  }
  for (const auto& [k, v] : c->limits.extended) {
    if (!c->requests.extended.count(k)) {
      c->requests.extended[k] = v;
      note(k);
    }
  }
}

void Adjust(ContainerPlan* c, const std::string& role, const std::vector<SidecarAdjustment>& adjustments, bool* removed) {
  for (const SidecarAdjustment& a : adjustments) {
    if (!a.role.empty() && a.role != role) continue;
    if (a.remove) {
      *removed = true;
      return;
    }
    std::string kind = a.key.substr(0, a.key.find('.'));
    std::string res = a.key.substr(a.key.find('.') + 1);
    ResourceList* list = kind == "limits" ? &c->limits : &c->requests;
    SetQuantity(list, res, Quantity{a.value, a.from.loc});
    c->from[a.key] = a.from;
  }
}

ResourceList Max(const ResourceList& a, const ResourceList& b) {
  ResourceList m = a;
  m.cpu_millis = std::max(a.cpu_millis, b.cpu_millis);
  m.has_cpu = a.has_cpu || b.has_cpu;
  m.memory_bytes = std::max(a.memory_bytes, b.memory_bytes);
  m.has_memory = a.has_memory || b.has_memory;
  m.ephemeral_storage_bytes = std::max(a.ephemeral_storage_bytes, b.ephemeral_storage_bytes);
  m.has_ephemeral_storage = a.has_ephemeral_storage || b.has_ephemeral_storage;
  for (const auto& [k, v] : b.extended) m.extended[k] = std::max(m.extended[k], v);
  return m;
}

}  // namespace

std::vector<ContainerPlan> MergePodTemplates(const std::vector<PodTemplateDoc>& templates, const std::string& role,
                                             const std::string& container_name, const ContainerPlan& spark,
                                             const std::vector<SidecarAdjustment>& adjustments) {
  std::vector<TemplateContainer> merged;
  for (const PodTemplateDoc& t : templates) Collect(t, &merged);
  // KubernetesUtils.selectSparkContainer: the one container with the
  // configured name, else the first; none: Spark builds one from nothing.
  int chosen = -1;
  int first = -1, named = -1, matches = 0;
  for (size_t i = 0; i < merged.size(); ++i) {
    if (merged[i].init) continue;
    if (first < 0) first = static_cast<int>(i);
    if (!container_name.empty() && merged[i].name == container_name) {
      named = static_cast<int>(i);
      ++matches;
    }
  }
  chosen = matches == 1 ? named : first;
  std::vector<ContainerPlan> out;
  ContainerPlan base;
  if (chosen >= 0) base = ToPlan(merged[chosen]);
  out.push_back(LayOver(base, spark, role));
  std::vector<ContainerPlan> inits;
  for (size_t i = 0; i < merged.size(); ++i) {
    if (static_cast<int>(i) == chosen) continue;
    ContainerPlan c = ToPlan(merged[i]);
    bool removed = false;
    if (c.origin == "emr") Adjust(&c, role, adjustments, &removed);
    if (removed) continue;
    (c.init ? inits : out).push_back(std::move(c));
  }
  for (ContainerPlan& c : inits) out.push_back(std::move(c));
  for (ContainerPlan& c : out) DefaultRequests(&c);
  return out;
}

void SumPod(PodRolePlan* plan) {
  ResourceList running, limits, sidecars_so_far, init_peak;
  bool cpu_unbounded = false, memory_unbounded = false;
  for (const ContainerPlan& c : plan->containers) {
    if (c.init && !c.sidecar) {
      init_peak = Max(init_peak, Add(c.requests, sidecars_so_far));
      continue;
    }
    running = Add(running, c.requests);
    limits = Add(limits, c.limits);
    cpu_unbounded |= !c.limits.has_cpu;
    memory_unbounded |= !c.limits.has_memory;
    if (c.sidecar) sidecars_so_far = Add(sidecars_so_far, c.requests);
  }
  plan->total_requests = Max(running, init_peak);
  plan->total_limits = limits;
  plan->cpu_limit_unbounded = cpu_unbounded;
  plan->memory_limit_unbounded = memory_unbounded;
}

}  // namespace sparkmc
