// Any bytes as a job file: the loader, schema check and model must either
// accept them or throw InputError; never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "compiler/check/rules.h"
#include "compiler/driver/compile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  auto source = std::make_shared<SourceFile>(SourceFile{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)});
  try {
    LoadOptions options;
    options.limits.max_nodes = 20000;
    std::vector<LoadedJob> jobs = LoadJobs(source, options);
    for (const LoadedJob& lj : jobs) {
      LintSubject subject;
      subject.loaded = &lj;
      subject.ctx = LintContext(lj, ProjectConfig{});
      RunRules(BuiltinRules(), subject, ProjectConfig{});
      if (!lj.job) continue;
      try {
        Compile(lj, EmrContext{"ns", "us-east-1", "0000000000000000001"});
      } catch (const InputError&) {
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
