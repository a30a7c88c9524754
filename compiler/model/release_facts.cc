#include "compiler/model/release_facts.h"

#include "compiler/data/embedded.h"

namespace sparkmc {

ReleaseFacts FactsFor(const ReleaseLabel& label) {
  ReleaseFacts f;
  std::string line = label.Line();
  for (const auto& cols : CachedEmbeddedTable("compiler/data/emr/release-facts.tsv")) {
    if (cols.size() < 6 || cols[0] != line) continue;
    f.known = true;
    f.captured = cols[1] == "captured";
    f.basis = cols[2] == "-" ? "" : cols[2];
    f.java = cols[3];
    if (cols[4] != "-") {
      size_t start = 0;
      while (start <= cols[4].size()) {
        size_t comma = cols[4].find(',', start);
        f.applied.insert(cols[4].substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    f.source = cols[5];
    // A variant label (-java17) names its own JDK.
    for (const char* v : {"java8", "java11", "java17", "java21"}) {
      if (label.variant.find(v) != std::string::npos) f.java = std::string(v).substr(4);
    }
  }
  return f;
}

}  // namespace sparkmc
