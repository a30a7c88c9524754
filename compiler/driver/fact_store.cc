#include "compiler/driver/fact_store.h"

#include <map>
#include <mutex>

#include "compiler/base/fs.h"
#include "compiler/model/imported_facts.h"

namespace sparkmc {

namespace {

constexpr size_t kMaxFactFile = 4 << 20;

}  // namespace

std::shared_ptr<const FactStore> LoadFactStore(const std::string& dir) {
  auto store = std::make_shared<FactStore>();
  store->dir = dir;
  for (const fs::Entry& release : fs::List(dir)) {
    if (release.type != fs::Type::kDirectory || release.name[0] == '.') continue;
    std::string rdir = dir + "/" + release.name;
    for (const fs::Entry& combo : fs::List(rdir)) {
      if (combo.type != fs::Type::kDirectory || combo.name[0] == '.') continue;
      std::string cdir = rdir + "/" + combo.name;
      // Folders without facts.tsv (the golden cases beside the facts) are not facts.
      if (!fs::IsRegularFile(cdir + "/facts.tsv")) continue;
      std::vector<SourceFile> files;
      for (const fs::Entry& f : fs::List(cdir)) {
        if (f.type != fs::Type::kFile || f.name[0] == '.') continue;
        files.push_back(SourceFile{cdir + "/" + f.name, fs::ReadFile(cdir + "/" + f.name, kMaxFactFile)});
      }
      store->imports.push_back(ParseImportedFacts(cdir, files));
      const ImportedFacts& got = store->imports.back();
      if (got.release != release.name || got.combination != combo.name) {
        throw InputError(Location{cdir + "/facts.tsv", 1, 1},
                         "facts.tsv names " + got.release + "/" + got.combination + " but lies in " + release.name +
                             "/" + combo.name);
      }
    }
  }
  return store;
}

namespace {

/// A store read once per run, however many jobs (lint, plan, check) use it.
std::shared_ptr<const FactStore> Cached(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const FactStore>> stores;
  std::lock_guard<std::mutex> lock(mu);
  auto it = stores.find(dir);
  if (it != stores.end()) return it->second;
  std::shared_ptr<const FactStore> store = LoadFactStore(dir);  // an InputError is not cached
  stores.emplace(dir, store);
  return store;
}

}  // namespace

std::shared_ptr<const FactStore> ResolveFactStore(const std::string& facts_flag, const ProjectConfig& config) {
  if (!facts_flag.empty()) return Cached(fs::Lexical(facts_flag));
  if (config.release_facts.empty()) return nullptr;
  std::string dir = fs::Lexical(config.release_facts);
  if (fs::TypeOf(dir) == fs::Type::kMissing) return nullptr;
  return Cached(dir);
}

std::string FactStoreDir(const std::string& into_flag, const ProjectConfig& config) {
  if (!into_flag.empty()) return fs::Lexical(into_flag);
  return config.release_facts.empty() ? "" : fs::Lexical(config.release_facts);
}

}  // namespace sparkmc
