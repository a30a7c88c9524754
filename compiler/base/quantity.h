// Sizes and quantities as Spark and Kubernetes read them, computed with
// checked arithmetic: hostile input (15-digit sizes, "-5g", "1e300", "inf")
// gives "invalid", never undefined behaviour or a wrapped number.
#ifndef SPARKMC_BASE_QUANTITY_H_
#define SPARKMC_BASE_QUANTITY_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace sparkmc {

/// A Spark byte string (JavaUtils.byteStringAs: trimmed, case-insensitive,
/// "[0-9]+(b|k|kb|m|mb|g|gb|t|tb|p|pb)?"), in bytes. A bare number is in
/// \a default_unit ('b', 'k', 'm', 'g', 't' or 'p'). Empty when Spark would
/// refuse it (fractions, signs, unknown units) or it overflows 64 bits.
std::optional<int64_t> ParseSparkBytes(std::string_view text, char default_unit = 'm');

/// The same in MiB, truncated as Spark truncates when converting to a larger
/// unit; -1 when invalid.
long long SizeInMiB(std::string_view text, char default_unit = 'm');

/// A Kubernetes quantity (resource.Quantity: a signed decimal number with an
/// optional binary (Ki..Ei), decimal (n, u, m, k, M..E) or exponent (e3)
/// suffix) as a finite double. Empty when malformed or not finite.
std::optional<double> ParseQuantity(std::string_view text);

/// A memory quantity in MiB, rounded up, or -1 when malformed, negative or
/// beyond 2^53 MiB.
long long QuantityMiB(std::string_view text);

}  // namespace sparkmc

#endif  // SPARKMC_BASE_QUANTITY_H_
