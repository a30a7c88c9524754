#include "compiler/check/spark_keys.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "compiler/data/embedded.h"
#include "compiler/base/spell.h"
#include "compiler/base/text.h"

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

/// The TSV stays as embedded text: rows are found by binary search over the
/// (byte-sorted) keys and parsed only when asked for, so a lint run pays for
/// the handful of keys a job uses, not for 1,286 rows.
struct Table {
  std::vector<std::string_view> rows;  ///< Data rows, sorted by key.
  std::vector<std::string_view> keys;  ///< The key of each row.
  std::vector<std::pair<Pattern, size_t>> patterns;  ///< Pattern rows: matcher and row index.
  std::vector<std::string> names;      ///< Literal keys, for suggestions (built on demand).
  std::mutex mu;
  std::vector<std::unique_ptr<SparkKey>> parsed;  ///< By row index, filled on demand.
  /// FindSparkKey's answers, by key: several rules look up every property of
  /// a job, and a key that is no literal row is tried against every pattern.
  std::unordered_map<std::string, const SparkKey*> found;
  std::unordered_map<std::string, std::string> suggestions;  ///< SparkKeySuggestion's answers.
};

SparkKey ParseRow(std::string_view row) {
  std::vector<std::string_view> c = SplitTabs(row);
  c.resize(std::max<size_t>(c.size(), 10));
  SparkKey k{std::string(c[0]), std::string(c[1]), std::string(c[2]), std::string(c[3]),
             std::string(c[4]), std::string(c[6]), {}, std::string(c[9])};
  for (size_t start = 0; !c[7].empty();) {
    size_t bar = c[7].find('|', start);
    k.allowed_values.emplace_back(c[7].substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return k;
}

Table& Keys() {
  // Indexed on first use only (compile never needs it), and never freed: the
  // process ends soon after, and a destructor would only cost time.
  static Table* table = [] {
    auto* t = new Table;
    std::string_view text = EmbeddedData("compiler/data/spark/spark-config-keys.tsv");
    size_t pos = text.find('\n');  // skip the header
    pos = pos == std::string_view::npos ? text.size() : pos + 1;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      std::string_view row = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      pos = end == std::string_view::npos ? text.size() : end + 1;
      std::string_view key = row.substr(0, row.find('\t'));
      if (key.empty()) continue;
      if (key.find('<') != std::string_view::npos || key.find('{') != std::string_view::npos) {
        for (const std::string& p : ExpandAlternatives(std::string(key))) t->patterns.emplace_back(SplitPattern(p), t->rows.size());
      }
      t->rows.push_back(row);
      t->keys.push_back(key);
    }
    t->parsed.resize(t->rows.size());
    return t;
  }();
  return *table;
}

const SparkKey* Row(Table& t, size_t index) {
  std::lock_guard<std::mutex> lock(t.mu);
  if (!t.parsed[index]) t.parsed[index] = std::make_unique<SparkKey>(ParseRow(t.rows[index]));
  return t.parsed[index].get();
}

}  // namespace

namespace {

const SparkKey* Lookup(Table& t, const std::string& key) {
  auto it = std::lower_bound(t.keys.begin(), t.keys.end(), std::string_view(key));
  if (it != t.keys.end() && *it == key) {
    size_t index = static_cast<size_t>(it - t.keys.begin());
    bool pattern = it->find('<') != std::string_view::npos || it->find('{') != std::string_view::npos;
    if (!pattern) return Row(t, index);
  }
  for (const auto& [p, index] : t.patterns) {
    if (Matches(p, key)) return Row(t, index);
  }
  return nullptr;
}

}  // namespace

/// Longer keys are not kept by the caches below, which count entries: so
/// they stay under 20 MB, however long the keys a run reads.
constexpr size_t kMaxCachedKey = 256;

const SparkKey* FindSparkKey(const std::string& key) {
  Table& t = Keys();
  {
    std::lock_guard<std::mutex> lock(t.mu);
    auto it = t.found.find(key);
    if (it != t.found.end()) return it->second;
  }
  const SparkKey* k = Lookup(t, key);  // unlocked: Row takes the lock itself
  if (key.size() > kMaxCachedKey) return k;
  std::lock_guard<std::mutex> lock(t.mu);
  if (t.found.size() >= 65536) t.found.clear();  // keys come from input: memory stays bounded
  t.found.emplace(key, k);
  return k;
}

const std::vector<std::string>& SparkKeyNames() {
  Table& t = Keys();
  std::lock_guard<std::mutex> lock(t.mu);
  if (t.names.empty()) {
    for (std::string_view k : t.keys) {
      if (k.find('<') == std::string_view::npos && k.find('{') == std::string_view::npos) t.names.emplace_back(k);
    }
  }
  return t.names;
}

std::string SparkKeySuggestion(const std::string& key) {
  const std::vector<std::string>& names = SparkKeyNames();
  Table& t = Keys();
  {
    std::lock_guard<std::mutex> lock(t.mu);
    auto it = t.suggestions.find(key);
    if (it != t.suggestions.end()) return it->second;
  }
  std::string hint = DidYouMean(key, names);
  if (key.size() > kMaxCachedKey) return hint;
  std::lock_guard<std::mutex> lock(t.mu);
  if (t.suggestions.size() >= 4096) t.suggestions.clear();  // keys come from input: memory stays bounded
  t.suggestions.emplace(key, hint);
  return hint;
}

std::string InvalidSparkValue(const SparkKey& key, const std::string& raw) {
  std::string v = Lower(Trim(raw));
  const std::string& type = key.type;
  if (type == "boolean") {
    if (v != "true" && v != "false") return "expected true or false";
  } else if (type == "int" || type == "long") {
    if (!IsIntegerText(v)) return "expected an integer";
    long long n = 0;
    const char* first = v.data() + (v[0] == '+' ? 1 : 0);
    auto [end, ec] = std::from_chars(first, v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) return "integer out of range";
    if (type == "int" && (n > 2147483647LL || n < -2147483648LL)) return "integer out of range";
  } else if (type == "double") {
    std::string_view num = v;
    if (!num.empty() && (num.back() == 'd' || num.back() == 'f')) num.remove_suffix(1);  // Java's 1.5d
    if (!IsFloatText(num)) return "expected a number";
  } else if (type == "bytes") {
    std::string digits, unit;
    bool fraction;
    if (!SplitNumberUnit(v, &digits, &unit, &fraction)) return "expected a size such as 512m or 2g";
    if (fraction) return "fractional sizes are not supported; use a smaller unit (1536m, not 1.5g)";
    if (digits.size() > 18) return "size out of range";
    static const std::vector<std::string> units = {"b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"};
    if (!unit.empty() && std::find(units.begin(), units.end(), unit) == units.end()) {
      return "invalid size suffix '" + unit + "' (use k, m, g, t or p; units are binary, so 2g not 2GiB)";
    }
  } else if (type == "time") {
    std::string digits, unit;
    bool fraction;
    if (!SplitNumberUnit(v, &digits, &unit, &fraction) || fraction) return "expected a duration such as 30s, 5min or 1h";
    if (digits.size() > 18) return "duration out of range";
    static const std::vector<std::string> units = {"us", "ms", "s", "m", "min", "h", "d"};
    if (!unit.empty() && std::find(units.begin(), units.end(), unit) == units.end()) {
      return "invalid time suffix '" + unit + "' (use us, ms, s, m/min, h or d)";
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
