#include "compiler/check/spark_keys.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <sstream>

#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

/// A pattern key split at its placeholders: spark.kubernetes.driver.label.<name>
/// becomes {"spark.kubernetes.driver.label.", ""}; each gap matches one or more
/// characters. Plain string matching: std::regex costs milliseconds per key.
using Pattern = std::vector<std::string>;

Pattern SplitPattern(const std::string& key) {
  Pattern parts{""};
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '<' || key[i] == '*') {
      size_t close = key[i] == '<' ? key.find('>', i) : i;
      parts.push_back("");
      i = close == std::string::npos ? key.size() : close;
    } else {
      parts.back() += key[i];
    }
  }
  return parts;
}

/// spark.kubernetes.{driver,executor}.x -> both spellings.
std::vector<std::string> ExpandAlternatives(const std::string& key) {
  size_t open = key.find('{');
  size_t close = open == std::string::npos ? open : key.find('}', open);
  if (close == std::string::npos) return {key};
  std::vector<std::string> out;
  std::string inner = key.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (true) {
    size_t comma = inner.find(',', start);
    std::string alt = inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    for (const std::string& rest : ExpandAlternatives(key.substr(close + 1))) out.push_back(key.substr(0, open) + alt + rest);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool Matches(const Pattern& p, const std::string& key) {
  if (key.compare(0, p[0].size(), p[0]) != 0) return false;
  size_t pos = p[0].size();
  for (size_t i = 1; i < p.size(); ++i) {
    const std::string& lit = p[i];
    if (i + 1 == p.size()) {
      // The last literal must end the key, after a non-empty gap.
      return key.size() >= pos + 1 + lit.size() && key.compare(key.size() - lit.size(), lit.size(), lit) == 0;
    }
    size_t found = key.find(lit, pos + 1);
    if (found == std::string::npos) return false;
    pos = found + lit.size();
  }
  return pos == key.size();
}

struct Table {
  std::map<std::string, SparkKey> exact;
  std::vector<std::pair<Pattern, SparkKey>> patterns;
  std::vector<std::string> names;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cols;
}

const Table& Keys() {
  // Parsed on first use only: compile never needs it.
  static const Table table = [] {
    Table t;
    std::istringstream in{std::string(EmbeddedData("compiler/data/spark/spark-config-keys.tsv"))};
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> c = SplitTabs(line);
      if (c.size() < 10) continue;
      SparkKey k{c[0], c[1], c[2], c[3], c[4], c[6], {}, c[9]};
      if (!c[7].empty()) {
        std::istringstream vs(c[7]);
        std::string v;
        while (std::getline(vs, v, '|')) k.allowed_values.push_back(v);
      }
      if (k.key.find('<') != std::string::npos || k.key.find('{') != std::string::npos) {
        for (const std::string& p : ExpandAlternatives(k.key)) t.patterns.emplace_back(SplitPattern(p), k);
      } else {
        t.names.push_back(k.key);
        t.exact.emplace(k.key, k);
      }
    }
    return t;
  }();
  return table;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

const SparkKey* FindSparkKey(const std::string& key) {
  const Table& t = Keys();
  auto it = t.exact.find(key);
  if (it != t.exact.end()) return &it->second;
  for (const auto& [p, k] : t.patterns) {
    if (Matches(p, key)) return &k;
  }
  return nullptr;
}

const std::vector<std::string>& SparkKeyNames() { return Keys().names; }

long long SizeInMiB(const std::string& value, const std::string& default_unit) {
  static const std::regex re("(-?[0-9]+)([a-z]+)?");
  std::smatch m;
  std::string v = Lower(Trim(value));
  if (!std::regex_match(v, m, re) || m[1].length() > 15) return -1;
  long long n = std::stoll(m[1]);
  std::string unit = m[2].matched ? m[2].str() : default_unit;
  static const std::map<std::string, int> shift = {{"b", 0},  {"k", 10}, {"kb", 10}, {"m", 20}, {"mb", 20},
                                                   {"g", 30}, {"gb", 30}, {"t", 40}, {"tb", 40}, {"p", 50}, {"pb", 50}};
  auto it = shift.find(unit);
  if (it == shift.end()) return -1;
  int s = it->second - 20;
  if (s >= 0) return s > 40 ? -1 : n << s;
  return n >> (-s);  // Spark truncates when converting to a larger unit
}

std::string InvalidSparkValue(const SparkKey& key, const std::string& raw) {
  std::string v = Lower(Trim(raw));
  const std::string& type = key.type;
  if (type == "boolean") {
    if (v != "true" && v != "false") return "expected true or false";
  } else if (type == "int" || type == "long") {
    static const std::regex re("[-+]?[0-9]+");
    if (!std::regex_match(v, re)) return "expected an integer";
    try {
      long long n = std::stoll(v);
      if (type == "int" && (n > 2147483647LL || n < -2147483648LL)) return "integer out of range";
    } catch (...) {
      return "integer out of range";
    }
  } else if (type == "double") {
    static const std::regex re(R"([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[dDfF]?)");
    if (!std::regex_match(v, re)) return "expected a number";
  } else if (type == "bytes") {
    static const std::regex re("(-?[0-9]+)([a-z]+)?");
    static const std::regex fraction("-?[0-9]*\\.[0-9]+[a-z]*");
    std::smatch m;
    if (std::regex_match(v, fraction)) return "fractional sizes are not supported; use a smaller unit (1536m, not 1.5g)";
    if (!std::regex_match(v, m, re)) return "expected a size such as 512m or 2g";
    static const std::vector<std::string> units = {"b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"};
    if (m[2].matched && std::find(units.begin(), units.end(), m[2].str()) == units.end()) {
      return "invalid size suffix '" + m[2].str() + "' (use k, m, g, t or p; units are binary, so 2g not 2GiB)";
    }
  } else if (type == "time") {
    static const std::regex re("(-?[0-9]+)([a-z]+)?");
    std::smatch m;
    if (!std::regex_match(v, m, re)) return "expected a duration such as 30s, 5min or 1h";
    static const std::vector<std::string> units = {"us", "ms", "s", "m", "min", "h", "d"};
    if (m[2].matched && std::find(units.begin(), units.end(), m[2].str()) == units.end()) {
      return "invalid time suffix '" + m[2].str() + "' (use us, ms, s, m/min, h or d)";
    }
  } else if (type == "enum" && !key.allowed_values.empty()) {
    for (const std::string& a : key.allowed_values) {
      if (Lower(a) == v) return "";
    }
    std::string list;
    for (const std::string& a : key.allowed_values) list += (list.empty() ? "" : ", ") + a;
    return "expected one of " + list;
  }
  return "";
}

}  // namespace sparkmc
