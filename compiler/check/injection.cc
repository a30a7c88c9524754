#include "compiler/check/injection.h"

#include <fmt/format.h>


#include "compiler/emit/properties.h"
#include "compiler/model/s3_uri.h"

namespace sparkmc {

namespace {

std::string Escaped(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

/// Why \a value cannot sit inside a double-quoted fluentd string, or "".
std::string UnsafeForFluentd(const std::string& value) {
  std::string why = UnsafeConfigChar(value);
  if (!why.empty()) return why;
  if (value.find('"') != std::string::npos) return "a double quote";
  if (value.find('\\') != std::string::npos) return "a backslash";
  if (value.find("#{") != std::string::npos) return "'#{' (Ruby interpolation in fluentd)";
  if (value.find('<') != std::string::npos || value.find('>') != std::string::npos) return "'<' or '>'";
  if (value.find_first_of(" \t") != std::string::npos) return "a blank";
  return "";
}

void CheckProperties(const std::vector<Configuration>& list, std::vector<InputError>* out) {
  for (const Configuration& c : list) {
    for (const Property& p : c.properties) {
      std::string target = c.classification.value == "spark-defaults" ? "spark-defaults.conf" : "the generated configuration";
      if (std::string why = UnsafeConfigChar(p.key); !why.empty()) {
        out->emplace_back(p.key_loc.line ? p.key_loc : p.loc,
                          fmt::format("property name '{}' contains {}, which would inject lines into {}; "
                                      "write it without one", Escaped(p.key), why, target));
      } else if (std::string why2 = UnsafeConfigChar(p.value); !why2.empty()) {
        out->emplace_back(p.loc, fmt::format("property '{}' contains {}, which would inject lines into {}; "
                                             "write it without one", p.key, why2, target));
      }
    }
    CheckProperties(c.configurations, out);
  }
}

}  // namespace

std::vector<InputError> FindInjections(const Job& job) {
  std::vector<InputError> out;
  CheckProperties(job.application_configuration, &out);
  const Monitoring& m = job.monitoring;
  auto check = [&](const Field& f, const char* name) {
    if (!f.set) return;
    std::string why = UnsafeForFluentd(f.value);
    if (!why.empty()) {
      out.emplace_back(f.loc, fmt::format("{} contains {}, which would break out of the fluentd "
                                          "configuration EMR generates", name, why));
    }
  };
  check(m.log_group_name, "logGroupName");
  check(m.log_stream_name_prefix, "logStreamNamePrefix");
  if (m.log_uri.set) {
    std::string why;
    ParseS3Uri(m.log_uri.value, &why);
    if (why.empty()) check(m.log_uri, "logUri");  // a URI EMR cannot use is the schema rule's (front end)
  }
  return out;
}

}  // namespace sparkmc
