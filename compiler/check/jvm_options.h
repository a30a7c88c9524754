// What a JDK does with a HotSpot option (compiler/data/jvm/removed-options.tsv):
// runs it, runs it with a deprecation warning, ignores it, or refuses to start.
#ifndef SPARKMC_CHECK_JVM_OPTIONS_H_
#define SPARKMC_CHECK_JVM_OPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

namespace sparkmc {

/// One row of the option table.
struct JvmOptionRow {
  std::string option;  ///< "-XX:Name" (any of +Name, -Name, Name=v) or a prefix ("-Xloggc:").
  int deprecated_in = 0;  ///< 0 = never.
  int obsolete_in = 0;
  int expired_in = 0;
  int added_in = 0;
  std::string use_instead;  ///< "" when the JDK offers nothing.
  std::string example;      ///< A complete option, for tests.
  std::string source;
};

enum class JvmOptionState {
  kAccepted,    ///< Works, no word from the JVM.
  kDeprecated,  ///< Works; the JVM warns it is deprecated.
  kObsolete,    ///< The JVM warns and ignores it.
  kRefused,     ///< Unknown to this JDK: "Unrecognized VM option", no JVM (unless IgnoreUnrecognizedVMOptions).
};

struct JvmOptionVerdict {
  JvmOptionState state = JvmOptionState::kAccepted;
  const JvmOptionRow* row = nullptr;  ///< Null when the table has no row for the option.
  /// The JDK the state comes from: deprecated_in, obsolete_in, expired_in,
  /// or added_in (kRefused because the option is newer than the JDK).
  int since = 0;
  bool too_new = false;  ///< kRefused because the JDK predates the option.
};

/// The table, parsed once.
const std::vector<JvmOptionRow>& JvmOptionTable();

/// The row that covers \a option ("-XX:+UseConcMarkSweepGC", "-XX:MaxPermSize=1g",
/// "-Xloggc:/x"), or null.
const JvmOptionRow* FindJvmOption(std::string_view option);

/// What JDK \a java_major does with \a option.
JvmOptionVerdict JudgeJvmOption(std::string_view option, int java_major);

/// The options of a Java options string, as Spark splits one
/// (Utils.splitCommandString: blanks separate; single and double quotes
/// group, a backslash escapes the next character), each with its offset in
/// \a text of its first character.
struct JvmOptionToken {
  std::string text;
  size_t offset = 0;
};
std::vector<JvmOptionToken> SplitJavaOptions(std::string_view text);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_JVM_OPTIONS_H_
