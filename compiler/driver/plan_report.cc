// `sparkmc plan`'s three formats: JSON (schemas/plan.schema.json), text (a
// table per pod role) and markdown (a pull-request comment). Every number
// is printed with where it came from.
#include <fmt/format.h>

#include <climits>

#include "compiler/base/utf8.h"
#include "compiler/driver/plan_job.h"

namespace sparkmc {

namespace {

nlohmann::ordered_json Quantities(const ResourceList& r) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (r.has_cpu) j["cpu"] = FormatCpu(r.cpu_millis);
  if (r.has_memory) j["memory"] = FormatMemory(r.memory_bytes);
  if (r.has_ephemeral_storage) j["ephemeral-storage"] = FormatMemory(r.ephemeral_storage_bytes);
  for (const auto& [k, v] : r.extended) j[k] = std::to_string(v);
  return j;
}

std::string Where(const Location& l) {
  if (l.file.empty()) return "";
  if (l.line == 0) return l.file;
  return fmt::format("{}:{}:{}", l.file, l.line, l.column);
}

nlohmann::ordered_json FromJson(const From& f) {
  nlohmann::ordered_json j;
  j["text"] = f.text;
  if (!f.loc.file.empty()) {
    j["file"] = f.loc.file;
    if (f.loc.line) {
      j["line"] = f.loc.line;
      j["column"] = f.loc.column;
    }
  }
  return j;
}

std::string FromText(const From& f) {
  std::string w = Where(f.loc);
  return w.empty() ? f.text : f.text + " at " + w;
}

std::string Cell(const ResourceList& r, const std::string& key) {
  if (key == "cpu") return r.has_cpu ? FormatCpu(r.cpu_millis) : "-";
  if (key == "memory") return r.has_memory ? FormatMemory(r.memory_bytes) : "-";
  return "-";
}

/// Other resource keys (ephemeral-storage, extended) as "key=req/lim".
std::string Others(const ResourceList& req, const ResourceList& lim) {
  std::map<std::string, std::pair<std::string, std::string>> keys;
  if (req.has_ephemeral_storage) keys["ephemeral-storage"].first = FormatMemory(req.ephemeral_storage_bytes);
  if (lim.has_ephemeral_storage) keys["ephemeral-storage"].second = FormatMemory(lim.ephemeral_storage_bytes);
  for (const auto& [k, v] : req.extended) keys[k].first = std::to_string(v);
  for (const auto& [k, v] : lim.extended) keys[k].second = std::to_string(v);
  std::string out;
  for (const auto& [k, v] : keys) {
    out += fmt::format("{}{}={}/{}", out.empty() ? "" : " ", k, v.first.empty() ? "-" : v.first,
                       v.second.empty() ? "-" : v.second);
  }
  return out;
}

std::string CountText(const PodRolePlan& p) {
  const PodCount& c = p.count;
  if (!c.dynamic) return fmt::format("x{}", c.count);
  return fmt::format("x{} (dynamic allocation: min {}, initial {}, max {})", c.count, c.min, c.initial,
                     c.max < 0 ? "unbounded" : std::to_string(c.max));
}

std::string LimitCell(const PodRolePlan& p, const std::string& key) {
  bool unbounded = key == "cpu" ? p.cpu_limit_unbounded : p.memory_limit_unbounded;
  return unbounded ? "none" : Cell(p.total_limits, key);
}

bool UnboundedMax(const PlanReport& r) {
  const PodRolePlan* e = r.pods.Role("executor");
  return e && e->count.dynamic && e->count.max < 0;
}

std::string AtMax(const PlanReport& r, const NodeFit& f) {
  return UnboundedMax(r) ? "unbounded" : std::to_string(f.nodes_needed_at_max);
}

}  // namespace

PlanReport FitPlan(std::string file, PodPlan plan, std::vector<NodePool> pools) {
  PlanReport r{std::move(file), std::move(plan), std::move(pools), {}};
  const PodRolePlan* d = r.pods.Role("driver");
  const PodRolePlan* e = r.pods.Role("executor");
  if (!d || !e) return r;
  PodAsk driver{d->total_requests, 1, 1};
  auto clamp = [](int64_t v) { return static_cast<int>(std::min<int64_t>(v, INT_MAX)); };
  PodAsk executor{e->total_requests, clamp(e->count.count), clamp(e->count.max < 0 ? e->count.count : e->count.max)};
  for (const NodePool& pool : r.pools) r.fits.push_back(Fit(driver, executor, pool));
  return r;
}

nlohmann::ordered_json PlanJson(const PlanReport& r) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["file"] = r.file;
  j["target"] = r.pods.target;
  j["spark"] = r.pods.spark_version;
  j["sparkRules"] = r.pods.spark_line;
  j["sparkFrom"] = FromJson(r.pods.spark_version_from);
  j["pods"] = nlohmann::ordered_json::array();
  for (const PodRolePlan& p : r.pods.pods) {
    nlohmann::ordered_json pod;
    pod["role"] = p.role;
    pod["count"] = p.count.count;
    if (p.role == "executor") {
      nlohmann::ordered_json ex;
      ex["dynamicAllocation"] = p.count.dynamic;
      ex["min"] = p.count.min;
      ex["initial"] = p.count.initial;
      if (p.count.max < 0) ex["max"] = nullptr;
      else ex["max"] = p.count.max;
      pod["executors"] = ex;
    }
    nlohmann::ordered_json count_from = nlohmann::ordered_json::object();
    for (const auto& [k, f] : p.count.from) count_from[k] = FromJson(f);
    pod["countFrom"] = count_from;
    pod["containers"] = nlohmann::ordered_json::array();
    for (const ContainerPlan& c : p.containers) {
      nlohmann::ordered_json cj;
      cj["name"] = c.name;
      cj["spark"] = c.spark;
      cj["init"] = c.init;
      if (c.sidecar) cj["sidecar"] = true;
      cj["origin"] = c.origin;
      cj["requests"] = Quantities(c.requests);
      cj["limits"] = Quantities(c.limits);
      nlohmann::ordered_json from = nlohmann::ordered_json::object();
      for (const auto& [k, f] : c.from) from[k] = FromJson(f);
      cj["from"] = from;
      pod["containers"].push_back(cj);
    }
    nlohmann::ordered_json total;
    total["requests"] = Quantities(p.total_requests);
    nlohmann::ordered_json limits = Quantities(p.total_limits);
    if (p.cpu_limit_unbounded) limits.erase("cpu");
    if (p.memory_limit_unbounded) limits.erase("memory");
    total["limits"] = limits;
    pod["total"] = total;
    j["pods"].push_back(pod);
  }
  j["nodes"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.fits.size(); ++i) {
    const NodeFit& f = r.fits[i];
    nlohmann::ordered_json n;
    n["pool"] = r.pools[i].name;
    n["instanceType"] = f.shape.instance_type;
    n["allocatable"] = Quantities(f.shape.allocatable);
    n["maxPods"] = f.shape.max_pods;
    n["source"] = f.shape.source;
    n["driverFits"] = f.driver_fits;
    if (!f.driver_binding.empty()) n["driverBinding"] = f.driver_binding;
    n["executorsPerNode"] = f.executors_per_node;
    n["binding"] = f.binding;
    n["strandedCpuPercent"] = f.stranded_cpu_pct;
    n["strandedMemoryPercent"] = f.stranded_memory_pct;
    n["nodesNeeded"] = f.nodes_needed;
    // Dynamic allocation without maxExecutors: no bound to count nodes for.
    if (UnboundedMax(r)) n["nodesNeededAtMax"] = nullptr;
    else n["nodesNeededAtMax"] = f.nodes_needed_at_max;
    j["nodes"].push_back(n);
  }
  j["notes"] = r.pods.notes;
  return j;
}

std::string PlanText(const PlanReport& r) {
  std::string out = fmt::format("{}: Spark {} (from {}; Spark {} rules), target {}\n", TerminalSafe(r.file),
                                r.pods.spark_version.empty() ? "unknown" : r.pods.spark_version,
                                TerminalSafe(FromText(r.pods.spark_version_from)), r.pods.spark_line, r.pods.target);
  for (const PodRolePlan& p : r.pods.pods) {
    out += fmt::format("\n{} {}\n", p.role, CountText(p));
    out += fmt::format("  {:<28} {:<6} {:>8} {:>8} {:>10} {:>10}  {}\n", "container", "spark", "cpu req", "cpu lim",
                       "mem req", "mem lim", "other (req/lim)");
    for (const ContainerPlan& c : p.containers) {
      std::string name = TerminalSafe(c.name) + (c.init ? (c.sidecar ? " (sidecar)" : " (init)") : "");
      out += fmt::format("  {:<28} {:<6} {:>8} {:>8} {:>10} {:>10}  {}\n", name, c.spark ? "yes" : "no",
                         Cell(c.requests, "cpu"), Cell(c.limits, "cpu"), Cell(c.requests, "memory"),
                         Cell(c.limits, "memory"), Others(c.requests, c.limits));
    }
    out += fmt::format("  {:<28} {:<6} {:>8} {:>8} {:>10} {:>10}  {}\n", "pod total", "", Cell(p.total_requests, "cpu"),
                       LimitCell(p, "cpu"), Cell(p.total_requests, "memory"), LimitCell(p, "memory"),
                       Others(p.total_requests, p.total_limits));
    out += "  from:\n";
    for (const auto& [k, f] : p.count.from) out += fmt::format("    {:<22} {}\n", k, TerminalSafe(FromText(f)));
    for (const ContainerPlan& c : p.containers) {
      for (const auto& [k, f] : c.from) {
        out += fmt::format("    {:<22} {}\n", TerminalSafe(c.name) + " " + k, TerminalSafe(FromText(f)));
      }
    }
  }
  if (!r.fits.empty()) {
    out += "\nnodes\n";
    out += fmt::format("  {:<20} {:>9} {:>10} {:>8} {:<18} {:>10} {:>10} {:>7} {:>7}\n", "pool", "alloc cpu", "alloc mem",
                       "exec/node", "binding", "stranded cpu", "stranded mem", "nodes", "at max");
    for (size_t i = 0; i < r.fits.size(); ++i) {
      const NodeFit& f = r.fits[i];
      out += fmt::format("  {:<20} {:>9} {:>10} {:>8} {:<18} {:>11.1f}% {:>11.1f}% {:>7} {:>7}{}\n", TerminalSafe(r.pools[i].name),
                         Cell(f.shape.allocatable, "cpu"), Cell(f.shape.allocatable, "memory"), f.executors_per_node,
                         f.binding, f.stranded_cpu_pct, f.stranded_memory_pct, f.nodes_needed, AtMax(r, f),
                         f.driver_fits ? "" : "  driver does not fit (" + f.driver_binding + ")");
    }
  }
  if (!r.pods.notes.empty()) {
    out += "\nnotes\n";
    for (const std::string& n : r.pods.notes) out += "  - " + TerminalSafe(n) + "\n";
  }
  return out;
}

std::string PlanMarkdown(const PlanReport& r) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>') o += '\\';
      o += c == '\n' ? ' ' : c;
    }
    return o;
  };
  std::string out = fmt::format("### sparkmc plan: {}\n\nSpark {} ({}), target {}\n", esc(r.file),
                                r.pods.spark_version.empty() ? "unknown" : esc(r.pods.spark_version),
                                esc(FromText(r.pods.spark_version_from)), r.pods.target);
  for (const PodRolePlan& p : r.pods.pods) {
    out += fmt::format("\n#### {} {}\n\n", p.role, esc(CountText(p)));
    out += "| container | spark | cpu request | cpu limit | memory request | memory limit | other (request/limit) |\n";
    out += "|---|---|---:|---:|---:|---:|---|\n";
    for (const ContainerPlan& c : p.containers) {
      out += fmt::format("| {}{} | {} | {} | {} | {} | {} | {} |\n", esc(c.name), c.init ? " (init)" : "", c.spark ? "yes" : "no",
                         Cell(c.requests, "cpu"), Cell(c.limits, "cpu"), Cell(c.requests, "memory"),
                         Cell(c.limits, "memory"), esc(Others(c.requests, c.limits)));
    }
    out += fmt::format("| **pod total** | | {} | {} | {} | {} | {} |\n", Cell(p.total_requests, "cpu"), LimitCell(p, "cpu"),
                       Cell(p.total_requests, "memory"), LimitCell(p, "memory"), esc(Others(p.total_requests, p.total_limits)));
    out += "\n<details><summary>where the numbers come from</summary>\n\n";
    for (const auto& [k, f] : p.count.from) out += fmt::format("- {}: {}\n", k, esc(FromText(f)));
    for (const ContainerPlan& c : p.containers) {
      for (const auto& [k, f] : c.from) out += fmt::format("- {} {}: {}\n", esc(c.name), k, esc(FromText(f)));
    }
    out += "\n</details>\n";
  }
  if (!r.fits.empty()) {
    out += "\n#### nodes\n\n| pool | executors per node | binding | stranded cpu | stranded memory | nodes | nodes at max | driver fits |\n";
    out += "|---|---:|---|---:|---:|---:|---:|---|\n";
    for (size_t i = 0; i < r.fits.size(); ++i) {
      const NodeFit& f = r.fits[i];
      out += fmt::format("| {} | {} | {} | {:.1f}% | {:.1f}% | {} | {} | {} |\n", esc(r.pools[i].name), f.executors_per_node,
                         f.binding, f.stranded_cpu_pct, f.stranded_memory_pct, f.nodes_needed, AtMax(r, f),
                         f.driver_fits ? "yes" : "no (" + f.driver_binding + ")");
    }
  }
  if (!r.pods.notes.empty()) {
    out += "\n";
    for (const std::string& n : r.pods.notes) out += "> " + esc(n) + "\n";
  }
  return out;
}

}  // namespace sparkmc
