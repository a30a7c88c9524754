#include "compiler/driver/output.h"

#include "compiler/base/fs.h"
#include "compiler/emit/yaml_writer.h"

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

void WriteDirectoryAtomically(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::ReplaceDirectory(dir, files);
}

}  // namespace sparkmc
