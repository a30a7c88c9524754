#include "compiler/data/embedded.h"

#include <cstdio>
#include <cstdlib>

namespace sparkmc {

std::string_view EmbeddedData(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == path) return f.content;
  }
  std::fprintf(stderr, "sparkmc: internal error: no embedded data file '%.*s'\n",
               static_cast<int>(path.size()), path.data());
  std::abort();
}

}  // namespace sparkmc
