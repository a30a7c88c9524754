// sparkSubmitParameters: split like a shell, then read the way spark-submit
// reads its command line (SparkSubmitOptionParser + SparkSubmit's assigners).
#ifndef SPARKMC_MODEL_SUBMIT_ARGS_H_
#define SPARKMC_MODEL_SUBMIT_ARGS_H_

#include <string>
#include <vector>

#include "compiler/model/job.h"

namespace sparkmc {

/// Splits \a text into words as a POSIX shell would (blanks separate; single
/// quotes are literal; double quotes and backslashes escape). \a start is the
/// position of the first character of \a text; token positions count from it.
/// Throws InputError for an unterminated quote.
std::vector<SubmitToken> SplitSubmitParameters(const std::string& text, const Location& start);

/// The properties the tokens set, in order. A dedicated flag (--executor-memory)
/// becomes its property with `flag` naming it. Throws InputError for an
/// unknown option, a missing value, `--conf` without '=', or a stray argument.
/// With \a spark_sql (sparkSqlParameters), spark-sql's own options (-hivevar,
/// -hiveconf, -e, ...) are accepted too.
std::vector<Property> ParseSubmitTokens(const std::vector<SubmitToken>& tokens, bool spark_sql = false);

/// The property spark-submit finally uses for each key: a dedicated flag beats
/// --conf whatever the order, else the last --conf wins.
std::vector<Property> EffectiveSubmitProperties(const std::vector<Property>& props);

/// Quotes \a word for a POSIX shell so that it survives any content.
std::string ShellQuote(const std::string& word);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_SUBMIT_ARGS_H_
