#include "compiler/plan/resources.h"

#include <string>

namespace sparkmc {

ResourceList Add(const ResourceList& a, const ResourceList& b) {
  ResourceList sum;
  sum.cpu_millis = a.cpu_millis + b.cpu_millis;
  sum.has_cpu = a.has_cpu || b.has_cpu;
  sum.memory_bytes = a.memory_bytes + b.memory_bytes;
  sum.has_memory = a.has_memory || b.has_memory;
  sum.ephemeral_storage_bytes = a.ephemeral_storage_bytes + b.ephemeral_storage_bytes;
  sum.has_ephemeral_storage = a.has_ephemeral_storage || b.has_ephemeral_storage;
  sum.extended = a.extended;
  for (const auto& [name, count] : b.extended) sum.extended[name] += count;
  return sum;
}

std::string FormatCpu(int64_t millis) {
  if (millis % 1000 == 0) return std::to_string(millis / 1000);
  return std::to_string(millis) + "m";
}

std::string FormatMemory(int64_t bytes) {
  constexpr int64_t kMiB = 1024 * 1024;
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "Mi";
  return std::to_string(bytes);
}

}  // namespace sparkmc
