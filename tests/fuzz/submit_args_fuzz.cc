// sparkSubmitParameters: the shell-style splitter and spark-submit's option
// parser on any text; and quoting: ShellQuote of any word splits back to it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/model/submit_args.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto tokens = SplitSubmitParameters(text, Location{"fuzz", 1, 1});
    auto props = ParseSubmitTokens(tokens);
    EffectiveSubmitProperties(props);
  } catch (const InputError&) {
  }
  // Round trip: a quoted word must split back into exactly that word.
  if (text.find('\0') == std::string::npos) {
    auto back = SplitSubmitParameters(ShellQuote(text), Location{"fuzz", 1, 1});
    if (back.size() != 1 || back[0].text != text) __builtin_trap();
  }
  return 0;
}
