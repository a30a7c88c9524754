// The non-spark-key kind: keys in the spark-defaults classification that
// spark-submit ignores, and where EMR reads them instead.
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

struct NonSparkKeyParams {
  std::map<std::string, std::string> belongs_in;
  static std::vector<ParamField> Fields() {
    return {Param<&NonSparkKeyParams::belongs_in>(
        "belongsIn", kOptional,
        "`{key: classification}`, where EMR reads a key instead; an entry ending in '.' covers every key it starts")};
  }
};

class NonSparkKeyCheck : public KindCheck<NonSparkKeyParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void NonSparkKeyCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  std::vector<const Property*> props;
  CollectUser(job->application_configuration, &props);
  for (const Property* p : props) {
    if (p->key.rfind("spark.", 0) == 0) continue;
    // belongsIn: an exact key, else the longest entry ending in '.' that
    // the key starts with (jobsubmitter.node.selector.<label>).
    std::string where;
    std::string best;
    for (const auto& [key, classification] : p_.belongs_in) {
      bool covers = key == p->key || (!key.empty() && key.back() == '.' && p->key.rfind(key, 0) == 0);
      if (covers && (where.empty() || key == p->key || (best != p->key && key.size() > best.size()))) {
        best = key;
        where = fmt::format("; EMR reads it from the {} classification", classification);
      }
    }
    out->push_back(At(p->loc, fmt::format("'{}' is not a Spark property: spark-submit ignores it in spark-defaults{}", p->key, where)));
  }
}

}  // namespace

RuleKind NonSparkKeyKind() {
  return MakeRuleKind<NonSparkKeyCheck>("non-spark-key", "non-spark.* keys in the spark-defaults classification");
}

}  // namespace sparkmc::kinds
