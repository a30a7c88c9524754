// Names EMR derives: service accounts, job ids, DNS-1123 checks.
#ifndef SPARKMC_MODEL_NAMES_H_
#define SPARKMC_MODEL_NAMES_H_

#include <string>

namespace sparkmc {

/// The bytes of \a text read as one big-endian number, written in base 36
/// (0-9a-z). EMR names service accounts with the base36 of the role name:
/// "ts-eks-emr-eks-emr-cli" -> "j3uv6jk0kk3sogu231qj91fmo3mvwfl561".
std::string Base36(const std::string& text);

/// A 19-character [0-9a-z] id derived from \a content (stable across runs and
/// machines), for jobs compiled without --job-id.
std::string DerivedJobId(const std::string& content);

/// Why \a name is not a DNS-1123 label (lowercase alphanumerics and '-',
/// starting and ending alphanumeric, at most 63 characters), or "".
std::string CheckDns1123Label(const std::string& name);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_NAMES_H_
