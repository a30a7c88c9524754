// How schema violations read: valijson's messages turned into the ones a
// user of the AWS CLI or kubectl expects, naming the field and its value.
// Internal to compiler/check/schema.cc.
#ifndef SPARKMC_CHECK_SCHEMA_MESSAGES_H_
#define SPARKMC_CHECK_SCHEMA_MESSAGES_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc::schema_messages {

/// \a s with control characters escaped, so a message stays on one line.
std::string Printable(const std::string& s);

/// How to name the field at \a segs: "name", or "entryPointArguments[1]".
std::string FieldName(const std::vector<std::string>& segs);

/// The quoted name in valijson's "... constraints: 'NAME'." (an unknown field).
bool UnknownFieldName(const std::string& raw, std::string* name);

/// valijson's \a raw message about the value at \a segs, as a user reads it.
std::string Describe(const std::string& raw, const std::vector<std::string>& segs, const Node* node,
                     const nlohmann::json& schema_doc, const std::vector<std::string>& property_names,
                     const nlohmann::json& value);

}  // namespace sparkmc::schema_messages

#endif  // SPARKMC_CHECK_SCHEMA_MESSAGES_H_
