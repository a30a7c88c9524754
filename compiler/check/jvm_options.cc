#include "compiler/check/jvm_options.h"

#include <charconv>

#include "compiler/base/text.h"
#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

constexpr const char* kTable = "compiler/data/jvm/removed-options.tsv";

int Version(const std::string& cell) {
  int v = 0;
  if (cell == "-") return 0;
  std::from_chars(cell.data(), cell.data() + cell.size(), v);
  return v;
}

/// The flag name of an -XX option: "UseG1GC" for -XX:+UseG1GC, -XX:-UseG1GC
/// and -XX:UseG1GC=..., "" for anything else.
std::string_view XxName(std::string_view option) {
  if (!StartsWith(option, "-XX:")) return "";
  option.remove_prefix(4);
  if (!option.empty() && (option[0] == '+' || option[0] == '-')) option.remove_prefix(1);
  return option.substr(0, option.find('='));
}

}  // namespace

const std::vector<JvmOptionRow>& JvmOptionTable() {
  static const std::vector<JvmOptionRow> rows = [] {
    std::vector<JvmOptionRow> out;
    for (const std::vector<std::string>& c : EmbeddedTable(kTable)) {
      if (c.size() < 8) continue;
      out.push_back(JvmOptionRow{c[0], Version(c[1]), Version(c[2]), Version(c[3]), Version(c[4]),
                                 c[5] == "-" ? "" : c[5], c[6], c[7]});
    }
    return out;
  }();
  return rows;
}

const JvmOptionRow* FindJvmOption(std::string_view option) {
  std::string_view name = XxName(option);
  for (const JvmOptionRow& r : JvmOptionTable()) {
    if (StartsWith(r.option, "-XX:")) {
      if (!name.empty() && name == std::string_view(r.option).substr(4)) return &r;
    } else if (StartsWith(option, r.option)) {
      return &r;
    }
  }
  return nullptr;
}

JvmOptionVerdict JudgeJvmOption(std::string_view option, int java_major) {
  JvmOptionVerdict v;
  v.row = FindJvmOption(option);
  if (!v.row) return v;
  const JvmOptionRow& r = *v.row;
  if (r.added_in && java_major < r.added_in) {
    v.state = JvmOptionState::kRefused;
    v.since = r.added_in;
    v.too_new = true;
  } else if (r.expired_in && java_major >= r.expired_in) {
    v.state = JvmOptionState::kRefused;
    v.since = r.expired_in;
  } else if (r.obsolete_in && java_major >= r.obsolete_in) {
    v.state = JvmOptionState::kObsolete;
    v.since = r.obsolete_in;
  } else if (r.deprecated_in && java_major >= r.deprecated_in) {
    v.state = JvmOptionState::kDeprecated;
    v.since = r.deprecated_in;
  }
  return v;
}

std::vector<JvmOptionToken> SplitJavaOptions(std::string_view s) {
  // Spark's Utils.splitCommandString: in double quotes a backslash takes the
  // next character literally; single quotes are literal; outside quotes
  // blanks (space, tab, CR, LF) end a word.
  std::vector<JvmOptionToken> out;
  JvmOptionToken cur;
  bool in_word = false, in_single = false, in_double = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!in_word && !in_single && !in_double && c != ' ' && c != '\t' && c != '\r' && c != '\n') cur.offset = i;
    if (in_double) {
      if (c == '"') in_double = false;
      else if (c == '\\' && i + 1 < s.size()) cur.text += s[++i];
      else cur.text += c;
    } else if (in_single) {
      if (c == '\'') in_single = false;
      else cur.text += c;
    } else if (c == '"') {
      in_word = in_double = true;
    } else if (c == '\'') {
      in_word = in_single = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) out.push_back(std::move(cur));
      cur = JvmOptionToken{};
      in_word = false;
    } else {
      in_word = true;
      cur.text += c;
    }
  }
  if (in_word || in_single || in_double) out.push_back(std::move(cur));
  return out;
}

}  // namespace sparkmc
