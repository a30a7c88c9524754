// How much sparkmc knows of a job's EMR release, and from where
// (compiler/data/emr/release-facts.tsv): captured, or derived from another
// release line, with the partial-capture facts that replace derived ones.
#ifndef SPARKMC_MODEL_RELEASE_FACTS_H_
#define SPARKMC_MODEL_RELEASE_FACTS_H_

#include <set>
#include <string>

#include "compiler/model/release_label.h"

namespace sparkmc {

struct ReleaseFacts {
  bool known = false;       ///< The line is in the table.
  bool captured = false;    ///< Every generated file matches a capture.
  std::string basis;        ///< For derived facts: the line they come from ("6.8").
  std::string java;         ///< The JDK major version ("8", "17").
  std::set<std::string> applied;  ///< Partial-capture facts (template flags).
  std::string source;       ///< Where the row comes from.
};

/// The facts row for \a label's release line; known = false when none.
ReleaseFacts FactsFor(const ReleaseLabel& label);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_RELEASE_FACTS_H_
