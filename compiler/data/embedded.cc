#include "compiler/data/embedded.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "compiler/base/text.h"

namespace sparkmc {

bool HasEmbeddedData(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == path) return true;
  }
  return false;
}

std::string_view EmbeddedData(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == path) return f.content;
  }
  std::fprintf(stderr, "sparkmc: internal error: no embedded data file '%.*s'\n",
               static_cast<int>(path.size()), path.data());
  std::abort();
}

const std::vector<std::vector<std::string>>& CachedEmbeddedTable(std::string_view path) {
  static std::mutex mu;
  static std::map<std::string, std::vector<std::vector<std::string>>, std::less<>> tables;
  std::lock_guard<std::mutex> lock(mu);
  auto it = tables.find(path);
  if (it == tables.end()) it = tables.emplace(std::string(path), EmbeddedTable(path)).first;
  return it->second;  // std::map never moves its values
}

std::vector<std::vector<std::string>> EmbeddedTable(std::string_view path) {
  std::vector<std::vector<std::string>> rows;
  for (std::string_view line : DataLines(EmbeddedData(path))) {
    std::vector<std::string_view> cols = SplitTabs(line);
    rows.emplace_back(cols.begin(), cols.end());
  }
  return rows;
}

}  // namespace sparkmc
