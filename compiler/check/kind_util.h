// Helpers shared by the rule kinds (kinds_*.cc): what the user wrote, what
// Spark ends up with, and where to point.
#ifndef SPARKMC_CHECK_KIND_UTIL_H_
#define SPARKMC_CHECK_KIND_UTIL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/quantity.h"
#include "compiler/base/text.h"
#include "compiler/check/rules.h"
#include "compiler/model/release_label.h"

namespace sparkmc::kinds {

const Job* JobOf(const LintSubject& s);
Finding At(const Location& loc, std::string message, std::string pointer = "");
Location NodeLoc(const PodTemplateInput& t, const Node& n);
void CollectUser(const std::vector<Configuration>& list, std::vector<const Property*>* out);
/// Every Spark property the user wrote: spark-defaults classifications, then
/// sparkSubmitParameters, in file order. Never EMR's defaults.
std::vector<const Property*> UserProperties(const Job& job);
/// The user's value that Spark ends up with for \a key, by spark-submit's
/// precedence (flag > --conf > spark-defaults.conf), or null.
const Property* Winning(const Job& job, const std::string& key);
/// The same among \a props, all set for one key (in file order).
const Property* Winning(const std::vector<const Property*>& props);
/// The value Spark sees: the user's, else EMR's default, else "".
std::string Effective(const LintSubject& s, const std::string& key);
/// "--conf in sparkSubmitParameters", "the spark-defaults classification", ...
std::string Describe(const Property& p);
/// Non-comment lines of an embedded data file.
std::vector<std::string> Lines(std::string_view text);
/// The main (Spark) container of a template: the one with the expected name,
/// else (\a first_fallback) the first, as open-source Spark selects it. EMR
/// on EKS finds it by name only: without \a first_fallback a template whose
/// containers all have other names has no main container (they are sidecars).
const Node* MainContainer(const Node& spec, const std::string& name, bool first_fallback = true);
/// Whether \a s is linted for an open-source target (spark-operator,
/// spark-submit), where Spark's own rules apply instead of EMR's.
bool OpenSourceTarget(const LintSubject& s);
/// The Spark version EMR's release ships ("3.3.0-amzn-0"); "" when unknown.
std::string SparkVersionOf(const Job& job);

/// A kind whose check is class \a C: `C::Params` is its parameter struct,
/// with `static std::vector<ParamField> Fields()` (its one table of fields),
/// and `C(Params)` instantiates it (precomputing what the params allow).
template <class C>
RuleKind MakeRuleKind(const char* name, const char* description, const char* params_note = "") {
  return RuleKind{name, description, C::Params::Fields(), params_note,
                  [](const RuleKind& kind, const Node* params, const Location& at) -> std::shared_ptr<const RuleCheck> {
                    typename C::Params p;
                    ParseParams(kind.name, kind.fields, params, at, &p);
                    return std::make_shared<const C>(std::move(p));
                  }};
}

/// The parameters of a kind that takes none.
struct NoParams {
  static std::vector<ParamField> Fields() { return {}; }
};

/// The base of a kind's check class: the rule's parameters, parsed once,
/// as p_. A check that precomputes more declares its own constructor.
template <class P>
class KindCheck : public RuleCheck {
 public:
  using Params = P;
  explicit KindCheck(P params) : p_(std::move(params)) {}

 protected:
  P p_;
};

// The kinds, one factory each, registered in kinds.cc (see each for what it does).
RuleKind SchemaKind();
RuleKind InjectionKind();
RuleKind MonitoringKind();
RuleKind RequiresKind();
RuleKind MemoryLimitKind();
RuleKind NonSparkKeyKind();
RuleKind ForbiddenKeyKind();
RuleKind UnknownKeyKind();
RuleKind DeprecatedKeyKind();
RuleKind ValueKind();
RuleKind ConflictKind();
RuleKind PodAllowlistKind();
RuleKind InsecureKind();
RuleKind ImageTagKind();
RuleKind ReleaseKind();
RuleKind OssTargetKind();

}  // namespace sparkmc::kinds

#endif  // SPARKMC_CHECK_KIND_UTIL_H_
