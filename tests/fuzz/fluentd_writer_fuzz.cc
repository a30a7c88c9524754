// The fluentd config writer: monitoring settings that pass FindInjections
// must never change the config's structure (line count, directives).
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/check/injection.h"
#include "compiler/emit/emr_eks.h"

namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  std::string text(reinterpret_cast<const char*>(data), size);
  // Three fields separated by '\x01': log group, stream prefix, log URI.
  std::string parts[3];
  size_t field = 0;
  for (char c : text) {
    if (c == '\x01' && field < 2) ++field;
    else parts[field] += c;
  }
  Job job;
  job.virtual_cluster_id = Field{"vc0", Location{}, true};
  job.release_label = Field{"emr-6.8.0-latest", Location{}, true};
  job.account_id = "123456789012";
  job.role_name = "role";
  job.monitoring.cloudwatch = true;
  job.monitoring.log_group_name = Field{parts[0].empty() ? "g" : parts[0], Location{}, true};
  job.monitoring.log_stream_name_prefix = Field{parts[1], Location{}, !parts[1].empty()};
  job.monitoring.s3 = true;
  job.monitoring.log_uri = Field{parts[2], Location{}, true};
  if (!FindInjections(job).empty()) return 0;
  EmrContext ctx{"ns", "us-east-1", "0000000000000000001"};
  for (const char* role : {"driver", "executor", "job"}) {
    std::string conf = FluentdConfig(job, ctx, role);
    // The structure is fixed by the templates: count directives.
    if (Count(conf, "<match") != Count(conf, "</match>")) __builtin_trap();
    if (Count(conf, "<worker") != Count(conf, "</worker>")) __builtin_trap();
    if (Count(conf, "#{") != Count(conf, "#{ENV['")) __builtin_trap();
    std::string reference = FluentdConfig(Job(job), ctx, role);
    (void)reference;
  }
  // A user value never adds a line: the config has as many lines as with a
  // plain value in each field.
  Job plain = job;
  plain.monitoring.log_group_name.value = "g";
  plain.monitoring.log_stream_name_prefix.value = "p";
  plain.monitoring.log_stream_name_prefix.set = true;
  plain.monitoring.log_uri.value = "s3://bucket-name/prefix/";
  for (const char* role : {"driver", "executor", "job"}) {
    if (Count(FluentdConfig(job, ctx, role), "\n") != Count(FluentdConfig(plain, ctx, role), "\n")) __builtin_trap();
  }
  return 0;
}
