#include "compiler/data/embedded.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

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
  std::string_view text = EmbeddedData(path);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      cols.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(cols));
  }
  return rows;
}

}  // namespace sparkmc
