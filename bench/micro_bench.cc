// Micro-benchmarks of the stages on one job (Google Benchmark):
//   build-bench/bench/sparkmc_micro_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "compiler/check/rules.h"
#include "compiler/driver/compile.h"

namespace {

std::shared_ptr<const sparkmc::SourceFile> Example(const char* name) {
  std::string path = std::string(SPARKMC_SOURCE_DIR) + "/examples/" + name;
  return std::make_shared<sparkmc::SourceFile>(sparkmc::ReadSourceFile(path, 1 << 20));
}

void BM_ParseDocuments(benchmark::State& state) {
  auto src = Example("pi-logs.json");
  for (auto _ : state) benchmark::DoNotOptimize(sparkmc::ParseDocuments(*src));
}
BENCHMARK(BM_ParseDocuments);

void BM_LoadJobs(benchmark::State& state) {
  auto src = Example("pi-logs.json");
  for (auto _ : state) benchmark::DoNotOptimize(sparkmc::LoadJobs(src, sparkmc::LoadOptions{}));
}
BENCHMARK(BM_LoadJobs);

void BM_RunRules(benchmark::State& state) {
  auto src = Example("pi-prometheus.json");
  auto jobs = sparkmc::LoadJobs(src, sparkmc::LoadOptions{});
  sparkmc::LintSubject subject;
  subject.loaded = &jobs[0];
  subject.ctx = sparkmc::LintContext(jobs[0], sparkmc::ProjectConfig{});
  for (auto _ : state) {
    benchmark::DoNotOptimize(sparkmc::RunRules(sparkmc::BuiltinRules(), subject, sparkmc::ProjectConfig{}));
  }
}
BENCHMARK(BM_RunRules);

void BM_CompileEmrEks(benchmark::State& state) {
  auto src = Example("pi-logs.json");
  auto jobs = sparkmc::LoadJobs(src, sparkmc::LoadOptions{});
  sparkmc::EmrContext ctx{"emr-cli", "ap-northeast-2", "0000000337p03c0klg8"};
  for (auto _ : state) benchmark::DoNotOptimize(sparkmc::Compile(jobs[0], ctx));
}
BENCHMARK(BM_CompileEmrEks);

}  // namespace

BENCHMARK_MAIN();
