#include "compiler/driver/output.h"

#include <cstdio>

#include "compiler/base/fs.h"
#include "compiler/base/utf8.h"
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

int ReportInputError(const InputError& e, const SourceFile* source) {
  std::string text = FormatError(e, source && e.location().file == source->path ? source : nullptr);
  std::fwrite(text.data(), 1, text.size(), stderr);
  return 2;
}

int ReportOutputError(const OutputError& e) {
  std::fprintf(stderr, "%s: error: %s\n", TerminalSafe(e.path()).c_str(), TerminalSafe(e.what()).c_str());
  return 3;
}

}  // namespace sparkmc
