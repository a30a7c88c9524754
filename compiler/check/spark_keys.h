// Spark's known configuration keys (compiler/data/spark/spark-config-keys.tsv)
// and how Spark parses each type of value.
#ifndef SPARKMC_CHECK_SPARK_KEYS_H_
#define SPARKMC_CHECK_SPARK_KEYS_H_

#include <string>

#include "compiler/base/quantity.h"
#include <vector>

namespace sparkmc {

struct SparkKey {
  std::string key;
  std::string type;     ///< boolean, int, long, double, string, enum, bytes, time, regex, list<...>
  std::string default_value;
  std::string since;
  std::string deprecated_by;
  std::string unit;     ///< For bytes and time without a suffix.
  std::vector<std::string> allowed_values;
  std::string status;   ///< active, deprecated, deprecated-alias, removed, removed-by-3.5, pattern
};

/// The row for \a key: an exact key, or a pattern row such as
/// spark.kubernetes.driver.label.<name>. Null if Spark does not know it.
const SparkKey* FindSparkKey(const std::string& key);

/// Every literal key, for "did you mean".
const std::vector<std::string>& SparkKeyNames();

/// DidYouMean(key, SparkKeyNames()): ", did you mean 'x'?" or "". Kept per
/// key (bounded): the same misspelling recurs across a repository's jobs,
/// and each costs a pass over Spark's keys.
std::string SparkKeySuggestion(const std::string& key);

/// Why \a value is not a valid value of \a key's type as Spark parses it
/// (JavaUtils.byteStringAs, timeStringAs, toBoolean, checkValues), or "".
std::string InvalidSparkValue(const SparkKey& key, const std::string& value);


}  // namespace sparkmc

#endif  // SPARKMC_CHECK_SPARK_KEYS_H_
