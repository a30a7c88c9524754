// The requires kind: a property value that needs another setting.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/plan/fit.h"
#include "compiler/check/injection.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/model/release_facts.h"
#include "compiler/emit/emr_facts.h"

namespace sparkmc::kinds {

namespace {

struct RequiresParams {
  KeyValue when;
  std::vector<KeyValue> any_of;
  std::optional<std::string> because;
  static std::vector<ParamField> Fields() {
    return {Param<&RequiresParams::when>("when", kRequired, "the setting that needs another: `{key, value}`, "
                                                            "compared with the user's value that wins, ignoring case"),
            Param<&RequiresParams::any_of>("anyOf", kRequired,
                                           "the settings of which one must hold, as effective values (EMR's defaults "
                                           "included); `defaultSince`: the Spark version from which an unset key has "
                                           "that value"),
            Param<&RequiresParams::because>("because", kOptional, "why, appended to the message")};
  }
};

class RequiresCheck : public KindCheck<RequiresParams> {
 public:
  explicit RequiresCheck(Params p) : KindCheck(std::move(p)) {
    for (const KeyValue& alt : p_.any_of) alternatives_ += (alternatives_.empty() ? "" : " or ") + alt.key + "=" + alt.value;
    if (p_.because) alternatives_ += ": " + *p_.because;
  }

  void Check(const LintSubject& s, std::vector<Finding>* out) const override {
    const Job* job = JobOf(s);
    if (!job) return;
    const Property* trigger = Winning(*job, p_.when.key);
    if (!trigger || Lower(trigger->value) != Lower(p_.when.value)) return;
    for (const KeyValue& alt : p_.any_of) {
      std::string value = Effective(s, alt.key);
      if (Lower(value) == Lower(alt.value)) return;
      // Unset, but the release's Spark defaults it to the wanted value
      // (shuffle tracking is on by default from Spark 3.4).
      if (value.empty() && !alt.default_since.empty() && VersionAtLeast(SparkVersionOf(*job), alt.default_since)) return;
    }
    out->push_back(At(trigger->loc, fmt::format("{}={} needs {}", p_.when.key, trigger->value, alternatives_)));
  }

 private:
  std::string alternatives_;  ///< "k=v or k2=v2: because", once.
};

}  // namespace

RuleKind RequiresKind() { return MakeRuleKind<RequiresCheck>("requires", "a property value that needs another setting"); }

}  // namespace sparkmc::kinds
