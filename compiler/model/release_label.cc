#include "compiler/model/release_label.h"

#include <charconv>
#include <vector>

#include "compiler/base/text.h"
#include "compiler/data/embedded.h"

namespace sparkmc {

namespace {

/// Reads "N." or "N" at the front of \a s into \a out; false unless digits.
bool TakeNumber(std::string_view* s, int* out) {
  size_t n = 0;
  while (n < s->size() && (*s)[n] >= '0' && (*s)[n] <= '9') ++n;
  if (n == 0 || n > 4) return false;
  std::from_chars(s->data(), s->data() + n, *out);
  s->remove_prefix(n);
  return true;
}

bool IsDateTag(std::string_view t) {
  return t.size() == 8 && t.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string ReleaseLabel::Version() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::string ReleaseLabel::Line() const { return std::to_string(major) + "." + std::to_string(minor); }

std::string ReleaseLabel::ImageVersion() const { return variant.empty() ? Version() : Version() + "-" + variant; }

std::optional<ReleaseLabel> ParseReleaseLabel(std::string_view label, std::string* why) {
  auto fail = [&]() -> std::optional<ReleaseLabel> {
    *why = "release label '" + std::string(label.substr(0, 80)) +
           "' is not of the form emr-X.Y.Z[-variant]-latest or emr-X.Y.Z[-variant]-YYYYMMDD";
    return std::nullopt;
  };
  ReleaseLabel r;
  std::string_view s = label;
  if (!StartsWith(s, "emr-")) return fail();
  s.remove_prefix(4);
  if (!TakeNumber(&s, &r.major) || s.empty() || s[0] != '.') return fail();
  s.remove_prefix(1);
  if (!TakeNumber(&s, &r.minor) || s.empty() || s[0] != '.') return fail();
  s.remove_prefix(1);
  if (!TakeNumber(&s, &r.patch) || s.empty() || s[0] != '-') return fail();
  s.remove_prefix(1);
  size_t last = s.rfind('-');
  r.tag = std::string(last == std::string_view::npos ? s : s.substr(last + 1));
  if (r.tag != "latest" && !IsDateTag(r.tag)) return fail();
  if (last != std::string_view::npos) {
    r.variant = std::string(s.substr(0, last));
    for (char c : r.variant) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) return fail();
    }
    if (r.variant.empty()) return fail();
  }
  why->clear();
  return r;
}

std::string SparkVersionOfRelease(const ReleaseLabel& label, bool* verified) {
  struct Row {
    std::string release, spark;
    bool verified;
  };
  static const std::vector<Row> rows = [] {
    std::vector<Row> out;
    for (const auto& cols : EmbeddedTable("compiler/data/oss/emr-spark-versions.tsv")) {
      if (cols.size() >= 3) out.push_back(Row{cols[0], cols[1], cols[2] == "verified"});
    }
    return out;
  }();
  std::string line = label.Line();
  for (const Row& r : rows) {
    if (r.release == line) {
      if (verified) *verified = r.verified;
      return r.spark;
    }
  }
  if (verified) *verified = false;
  return "";
}

bool VersionAtLeast(std::string_view version, std::string_view floor) {
  auto parts = [](std::string_view v) {
    std::vector<int> out;
    size_t i = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
      int n = 0;
      while (i < v.size() && v[i] >= '0' && v[i] <= '9' && n < 100000) n = n * 10 + (v[i++] - '0');
      out.push_back(n);
      if (i < v.size() && v[i] == '.') ++i;
    }
    return out;
  };
  return !version.empty() && parts(version) >= parts(floor);
}

}  // namespace sparkmc
