// The file walk every command over many files starts with: the job files,
// pod templates and job templates under the paths, in one sorted order.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/base/fs.h"
#include "compiler/driver/commands.h"

namespace sparkmc {

namespace {

bool HasJobExtension(const std::string& name) {
  for (const char* ext : {".json", ".yaml", ".yml"}) {
    size_t n = std::char_traits<char>::length(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    fs::Type type = fs::TypeOf(p);
    if (type == fs::Type::kMissing) throw InputError(Location{p, 0, 0}, "no such file or directory");
    if (type == fs::Type::kDirectory || (type == fs::Type::kSymlink && std::filesystem::is_directory(p))) {
      for (std::string& f : fs::Walk(p, [](const std::string& name) {
             return HasJobExtension(name) && name != "kustomization.yaml";
           })) {
        files.push_back(std::move(f));
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace sparkmc
