#include "compiler/check/kind_util.h"
#include "compiler/base/text.h"
#include "compiler/model/release_label.h"

#include <cctype>

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
  std::vector<const Property*> same;
  for (const Property* p : UserProperties(job)) {
    if (p->key == key) same.push_back(p);
  }
  return Winning(same);
}

const Property* Winning(const std::vector<const Property*>& props) {
  const Property* best = nullptr;
  for (const Property* p : props) {
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

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string_view> lines = DataLines(text);
  return {lines.begin(), lines.end()};
}

const Node* MainContainer(const Node& spec, const std::string& name, bool first_fallback) {
  const Node* containers = spec.Find("containers");
  if (!containers || !containers->IsSequence() || containers->items.empty()) return nullptr;
  for (const Node& c : containers->items) {
    const Node* n = c.Find("name");
    if (n && n->value == name) return &c;
  }
  return first_fallback ? &containers->items.front() : nullptr;
}

bool OpenSourceTarget(const LintSubject& s) { return s.target == "spark-operator" || s.target == "spark-submit"; }

std::string SparkVersionOf(const Job& job) {
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  return label ? SparkVersionOfRelease(*label) : "";
}


}  // namespace sparkmc::kinds
