// Build-time helper: converts a YAML data file (a rule declaration) into JSON,
// an array of its documents, so the binary parses rules with nlohmann::json at
// start-up instead of yaml-cpp, which costs ten times more. Each document is
// {"doc": ..., "at": [[line, column], ...]}: the positions let an error in a
// built-in rule still name its line in rules/<id>.yaml.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s IN.yaml OUT.json\n", argv[0]);
    return 2;
  }
  try {
    sparkmc::SourceFile src = sparkmc::ReadSourceFile(argv[1], 1 << 20);
    nlohmann::json docs = nlohmann::json::array();
    for (const sparkmc::Node& doc : sparkmc::ParseDocuments(src)) docs.push_back({{"doc", sparkmc::ToJson(doc)}, {"at", sparkmc::PositionsOf(doc)}});
    std::ofstream out(argv[2], std::ios::binary);
    out << docs.dump() << "\n";
    return out ? 0 : 1;
  } catch (const sparkmc::InputError& e) {
    std::fputs(sparkmc::FormatError(e, nullptr).c_str(), stderr);
    return 2;
  }
}
