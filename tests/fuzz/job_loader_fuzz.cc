// Any bytes as a job file: the loader, schema check, model, rules and every
// target must either accept them or throw InputError; never crash, hang,
// leak or throw anything else (any other exception escapes, and libFuzzer
// reports it as a crash). What compile emits must read back: the manifest
// stream through sparkmc's YAML loader as exactly the objects emitted, each
// ConfigMap's spark-defaults.conf through ReadProperties as exactly what
// WriteProperties wrote, and each pod template it embeds as YAML.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/rules.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/output.h"
#include "compiler/emit/properties.h"
#include "compiler/load/json_view.h"

namespace {

using sparkmc::Manifest;

/// Traps unless \a manifests read back as themselves.
void CheckReadsBack(const std::vector<Manifest>& manifests) {
  using namespace sparkmc;
  std::string stream = ManifestStream(manifests);
  std::vector<Node> docs;
  try {
    docs = ParseDocuments(SourceFile{"out.yaml", stream});
  } catch (const InputError&) {
    __builtin_trap();  // sparkmc wrote YAML its own loader refuses
  }
  if (docs.size() != manifests.size()) __builtin_trap();
  for (size_t i = 0; i < docs.size(); ++i) {
    if (ToOrderedJson(docs[i]) != manifests[i].object) __builtin_trap();
    const auto& object = manifests[i].object;
    if (!object.contains("kind") || object["kind"] != "ConfigMap" || !object.contains("data")) continue;
    for (auto it = object["data"].begin(); it != object["data"].end(); ++it) {
      if (!it.value().is_string()) __builtin_trap();
      const std::string& text = it.value().get_ref<const std::string&>();
      const std::string& name = it.key();
      if (name == "spark-defaults.conf") {
        // Exactly what WriteProperties writes: one line per property, read
        // back as written (std::invalid_argument here escapes: a crash).
        PropertyList props = ReadProperties(text);
        if (WriteProperties(props) != text) __builtin_trap();
      } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) {
        try {
          ParseDocuments(SourceFile{name, text});
        } catch (const InputError&) {
          __builtin_trap();  // an embedded pod template that does not parse
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  auto source = std::make_shared<SourceFile>(SourceFile{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)});
  std::vector<LoadedJob> jobs;
  try {
    LoadOptions options;
    options.limits.max_nodes = 20000;
    jobs = LoadJobs(source, options);
  } catch (const InputError&) {
    return 0;
  }
  LoadOptions load;
  for (LoadedJob& lj : jobs) {
    // As lint does, for EMR on EKS and for what an open-source target drops.
    for (const char* target : {"emr-eks", "spark-operator"}) {
      LintSubject subject;
      subject.loaded = &lj;
      subject.ctx = LintContext(lj, ProjectConfig{});
      subject.target = target;
      RunRules(BuiltinRules(), subject, ProjectConfig{});
    }
    if (!lj.job) continue;
    // As compile does: a job with a problem is refused, not compiled.
    InputError problem(Location{}, "");
    if (FirstProblem(lj, &problem)) continue;
    ContextFlags flags;
    flags.namespace_ = "ns";
    flags.region = "us-east-1";
    flags.job_id = "0000000000000000001";
    flags.virtual_cluster_id = "abcdefghij0123456789klmno";
    flags.execution_role_arn = "arn:aws:iam::123456789012:role/fuzz";
    try {
      ResolveAckReferences(&lj, flags, ProjectConfig{});
    } catch (const InputError&) {
      continue;
    }
    try {
      CheckReadsBack(Compile(lj, EmrContext{"ns", "us-east-1", "0000000000000000001"}));
    } catch (const InputError&) {
    }
    // The open-source targets, with the context compile resolves (which
    // refuses what they cannot map, such as an unknown release label).
    for (const char* target : {"spark-operator", "spark-submit"}) {
      try {
        OssContext ctx = ResolveOssContext(lj, flags, "apache/spark:3.5.1", ProjectConfig{}, load);
        CheckReadsBack(CompileOss(lj, target, ctx));
      } catch (const InputError&) {
      }
    }
  }
  return 0;
}
