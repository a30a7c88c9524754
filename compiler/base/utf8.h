// UTF-8 for everything sparkmc prints or writes: terminals must not run
// escape sequences a job file carries, reports must stay valid JSON/SARIF
// whatever bytes a file name holds, and generated files must not carry line
// or control characters that a reader (kubectl, Ruby, java.util.Properties)
// takes for structure.
#ifndef SPARKMC_BASE_UTF8_H_
#define SPARKMC_BASE_UTF8_H_

#include <string>
#include <string_view>

namespace sparkmc {

/// The code point at \a s[*i] (advancing *i), or -1 for an invalid byte
/// (advancing one byte): overlong forms, surrogates and values past U+10FFFF
/// are invalid.
long DecodeUtf8(std::string_view s, size_t* i);

bool IsValidUtf8(std::string_view s);

/// \a s with every byte that is not valid UTF-8 written as "\xNN", so it can
/// go into JSON (nlohmann's dump throws on invalid UTF-8).
std::string EscapeInvalidUtf8(std::string_view s);

/// \a s safe to print on one terminal line: control characters (C0, DEL and
/// C1, so ESC and CSI sequences), line and paragraph separators and invalid
/// bytes are written as \n, \t, \xNN or \uNNNN.
std::string TerminalSafe(std::string_view s);

/// Why \a s cannot be written into a generated file without changing what it
/// means there, or "" when it can: a line break (\n, \r, U+0085, U+2028,
/// U+2029) or another control character (C0 but tab, DEL, C1).
std::string UnsafeTextChar(std::string_view s);

/// A path as a URI reference (RFC 3986): unreserved characters and '/' kept,
/// every other byte percent-encoded (SARIF's artifactLocation.uri).
std::string PercentEncodePath(std::string_view path);

}  // namespace sparkmc

#endif  // SPARKMC_BASE_UTF8_H_
