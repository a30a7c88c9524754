#include "compiler/driver/output.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "compiler/emit/yaml_writer.h"
#include "compiler/load/source.h"

namespace sparkmc {

std::string ManifestStream(const std::vector<Manifest>& manifests) {
  std::string out;
  for (size_t i = 0; i < manifests.size(); ++i) {
    if (i > 0) out += "---\n";
    out += ToYaml(manifests[i].object);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> DirectoryFiles(const std::vector<Manifest>& manifests) {
  std::vector<std::pair<std::string, std::string>> files;
  std::string kustomization =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n";
  for (const Manifest& m : manifests) {
    files.emplace_back(m.file_name, ToYaml(m.object));
    kustomization += "- " + m.file_name + "\n";
  }
  files.emplace_back("kustomization.yaml", kustomization);
  return files;
}

namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& what) {
  throw InputError(Location{path, 0, 0}, what);
}

void RemoveTree(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& f : files) ::unlink((dir + "/" + f.first).c_str());
  ::rmdir(dir.c_str());
}

}  // namespace

void WriteDirectoryAtomically(const std::string& dir_in, const std::vector<std::pair<std::string, std::string>>& files) {
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  struct stat st;
  bool exists = ::lstat(dir.c_str(), &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) Fail(dir, "output directory is a symlink; refusing to write through it");
  if (exists && !S_ISDIR(st.st_mode)) Fail(dir, "output path exists and is not a directory");
  if (exists) {
    if (::access(dir.c_str(), W_OK) != 0) Fail(dir, "output directory is not writable");
    for (const auto& f : files) {
      std::string target = dir + "/" + f.first;
      if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        Fail(target, "output file exists and is not a regular file (a symlink?); refusing to replace it");
      }
    }
  }
  // A fresh directory beside the target, on the same filesystem, so renames are atomic.
  std::string parent = ".";
  std::string base = dir;
  if (size_t slash = dir.rfind('/'); slash != std::string::npos) {
    parent = slash == 0 ? "/" : dir.substr(0, slash);
    base = dir.substr(slash + 1);
  }
  // Create missing parents, as `mkdir -p` would.
  for (size_t i = 1; i <= parent.size(); ++i) {
    if (i == parent.size() || parent[i] == '/') {
      std::string p = parent.substr(0, i);
      if (::lstat(p.c_str(), &st) != 0 && ::mkdir(p.c_str(), 0755) != 0) {
        Fail(dir, fmt::format("cannot create {}: {}", p, std::strerror(errno)));
      }
    }
  }
  std::string tmpl = parent + "/." + base + ".sparkmc-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) Fail(dir, fmt::format("cannot create a directory beside it: {}", std::strerror(errno)));
  std::string tmp(buf.data());
  for (const auto& [name, content] : files) {
    std::string path = tmp + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    if (!out) {
      RemoveTree(tmp, files);
      Fail(dir, fmt::format("cannot write {}", name));
    }
  }
  if (!exists) {
    if (::rename(tmp.c_str(), dir.c_str()) != 0) {
      RemoveTree(tmp, files);
      Fail(dir, fmt::format("cannot create output directory: {}", std::strerror(errno)));
    }
    ::chmod(dir.c_str(), 0755);
    return;
  }
  for (const auto& f : files) {
    std::string from = tmp + "/" + f.first;
    std::string to = dir + "/" + f.first;
    if (::rename(from.c_str(), to.c_str()) != 0) {
      RemoveTree(tmp, files);
      Fail(to, fmt::format("cannot replace file: {}", std::strerror(errno)));
    }
  }
  ::rmdir(tmp.c_str());
}

}  // namespace sparkmc
