// A rule kind's parameters, declared once: each kind has a plain struct of
// parameters and a table of its fields (name, type, required, meaning). The
// table is what parses and validates a rule's `params` when the rule is
// declared (errors at the rule file's line and column), and what the docs
// (`sparkmc rules --format markdown`, `sparkmc explain`) print: as
// kube-linter's templates do with their Parameters structs.
#ifndef SPARKMC_CHECK_RULE_PARAMS_H_
#define SPARKMC_CHECK_RULE_PARAMS_H_

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc {

/// {key, value} (and, in a list of alternatives, the Spark version from
/// which an unset key has that value).
struct KeyValue {
  std::string key;
  std::string value;
  std::string default_since;  ///< "" when not given.
};

/// The path of one of sparkmc's embedded data files, checked to exist.
struct DataFile {
  std::string path;
};

/// A Kubernetes memory quantity ("256Gi"), checked to parse.
struct MemoryQuantity {
  std::string text;  ///< As written.
  long long mib = 0;
};

enum class ParamType {
  kString,    ///< std::string
  kStrings,   ///< std::vector<std::string>
  kMap,       ///< std::map<std::string, std::string>
  kData,      ///< DataFile
  kPair,      ///< KeyValue
  kPairs,     ///< std::vector<KeyValue>
  kQuantity,  ///< MemoryQuantity
  kNumber,    ///< double, within the field's range (written as a number or a string holding one)
};


/// A value parsed from a rule's params, before it is stored in its struct.
struct ParamValue {
  std::string text;
  std::vector<std::string> strings;
  std::map<std::string, std::string> map;
  std::vector<KeyValue> pairs;  ///< One element for kPair.
  long long mib = 0;
  double number = 0;
};

/// One field of a kind's parameter struct.
struct ParamField {
  const char* name;
  ParamType type;
  bool required;
  const char* description;  ///< One sentence or phrase for the docs.
  void (*store)(void* params, ParamValue&& value);
  double min = -std::numeric_limits<double>::infinity();  ///< kNumber only.
  double max = std::numeric_limits<double>::infinity();

  /// This field, accepting numbers from \a lo to \a hi only.
  ParamField Between(double lo, double hi) const {
    ParamField f = *this;
    f.min = lo;
    f.max = hi;
    return f;
  }
};

namespace param_detail {

template <class T> struct TypeOf;
template <> struct TypeOf<std::string> { static constexpr ParamType kType = ParamType::kString; };
template <> struct TypeOf<std::vector<std::string>> { static constexpr ParamType kType = ParamType::kStrings; };
template <> struct TypeOf<std::map<std::string, std::string>> { static constexpr ParamType kType = ParamType::kMap; };
template <> struct TypeOf<DataFile> { static constexpr ParamType kType = ParamType::kData; };
template <> struct TypeOf<KeyValue> { static constexpr ParamType kType = ParamType::kPair; };
template <> struct TypeOf<std::vector<KeyValue>> { static constexpr ParamType kType = ParamType::kPairs; };
template <> struct TypeOf<MemoryQuantity> { static constexpr ParamType kType = ParamType::kQuantity; };
template <> struct TypeOf<double> { static constexpr ParamType kType = ParamType::kNumber; };
template <class T> struct TypeOf<std::optional<T>> : TypeOf<T> {};

template <class T> struct Unwrap { using type = T; };
template <class T> struct Unwrap<std::optional<T>> { using type = T; };

template <class T>
T Take(ParamValue&& v) {
  if constexpr (std::is_same_v<T, std::string>) return std::move(v.text);
  else if constexpr (std::is_same_v<T, std::vector<std::string>>) return std::move(v.strings);
  else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) return std::move(v.map);
  else if constexpr (std::is_same_v<T, DataFile>) return DataFile{std::move(v.text)};
  else if constexpr (std::is_same_v<T, KeyValue>) return std::move(v.pairs.front());
  else if constexpr (std::is_same_v<T, std::vector<KeyValue>>) return std::move(v.pairs);
  else if constexpr (std::is_same_v<T, double>) return v.number;
  else return MemoryQuantity{std::move(v.text), v.mib};
}

template <class M> struct Member;
template <class P, class T> struct Member<T P::*> {
  using Params = P;
  using Type = T;
};

}  // namespace param_detail

/// A field of a parameter struct, by its member: `Param<&P::when>("when",
/// kRequired, "...")`. The member's C++ type decides the parameter's type;
/// an optional one (std::optional) is unset when the rule does not give it.
enum Requirement : bool { kOptional = false, kRequired = true };
template <auto kMember>
ParamField Param(const char* name, Requirement required, const char* description) {
  using M = param_detail::Member<decltype(kMember)>;
  using T = typename M::Type;
  return ParamField{name, param_detail::TypeOf<T>::kType, required, description, [](void* p, ParamValue&& v) {
                      static_cast<typename M::Params*>(p)->*kMember =
                          param_detail::Take<typename param_detail::Unwrap<T>::type>(std::move(v));
                    }};
}

/// Parses \a params (a rule declaration's `params` node, null when it has
/// none) into \a out by \a fields. Throws InputError at the offending key or
/// value of \a file: a parameter \a kind does not take (with a suggestion),
/// one of the wrong type, a data file sparkmc does not embed, a missing
/// required one. \a at is where the declaration is, for a missing `params`.
void ParseParams(const char* kind, const std::vector<ParamField>& fields, const Node* params, const Location& at,
                 void* out);

/// Markdown lines, one per field: "- `name` (type, required): meaning".
std::string ParamDocs(const std::vector<ParamField>& fields);

}  // namespace sparkmc

#endif  // SPARKMC_CHECK_RULE_PARAMS_H_
