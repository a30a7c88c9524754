// spark-defaults.conf: whatever key/value pairs the writer accepts, Java's
// Properties.load (as ReadProperties implements it) must read back exactly.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "compiler/emit/properties.h"

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
  std::string written;
  try {
    written = WriteProperties(props);
  } catch (const std::invalid_argument&) {
    // Refused: each refused pair must be one UnsafeConfigChar flags, or an empty key.
    bool explained = false;
    for (const auto& [k, v] : props) {
      explained |= k.empty() || !UnsafeConfigChar(k).empty() || !UnsafeConfigChar(v).empty();
    }
    if (!explained) __builtin_trap();
    return 0;
  }
  // Java trims trailing whitespace of values only through escapes we write;
  // what we wrote must come back identical.
  PropertyList back = ReadProperties(written);
  if (back != props) __builtin_trap();
  // And reading arbitrary text never crashes.
  try {
    ReadProperties(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
