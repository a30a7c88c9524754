// The YAML writer against two readers: whatever ToYaml (and YamlScalar,
// YamlQuotedBody) writes must read back as exactly the value written, both
// through sparkmc's own loader (ParseDocuments + ToOrderedJson, what `check`
// and the tests use) and through yaml-cpp's Node API (YAML::Load), resolved
// here independently. A plain scalar must also keep its type under YAML 1.1
// (PyYAML's resolvers plus go-yaml v2's y/n and dates: kubectl reads
// manifests as YAML 1.1), so "yes" or "012" written plain fails even though
// both 1.2 readers would call it a string.
//
// The values are hand-written tricky cases plus a deterministic random mix
// (a fixed-seed mt19937, reduced without <random>'s distributions, whose
// output differs between standard libraries).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "compiler/emit/yaml_writer.h"
#include "compiler/load/document.h"
#include "compiler/load/json_view.h"

namespace sparkmc {
namespace {

using ojson = nlohmann::ordered_json;

// --- An independent reading of yaml-cpp's tree --------------------------------

bool Matches(const std::string& s, const char* pattern) {
  static std::map<const char*, std::regex> compiled;  // the patterns are literals
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  return std::regex_match(s, it->second);
}

/// What a YAML 1.1 reader takes a plain scalar for, if not a string: PyYAML's
/// implicit resolvers (bool, int, float, null, timestamp, merge, value) and
/// go-yaml v2's extra booleans (y, n) and short dates (2001-1-2).
std::string Yaml11Type(const std::string& s) {
  if (s.size() > 200) {
    // The patterns below only match short text, except long digit runs.
    return s.find_first_not_of("0123456789_+-.") == std::string::npos ? "number?" : "";
  }
  if (Matches(s, "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")) return "bool";
  if (Matches(s, "~|null|Null|NULL|")) return "null";
  if (Matches(s, "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"))
    return "int";
  if (Matches(s, "[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?|"
                 "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"))
    return "float";
  if (Matches(s, "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?")) return "timestamp";
  if (s == "<<") return "merge";
  if (s == "=") return "value";
  return "";
}

/// A plain scalar as the YAML 1.2 core schema reads it.
ojson Resolve12(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.size() < 200) {
    if (Matches(s, "[-+]?[0-9]+")) {
      try {
        size_t used = 0;
        long long v = std::stoll(s, &used);
        if (used == s.size()) return v;
      } catch (const std::out_of_range&) {
      }
      return std::stod(s);
    }
    if (Matches(s, "0o[0-7]+|0x[0-9a-fA-F]+")) return "<an integer: " + s + ">";
    if (Matches(s, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) return std::stod(s);
    if (Matches(s, "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")) return "<a special float: " + s + ">";
  }
  return s;
}

/// yaml-cpp's tree as JSON. A plain scalar that is a string to YAML 1.2 but
/// something else to YAML 1.1 is reported as a mismatch (in \a problems).
ojson FromYamlCpp(const YAML::Node& n, std::vector<std::string>* problems) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      ojson a = ojson::array();
      for (const auto& item : n) a.push_back(FromYamlCpp(item, problems));
      return a;
    }
    case YAML::NodeType::Map: {
      ojson o = ojson::object();
      for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
          problems->push_back("a key that is not a scalar");
          continue;
        }
        std::string key = kv.first.Scalar();
        if (kv.first.Tag() == "?") {
          ojson resolved = Resolve12(key);
          if (!resolved.is_string() || !Yaml11Type(key).empty()) problems->push_back("plain key '" + key + "' is not a string");
        }
        o[key] = FromYamlCpp(kv.second, problems);
      }
      return o;
    }
    case YAML::NodeType::Scalar:
      break;
  }
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") return s;  // quoted or a block scalar: a string
  ojson v = Resolve12(s);
  if (v.is_string() && !Yaml11Type(s).empty()) {
    problems->push_back("plain '" + s + "' is a " + Yaml11Type(s) + " to YAML 1.1");
  }
  return v;
}

// --- The round trip -------------------------------------------------------------

/// \a v as ASCII JSON; bytes that are not UTF-8 (yaml-cpp's \\N) show as U+FFFD.
std::string Show(const ojson& v) { return v.dump(-1, ' ', true, ojson::error_handler_t::replace); }

/// The first character of \a yaml that a YAML reader may not see raw (C0 but
/// tab and LF, CR, DEL, C1, U+2028/U+2029 which YAML 1.1 readers such as
/// libyaml take for line breaks, the byte order mark, the non-characters,
/// bytes that are not UTF-8), as "U+XXXX at N", or "".
std::string Unprintable(const std::string& yaml) {
  for (size_t i = 0; i < yaml.size();) {
    size_t at = i;
    unsigned char c = static_cast<unsigned char>(yaml[i]);
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > yaml.size()) return "a byte that is not UTF-8 at " + std::to_string(at);
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(yaml[i + k]) & 0x3F);
    i += static_cast<size_t>(len);
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "U+%04X at %zu", cp, at);
      return buf;
    }
  }
  return "";
}

/// Empty when \a yaml reads back as \a want through both readers, else why not.
std::string RoundTripProblem(const ojson& want, const std::string& yaml) {
  std::string why;
  std::string raw = Unprintable(yaml);
  if (!raw.empty()) why += "written raw: " + raw + "\n";
  try {
    std::vector<Node> docs = ParseDocuments(SourceFile{"written.yaml", yaml});
    if (docs.size() != 1) {
      why += "sparkmc's loader read " + std::to_string(docs.size()) + " documents\n";
    } else {
      ojson got = ToOrderedJson(docs[0]);
      if (got != want) why += "sparkmc's loader read " + Show(got) + "\n";
    }
  } catch (const InputError& e) {
    why += "sparkmc's loader refused it: " + std::to_string(e.location().line) + ":" +
           std::to_string(e.location().column) + ": " + e.what() + "\n";
  }
  try {
    YAML::Node n = YAML::Load(yaml);
    std::vector<std::string> problems;
    ojson got = FromYamlCpp(n, &problems);
    if (got != want) why += "yaml-cpp read " + Show(got) + "\n";
    for (const std::string& p : problems) why += "yaml-cpp: " + p + "\n";
  } catch (const YAML::Exception& e) {
    why += std::string("yaml-cpp refused it: ") + e.what() + "\n";
  }
  return why;
}

/// How many failing values a test shows in full: 20, or all when
/// SPARKMC_SHOW_ALL_FAILURES is set (to see every case a change breaks).
int MaxReports() { return std::getenv("SPARKMC_SHOW_ALL_FAILURES") ? 1000000 : 20; }

/// Fails (once per value, shown in full at most MaxReports() times per
/// \a reports counter) when \a v does not round-trip through ToYaml.
void ExpectRoundTrip(const ojson& v, int* reports = nullptr) {
  std::string yaml = ToYaml(v);
  std::string why = RoundTripProblem(v, yaml);
  if (why.empty()) return;
  if (reports && (*reports)++ >= MaxReports()) {
    ADD_FAILURE() << "(more failures not shown)";
    return;
  }
  ADD_FAILURE() << "value: " << Show(v) << "\nyaml:\n" << yaml << "---\n" << why;
}

// --- Values ---------------------------------------------------------------------

std::string Utf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

const std::string kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Strings that mean something to YAML, or to a YAML 1.1 reader.
std::vector<std::string> HandWrittenStrings() {
  std::vector<std::string> v = {
      "", " ", "  ", "\t", "x", "plain", "a b", " a", "a ", " a ", "a  b", "a\tb", "\ta", "a\t",
      "a: b", "a:b", "a:", ":a", "a #b", "a#b", "#a", "a # b", "- a", "-a", "-", "--", "---", "...", "? a", "?a",
      ": a", "a,b", "[a]", "{a: b}", "&a", "*a", "!a", "!!str a", "%YAML", "@a", "`a", "|", ">", "|-", ">+", "'a'",
      "\"a\"", "a'b", "a\"b", "a\\b", "\\", "\\n", "<<", "=",
      // Words and numbers.
      "yes", "Yes", "YES", "no", "No", "NO", "y", "Y", "n", "N", "on", "On", "ON", "off", "Off", "OFF", "true",
      "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", "nan", "inf", ".inf", ".Inf", "-.inf",
      "+.inf", ".nan", ".NaN", "NaN", "1", "-1", "+1", "0", "00", "012", "0o17", "0O17", "0x1F", "0X1F", "0b101",
      "0b", "1e3", "1E3", "1e+3", "1e-3", "-1e3", "1.5e3", "1_000", "1_000.5", "1__0", "_1", "1_", ".5", "5.", "-.5",
      "+.5", ".", "..", "._", "._5", "1.2.3", "1:20", "190:20:30", "1:20.5", "2001-12-14", "2001-1-2",
      "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "20011214", "1.0", "-0", "0.0", "1e", "e3",
      "12abc", "0000000337okspsc913", "emr-6.8.0-latest", "spark.executor.memory", "s3://bucket/prefix/",
      "k8s://https://kubernetes.default.svc:443", "repo/name:tag@sha256:abc", "local:///app.py", "http://x?a=b#c",
      // Lines.
      "a\nb", "a\nb\n", "a\nb\n\n", "a\nb\n\n\n", "\na", "\n", "\n\n", "a\n", "a\n\n", " a\nb", "a\n b", "a \nb",
      "a\t\nb", "a\n\nb", "a\n \nb", "a\n\tb", "\ta\nb", "a\r\nb", "a\rb", "a\r\n", "a\nb ", "a\n#b", "a\n- b",
      "a\n---\nb", "a\n...\nb", "a\n  b\n c", "a\n\n\nb\n", "a\n'b'", "a\n\"b\"", "a\n|", "a\n>", "a\n: b",
      "#!/bin/sh\necho hi\n", "apiVersion: v1\nkind: Pod\n", "x\n\u00e9\n", "line1\nline2\n  indented\n",
      "a\n\x01", "a\nb\x7f", "a\n\xC2\x85" "b",
      // Non-ASCII and invisible characters.
      "\u00e9", "caf\u00e9", "\u65e5\u672c", "\xF0\x9F\x98\x80", "\u00a0", "a\u00a0", "\u00a0a", "\u2007",
      "\u3000a", "a\u3000",
  };
  for (char c : kPunctuation) {
    std::string p(1, c);
    for (const std::string& s : {p, p + "a", "a" + p, "a" + p + "b", p + " a", "a " + p, p + p, p + "\n" + p,
                                 "a" + p + "\nb", p + "1"}) {
      v.push_back(s);
    }
  }
  // C0, DEL and C1 controls; the line and paragraph separators; BOM and
  // non-characters; each alone, inside text and in a multi-line string.
  std::vector<uint32_t> specials = {0x85, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x7F, 0xA0, 0x200B, 0xE000, 0x1FFFE, 0x10FFFF};
  for (uint32_t c = 0; c < 0x20; ++c) specials.push_back(c);
  for (uint32_t c = 0x80; c < 0xA0; ++c) specials.push_back(c);
  for (uint32_t cp : specials) {
    std::string c = Utf8(cp);
    for (const std::string& s : {c, "a" + c, c + "a", "a" + c + "b", "a\n" + c + "\nb", "a\nb" + c, c + "\na"}) v.push_back(s);
  }
  v.push_back(std::string(10000, 'x'));
  v.push_back(std::string(5000, 'x') + " " + std::string(5000, 'y'));
  v.push_back(std::string(3000, 'a') + ": " + std::string(3000, 'b'));
  v.push_back(std::string(20000, '7'));
  std::string long_lines;
  for (int i = 0; i < 50; ++i) long_lines += std::string(static_cast<size_t>(100 + i * 40), static_cast<char>('a' + i % 26)) + "\n";
  v.push_back(long_lines);
  v.push_back(long_lines + " ");
  return v;
}

/// A fixed-seed generator whose output does not depend on the standard library.
class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool OneIn(size_t n) { return Below(n) == 0; }

  std::string String() {
    static const std::vector<std::string> kPieces = [] {
      std::vector<std::string> p = {"a", "Z", "0", "7", "x1", "spark", ".", "_", "/", "-", " ", "  ", "\t", "\n", "\n\n",
                                    "\r\n", "\r", ": ", " #", "- ", "? ", "---", "...", "yes", "no", "on", "off",
                                    "null", "~", "true", "1e3", "0x1F", "1_000", "012", ".5", "<<", "\\", "\\n",
                                    "\"", "'", "\u00e9", "\u65e5", "\xF0\x9F\x98\x80", "\xC2\x85", "\u2028", "\u2029",
                                    "\uFEFF", "\u00a0", "\x01", "\x1b[31m", "\x7f", "\xC2\x80", "\xC2\x9F", "\xEF\xBF\xBF"};
      for (char c : kPunctuation) p.emplace_back(1, c);
      return p;
    }();
    std::string s;
    size_t n = Below(9);
    for (size_t i = 0; i < n; ++i) s += kPieces[Below(kPieces.size())];
    if (OneIn(50)) s += std::string(Below(3000), 'q');
    return s;
  }

  ojson Value(int depth) {
    size_t pick = Below(depth >= 4 ? 6 : 10);
    switch (pick) {
      case 0: return nullptr;
      case 1: return OneIn(2);
      case 2: return static_cast<long long>(rng_()) - (1LL << 31);
      case 3: return static_cast<double>(static_cast<int64_t>(rng_() % 200000) - 100000) / 64.0;
      case 4:
      case 5: return String();
      case 6:
      case 7: {
        ojson o = ojson::object();
        size_t n = Below(5);
        for (size_t i = 0; i < n; ++i) o[String()] = Value(depth + 1);
        return o;
      }
      default: {
        ojson a = ojson::array();
        size_t n = Below(5);
        for (size_t i = 0; i < n; ++i) a.push_back(Value(depth + 1));
        return a;
      }
    }
  }

 private:
  std::mt19937 rng_;
};

// --- Tests ----------------------------------------------------------------------

TEST(YamlWriterRoundTrip, TrickyStringsAsValuesAndKeys) {
  int reports = 0;
  for (const std::string& s : HandWrittenStrings()) {
    ExpectRoundTrip(ojson{{"k", s}}, &reports);
    ExpectRoundTrip(ojson{{s, "v"}}, &reports);
    ExpectRoundTrip(ojson{{"list", {s, s}}}, &reports);
    ExpectRoundTrip(ojson{{"a", {{"b", s}, {"c", ojson::array({s})}}}}, &reports);
    ExpectRoundTrip(ojson::array({s}), &reports);
    ExpectRoundTrip(ojson::array({ojson{{"m", s}, {s, s}}}), &reports);
  }
}

TEST(YamlWriterRoundTrip, LongKeys) {
  // An implicit key is limited to 1024 characters in YAML; longer ones must
  // still read back.
  for (size_t n : {1000u, 1024u, 1025u, 3000u}) {
    ExpectRoundTrip(ojson{{std::string(n, 'k'), "v"}, {"next", 1}});
    ExpectRoundTrip(ojson{{std::string(n, 'k') + ": #", "v"}});
    ExpectRoundTrip(ojson::array({ojson{{std::string(n, 'k'), ojson{{"a", 1}}}}}));
  }
}

TEST(YamlWriterRoundTrip, NestedShapes) {
  std::vector<ojson> cases = {
      ojson::object(),
      ojson::array(),
      ojson{{"a", ojson::object()}, {"b", ojson::array()}},
      ojson::array({ojson::object(), ojson::array(), nullptr, "", 0}),
      // A sequence inside a sequence (the items once read as the outer list's).
      ojson{{"args", ojson::array({ojson::array({"a", "b"}), ojson::array({"c"})})}},
      ojson::array({ojson::array({ojson::array({"deep"})}), "flat"}),
      ojson{{"x", ojson::array({ojson::array(), ojson::array({ojson::object()}), ojson::array({ojson::array()})})}},
      // Empty collections inside sequences, objects in sequences in objects.
      ojson{{"items", ojson::array({ojson::object(), ojson{{"a", ojson::object()}}, ojson{{"b", ojson::array()}}})}},
      ojson{{"spec", {{"containers", ojson::array({ojson{{"name", "c"}, {"args", {"--x", "y: z"}},
                                                          {"env", ojson::array({ojson{{"name", "N"}, {"value", "1"}}})}}})}}}},
      ojson::array({ojson{{"a", ojson::array({ojson{{"b", ojson::array({ojson{{"c", "multi\nline\n"}}})}}})}}}),
      ojson{{"k", ojson::array({"multi\nline", ojson{{"s", "x\ny\n\n"}}, ojson::array({"p\nq\n"})})}},
      ojson::array({ojson{{"first", "a\nb"}, {"second", ojson::array({"c\nd"})}}}),
      ojson{{"n", 1}, {"f", 1.5}, {"neg", -3}, {"big", 9007199254740993LL}, {"t", true}, {"z", nullptr}, {"e", 1e300}},
      ojson{{"top", ojson{{"mid", ojson{{"low", ojson::array({1, ojson::array({2, ojson::array({3})})})}}}}}},
  };
  for (const ojson& c : cases) ExpectRoundTrip(c);
  // Scalars as whole documents.
  for (const ojson& s : {ojson("x"), ojson("yes"), ojson("a\nb"), ojson(""), ojson(3), ojson(nullptr), ojson(false)}) {
    ExpectRoundTrip(s);
  }
}

TEST(YamlWriterRoundTrip, GeneratedDocuments) {
  Gen gen(20240917);
  int reports = 0;
  for (int i = 0; i < 3000; ++i) {
    ojson doc = ojson::object();
    size_t n = 1 + gen.Below(4);
    for (size_t k = 0; k < n; ++k) doc[gen.String()] = gen.Value(0);
    ExpectRoundTrip(doc, &reports);
    if (gen.OneIn(5)) ExpectRoundTrip(gen.Value(2), &reports);
  }
}

TEST(YamlWriterRoundTrip, ScalarsForTemplates) {
  // template.cc puts YamlScalar(s) after "key: " and YamlQuotedBody(s) inside
  // "...": both must read back as s.
  Gen gen(7);
  std::vector<std::string> values = HandWrittenStrings();
  for (int i = 0; i < 3000; ++i) values.push_back(gen.String());
  int reports = 0;
  for (const std::string& s : values) {
    for (const std::string& yaml : {"key: " + YamlScalar(s) + "\n", "key: \"" + YamlQuotedBody(s) + "\"\n",
                                    "- " + YamlScalar(s) + "\n- x\n", "a:\n  key: " + YamlScalar(s) + "\n"}) {
      ojson want = yaml[0] == '-' ? ojson::array({s, "x"}) : yaml[0] == 'a' ? ojson{{"a", {{"key", s}}}} : ojson{{"key", s}};
      std::string why = RoundTripProblem(want, yaml);
      if (!why.empty() && reports++ < MaxReports()) ADD_FAILURE() << "value: " << Show(ojson(s)) << "\nyaml:\n" << yaml << "---\n" << why;
    }
    if (YamlPlainSafe(s)) {
      // Plain-safe text stays plain inside a longer plain scalar.
      EXPECT_TRUE(RoundTripProblem(ojson{{"key", "x" + s}}, "key: x" + s + "\n").empty()) << s;
    }
  }
}

TEST(YamlWriterRoundTrip, KeepsTodaysOutputForSimpleValues) {
  // The golden tests compare whole files; these shapes must not change.
  EXPECT_EQ(ToYaml(ojson{{"a", "b"}, {"num", 1}, {"s", "x y"}, {"e", ""}, {"l", {"p", "q"}}}),
            "a: b\nnum: 1\ns: \"x y\"\ne: \"\"\nl:\n- p\n- q\n");
  EXPECT_EQ(ToYaml(ojson{{"m", "line1\nline2\n"}}), "m: |\n  line1\n  line2\n");
  EXPECT_EQ(ToYaml(ojson{{"m", "line1\nline2"}}), "m: |-\n  line1\n  line2\n");
  EXPECT_EQ(ToYaml(ojson{{"l", ojson::array({ojson{{"a", 1}, {"b", 2}}})}}), "l:\n- a: 1\n  b: 2\n");
  EXPECT_EQ(ToYaml(ojson{{"l", ojson::array({ojson::array({"a"})})}}), "l:\n-\n  - a\n");
  EXPECT_EQ(YamlScalar("repo/name:tag@sha256:abc"), "repo/name:tag@sha256:abc");
  EXPECT_EQ(YamlScalar("yes"), "\"yes\"");
}

}  // namespace
}  // namespace sparkmc
