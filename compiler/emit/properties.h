// spark-defaults.conf: written so that java.util.Properties.load (which Spark
// uses) reads back exactly the keys and values we mean, and read back the
// same way for checks and tests.
#ifndef SPARKMC_EMIT_PROPERTIES_H_
#define SPARKMC_EMIT_PROPERTIES_H_

#include <string>
#include <utility>
#include <vector>

namespace sparkmc {

using PropertyList = std::vector<std::pair<std::string, std::string>>;

/// Why \a value cannot be written into a properties or fluentd file without
/// changing its meaning (a line break would start a new property), or "".
std::string UnsafeConfigChar(const std::string& value);

/// One `key value` line per entry, escaped as EMR escapes (`/` as `\/`).
/// Throws std::invalid_argument if a key or value fails UnsafeConfigChar:
/// callers check first and report the position.
std::string WriteProperties(const PropertyList& props);

/// Parses \a text as java.util.Properties.load does (comments, continuation
/// lines, `=`/`:`/blank separators, backslash escapes, \uXXXX).
PropertyList ReadProperties(const std::string& text);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_PROPERTIES_H_
