#include "tests/semantic_equal.h"

#include "compiler/check/configmap_diff.h"

namespace sparkmc::test {

Node ParseYamlText(const std::string& text, const std::string& name) {
  SourceFile src{name, text};
  std::vector<Node> docs = ParseDocuments(src);
  return docs.empty() ? Node{} : docs[0];
}

std::string ConfigMapDifference(const Node& expected, const Node& got) {
  // The product's comparison (sparkmc capture verify uses it too).
  std::vector<ConfigMapDiff> diffs = DiffConfigMaps(expected, got);
  return diffs.empty() ? "" : DescribeDiff(diffs[0]);
}

}  // namespace sparkmc::test
