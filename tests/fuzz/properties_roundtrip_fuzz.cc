// spark-defaults.conf: whatever key/value pairs the writer accepts, Java's
// Properties.load (as ReadProperties implements it; tests/properties_java_test.cc
// holds ReadProperties to the real one) must read back exactly, one line per
// property. The writer refuses (std::invalid_argument, its documented
// contract) only what UnsafeConfigChar flags or an empty key; the reader
// throws only std::invalid_argument (Java's "Malformed \uxxxx encoding").
// Any other exception escapes: libFuzzer reports it as a crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "compiler/emit/properties.h"

namespace {

using sparkmc::PropertyList;

bool Writable(const PropertyList& props) {
  for (const auto& [k, v] : props) {
    if (k.empty() || !sparkmc::UnsafeConfigChar(k).empty() || !sparkmc::UnsafeConfigChar(v).empty()) return false;
  }
  return true;
}

/// Writes \a props and traps unless they read back exactly.
void RoundTrip(const PropertyList& props) {
  using namespace sparkmc;
  std::string written;
  try {
    written = WriteProperties(props);
  } catch (const std::invalid_argument&) {
    if (Writable(props)) __builtin_trap();  // refused something it can write
    return;
  }
  if (!Writable(props)) __builtin_trap();  // wrote something it must refuse
  size_t lines = 0;
  for (char c : written) lines += c == '\n';
  if (lines != props.size()) __builtin_trap();
  if (ReadProperties(written) != props) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  std::string text(reinterpret_cast<const char*>(data), size);
  // Input format: pairs separated by '\x01', key and value by '\x02'.
  PropertyList props;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\x01', start);
    std::string pair = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t sep = pair.find('\x02');
    if (sep != std::string::npos) props.emplace_back(pair.substr(0, sep), pair.substr(sep + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  RoundTrip(props);
  // The same bytes as a properties file: reading never crashes, and what it
  // reads, written again, reads back the same.
  PropertyList read;
  try {
    read = ReadProperties(text);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  if (Writable(read)) RoundTrip(read);
  return 0;
}
