#include "compiler/check/kind_util.h"

#include <cctype>
#include <regex>

#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

const Job* JobOf(const LintSubject& s) { return s.loaded && s.loaded->job ? &*s.loaded->job : nullptr; }

Finding At(const Location& loc, std::string message, std::string pointer) {
  Finding f;
  f.loc = loc;
  f.message = std::move(message);
  f.pointer = std::move(pointer);
  return f;
}

Location NodeLoc(const PodTemplateInput& t, const Node& n) { return Location{t.source->path, n.line, n.column}; }

void CollectUser(const std::vector<Configuration>& list, std::vector<const Property*>* out) {
  for (const Configuration& c : list) {
    if (c.classification.value == "spark-defaults") {
      for (const Property& p : c.properties) out->push_back(&p);
    }
    CollectUser(c.configurations, out);
  }
}

/// Every Spark property the user wrote: spark-defaults classifications, then
/// sparkSubmitParameters, in file order.
std::vector<const Property*> UserProperties(const Job& job) {
  std::vector<const Property*> out;
  CollectUser(job.application_configuration, &out);
  for (const Property& p : job.submit_properties) out.push_back(&p);
  return out;
}

/// The user's value that Spark ends up with for \a key, by spark-submit's
/// precedence (flag > --conf > spark-defaults.conf), or null.
const Property* Winning(const Job& job, const std::string& key) {
  const Property* best = nullptr;
  for (const Property* p : UserProperties(job)) {
    if (p->key != key) continue;
    if (!best) { best = p; continue; }
    bool p_submit = p->origin == Origin::kSparkSubmitParameters;
    bool b_submit = best->origin == Origin::kSparkSubmitParameters;
    if (p_submit && !b_submit) best = p;
    else if (p_submit == b_submit) {
      bool p_flag = p->flag != "--conf" && p_submit;
      bool b_flag = best->flag != "--conf" && b_submit;
      if (p_flag || !b_flag) best = p;
    }
  }
  return best;
}

/// The value Spark sees: the user's, else EMR's default, else "".
std::string Effective(const LintSubject& s, const std::string& key) {
  const Job* job = JobOf(s);
  if (const Property* p = Winning(*job, key)) return p->value;
  for (const Property& p : s.emr_defaults) {
    if (p.key == key) return p.value;
  }
  return "";
}

std::string Describe(const Property& p) {
  if (p.origin == Origin::kSparkSubmitParameters) {
    return p.flag == "--conf" ? "--conf in sparkSubmitParameters" : p.flag + " in sparkSubmitParameters";
  }
  return "the " + p.classification + " classification";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> Strings(const nlohmann::json& params, const char* key) {
  std::vector<std::string> out;
  if (params.contains(key) && params[key].is_array()) {
    for (const auto& v : params[key]) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string l(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (!l.empty() && l[0] != '#') out.push_back(l);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

/// The main (Spark) container of a template: the one with the expected name,
/// else the first, as Spark selects it.
const Node* MainContainer(const Node& spec, const std::string& name) {
  const Node* containers = spec.Find("containers");
  if (!containers || !containers->IsSequence() || containers->items.empty()) return nullptr;
  for (const Node& c : containers->items) {
    const Node* n = c.Find("name");
    if (n && n->value == name) return &c;
  }
  return &containers->items.front();
}

/// The Spark version EMR's release ships ("3.3.0-amzn-0"), from
/// compiler/data/oss/emr-spark-versions.tsv; "" when the label is unknown.
std::string SparkVersionOf(const Job& job) {
  const std::string& label = job.release_label.value;
  if (label.rfind("emr-", 0) != 0) return "";
  size_t dot = label.find('.', 4);
  size_t dot2 = dot == std::string::npos ? dot : label.find('.', dot + 1);
  if (dot2 == std::string::npos) return "";
  std::string minor = label.substr(4, dot2 - 4);
  for (const auto& cols : EmbeddedTable("compiler/data/oss/emr-spark-versions.tsv")) {
    if (cols.size() >= 2 && cols[0] == minor) return cols[1];
  }
  return "";
}

/// Compares dotted versions numerically ("3.10" > "3.4"); suffixes ignored.
bool VersionAtLeast(const std::string& version, const std::string& floor) {
  auto parts = [](const std::string& v) {
    std::vector<int> out;
    size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
      int n = 0;
      while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) n = n * 10 + (v[i++] - '0');
      out.push_back(n);
      if (i < v.size() && v[i] == '.') ++i;
    }
    return out;
  };
  return !version.empty() && parts(version) >= parts(floor);
}

/// A Kubernetes memory quantity in MiB, or -1.
long long QuantityMiB(const std::string& q) {
  size_t digits = q.find_first_not_of("0123456789");
  if (digits == 0 || (digits != std::string::npos && digits > 15) || (digits == std::string::npos && q.size() > 15)) return -1;
  std::string u = digits == std::string::npos ? "" : q.substr(digits);
  static const char* const kUnits[] = {"", "Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"};
  if (std::find(std::begin(kUnits), std::end(kUnits), u) == std::end(kUnits)) return -1;
  long double n = std::stold(q.substr(0, digits));
  long double bytes = u == "Ki" ? n * 1024 : u == "Mi" ? n * 1048576 : u == "Gi" ? n * 1073741824.0L
                    : u == "Ti" ? n * 1099511627776.0L : u == "k" ? n * 1e3 : u == "M" ? n * 1e6
                    : u == "G" ? n * 1e9 : u == "T" ? n * 1e12 : n;
  return static_cast<long long>(bytes / 1048576);
}

}  // namespace sparkmc::kinds
