// spark-defaults.conf against the real reader: java.util.Properties, loaded
// the way Spark loads it (tests/java/ReadProperties.java). What WriteProperties
// writes must read back exactly; and sparkmc's own ReadProperties, which the
// other tests trust to say what Spark sees, must agree with Java on any file.
// Skipped when no JDK is installed (single-file source programs need one).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/emit/properties.h"
#include "compiler/model/submit_args.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

constexpr const char* kNoJava =
    "no JDK: `java tests/java/ReadProperties.java` cannot run; install default-jdk-headless (.ci/install)";

/// What `java tests/java/ReadProperties.java FILES...` printed, or "" with
/// \a *ok false when java is missing or failed.
std::string RunJava(const std::vector<std::string>& files, bool* ok) {
  std::string dir = TempDir();
  std::string cmd = "java " + ShellQuote(SourcePath("tests/java/ReadProperties.java"));
  for (const std::string& f : files) cmd += " " + ShellQuote(f);
  cmd += " >" + dir + "/out 2>" + dir + "/err";
  *ok = std::system(cmd.c_str()) == 0;
  std::string out = ReadFile(dir + "/out");
  if (!*ok) out = ReadFile(dir + "/err");
  std::system(("rm -rf " + ShellQuote(dir)).c_str());
  return out;
}

bool JavaAvailable() {
  static const bool available = [] {
    if (std::system("command -v java >/dev/null 2>&1") != 0) return false;
    std::string dir = TempDir();
    WriteFile(dir + "/empty.properties", "");
    bool ok = false;
    RunJava({dir + "/empty.properties"}, &ok);
    std::system(("rm -rf " + ShellQuote(dir)).c_str());
    return ok;
  }();
  return available;
}

/// UTF-8 as UTF-16 code units, as Java's UTF-8 reader decodes it; also
/// accepts the three-byte form of a lone surrogate, which ReadProperties
/// writes for a lone surrogate escape (Java keeps the lone unit). Bad bytes are U+FFFD.
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {
      out += u'\uFFFD';
      ++i;
      continue;
    }
    i += static_cast<size_t>(len);
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

/// The quoting ReadProperties.java uses.
std::string Quote(const std::u16string& s) {
  std::string out = "\"";
  for (char16_t c : s) {
    if (c == u'"' || c == u'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7E) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// Spark's Utils.trimExceptCRLF.
std::u16string TrimExceptCrlf(const std::u16string& s) {
  auto keep = [](char16_t c) { return c > u' ' || c == u'\r' || c == u'\n'; };
  auto first = std::find_if(s.begin(), s.end(), keep);
  if (first == s.end()) return u"";
  auto last = std::find_if(s.rbegin(), s.rend(), keep).base();
  return std::u16string(first, last);
}

/// What ReadProperties.java prints for \a file holding \a props (later
/// entries win, as Properties.put does), or for a load that threw.
std::string Render(const std::string& file, const PropertyList* props) {
  std::string out = "{\"file\": " + Quote(Utf16(file)) + ",\n";
  if (!props) return out + "\"error\": \"java.lang.IllegalArgumentException: Malformed \\\\uxxxx encoding.\"}\n";
  std::map<std::u16string, std::u16string> sorted;  // char16_t order is String.compareTo's
  for (const auto& [k, v] : *props) sorted[Utf16(k)] = Utf16(v);
  for (bool spark : {false, true}) {
    out += spark ? ",\n\"spark\": {" : "\"properties\": {";
    size_t i = 0;
    for (const auto& [k, v] : sorted) {
      out += "\n" + Quote(k) + ": " + Quote(spark ? TrimExceptCrlf(v) : v);
      if (++i < sorted.size()) out += ",";
    }
    out += "}";
  }
  return out + "}\n";
}

/// ReadProperties of \a text rendered like the Java program's output.
std::string RenderOurs(const std::string& file, const std::string& text) {
  try {
    PropertyList props = ReadProperties(text);
    return Render(file, &props);
  } catch (const std::invalid_argument&) {
    return Render(file, nullptr);
  }
}

/// Splits the Java program's output into one block per file.
std::vector<std::string> Blocks(const std::string& out) {
  std::vector<std::string> blocks;
  size_t start = 0;
  while (start < out.size()) {
    size_t next = out.find("\n{\"file\": ", start);
    size_t end = next == std::string::npos ? out.size() : next + 1;
    blocks.push_back(out.substr(start, end - start));
    start = end;
  }
  return blocks;
}

/// What java.util.Properties reads from each of \a files, a block each.
::testing::AssertionResult JavaReads(const std::vector<std::string>& files, std::vector<std::string>* blocks) {
  bool ok = false;
  std::string out = RunJava(files, &ok);
  if (!ok) return ::testing::AssertionFailure() << out;
  *blocks = Blocks(out);
  if (blocks->size() != files.size()) return ::testing::AssertionFailure() << out.substr(0, 2000);
  return ::testing::AssertionSuccess();
}

// --- Generated keys and values ---------------------------------------------------

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }

  /// Text from pieces that mean something to Properties.load.
  std::string Text(size_t max_pieces) {
    static const std::vector<std::string> kPieces = {
        "a", "Z", "9", "spark.", "executor", ".", "-", "_", "=", ":", "#", "!", " ", "  ", "\t", "\\", "\\\\", "\\u",
        "\\u00e9", "\\uD83D", "\\n", "\\t", "\\ ", "/", "//", "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80",
        "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF", "k8s://https://h:443", "\"", "'", "$", "{", "}", "%", "\\u12",
        "\\x", "u", "uu"};
    std::string s;
    size_t n = Below(max_pieces + 1);
    for (size_t i = 0; i < n; ++i) s += kPieces[Below(kPieces.size())];
    return s;
  }

  /// Any text Properties.load may see: the pieces above, line breaks of
  /// every kind, continuations and comments.
  std::string File() {
    static const std::vector<std::string> kLinePieces = {"\n", "\r\n", "\r", "\\\n", "\\\r\n", "\\\r", "\\\\\n",
                                                         "#", "!", " ", "\t", "\f", "", "\n\n", "\\", "\\\\\\\n"};
    std::string s;
    size_t n = Below(12);
    for (size_t i = 0; i < n; ++i) s += Below(3) == 0 ? kLinePieces[Below(kLinePieces.size())] : Text(4);
    return s;
  }

 private:
  std::mt19937 rng_;
};

/// Hand-written keys and values with everything Properties.load treats specially.
std::vector<std::pair<std::string, std::string>> Tricky() {
  std::vector<std::string> words = {
      "=", ":", "#", "!", " ", "\t", "\\", "\\u", "\\u0041", "\\uZZZZ", "a=b", "a:b", "a b", " a", "a ", "  ", "#a", "!a",
      "a#", "a!", ":a", "=a", "a\\", "\\\\", "a\\\\", "\\ ", "\\=", "/", "s3://b/p/", "k8s://https://h:443",
      "\xC3\xA9", "caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xEF\xBB\xBF", "\xEF\xBF\xBF",
      "\xE3\x80\x80", "a\tb", "\ta", "a\t", " = ", " : ", "-Dx=y -Dz=\"a b\"", "${x}", "\\n", "\\t", "x \\", "u", "\"q\""};
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& w : words) {
    out.emplace_back("spark.k", w);
    out.emplace_back(w, "v");
    out.emplace_back("k" + w, w + "v");
    out.emplace_back(w + "k", "");
    out.emplace_back(w, w);
  }
  return out;
}

bool Writable(const std::string& k, const std::string& v) {
  return !k.empty() && UnsafeConfigChar(k).empty() && UnsafeConfigChar(v).empty();
}

// --- Tests ------------------------------------------------------------------------

TEST(PropertiesJava, JavaReadsBackWhatWritePropertiesWrote) {
  if (!JavaAvailable()) GTEST_SKIP() << kNoJava;
  std::string dir = TempDir();
  std::vector<std::string> files;
  std::vector<PropertyList> written;
  auto add = [&](PropertyList props) {
    std::string file = dir + "/w" + std::to_string(files.size()) + ".properties";
    WriteFile(file, WriteProperties(props));
    files.push_back(file);
    written.push_back(std::move(props));
  };
  // One file per hand-written pair (keys repeat across them), then files of
  // generated pairs with distinct keys.
  for (const auto& [k, v] : Tricky()) {
    if (Writable(k, v)) add({{k, v}});
  }
  Gen gen(424242);
  for (int f = 0; f < 300; ++f) {
    PropertyList props;
    std::map<std::string, bool> seen;
    size_t n = 1 + gen.Below(6);
    for (size_t i = 0; i < n; ++i) {
      std::string k = gen.Text(5), v = gen.Text(6);
      if (Writable(k, v) && !seen[k]) {
        seen[k] = true;
        props.emplace_back(k, v);
      }
    }
    if (!props.empty()) add(props);
  }
  std::vector<std::string> blocks;
  ASSERT_TRUE(JavaReads(files, &blocks));
  int reports = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string want = Render(files[i], &written[i]);
    if (blocks[i] != want && reports++ < 20) {
      ADD_FAILURE() << "written:\n" << ReadFile(files[i]) << "Java read:\n" << blocks[i] << "wanted:\n" << want;
    }
    // And sparkmc's reader agrees (what the other tests rely on).
    EXPECT_EQ(ReadProperties(ReadFile(files[i])), written[i]) << ReadFile(files[i]);
  }
  std::system(("rm -rf " + ShellQuote(dir)).c_str());
}

TEST(PropertiesJava, ReaderQuirksJavaShowedUs) {
  // What Java 17 reads (checked with ReadPropertiesAgreesWithJava), kept
  // here for machines without a JDK: ReadProperties once got each wrong.
  EXPECT_EQ(ReadProperties("\\\n\nk=v\n"), (PropertyList{{"k", "v"}}));  // an empty continued line is no property
  EXPECT_EQ(ReadProperties("\\\n# c\nk=v\n"), (PropertyList{{"k", "v"}}));  // nor is a comment after it
  EXPECT_EQ(ReadProperties("\\"), (PropertyList{{"", ""}}));  // but the end of the text ends one
  EXPECT_EQ(ReadProperties("\\\n"), (PropertyList{{"", ""}}));
  EXPECT_EQ(ReadProperties("k=a\\\n  # not a comment\n"), (PropertyList{{"k", "a# not a comment"}}));
  EXPECT_EQ(ReadProperties("u=\\uD83D\\uDE00\n"), (PropertyList{{"u", "\xF0\x9F\x98\x80"}}));  // a surrogate pair
  EXPECT_EQ(ReadProperties("u=\\uD800x\n"), (PropertyList{{"u", "\xED\xA0\x80x"}}));  // a lone surrogate, kept
  EXPECT_THROW(ReadProperties("bad=\\u12\n"), std::invalid_argument);
}

TEST(PropertiesJava, SparkTrimsBlanksAtTheEndsOfValues) {
  // Spark's getPropertiesFromFile trims what Properties.load read (all chars
  // up to U+0020 but CR and LF): a value's leading or trailing blanks and
  // tabs never reach Spark, though the file keeps them (as EMR's does).
  if (!JavaAvailable()) GTEST_SKIP() << kNoJava;
  std::string dir = TempDir();
  std::string file = dir + "/t.properties";
  WriteFile(file, WriteProperties({{"spark.a", " x "}, {"spark.b", "\tx\t"}, {"spark.c", " "}, {"spark.d", "x y"}}));
  bool ok = false;
  std::string out = RunJava({file}, &ok);
  ASSERT_TRUE(ok) << out;
  EXPECT_EQ(out, "{\"file\": " + Quote(Utf16(file)) +
                     ",\n\"properties\": {\n\"spark.a\": \" x \",\n\"spark.b\": \"\\u0009x\\u0009\",\n\"spark.c\": \" \",\n"
                     "\"spark.d\": \"x y\"},\n\"spark\": {\n\"spark.a\": \"x\",\n\"spark.b\": \"x\",\n\"spark.c\": \"\",\n"
                     "\"spark.d\": \"x y\"}}\n");
  std::system(("rm -rf " + ShellQuote(dir)).c_str());
}

TEST(PropertiesJava, ReadPropertiesAgreesWithJava) {
  if (!JavaAvailable()) GTEST_SKIP() << kNoJava;
  std::vector<std::string> texts = {
      "",
      "# only a comment\n",
      "! bang comment\n   # indented comment\n\t!tab\n",
      "a=1\nb : 2\nc\\\n   ont 3\nd\\u0041 \\u00e9\n",
      "a=1\r\nb=2\r\nc\\\r\n  d\r\n",
      "a=1\rb=2\rc\\\r  d\r",
      "a=1\n\n\n   \n\t\f\nb=2",
      "key = value with = and : inside\n",
      "key:value\nkey2=value2\nkey3 value3\nkey4\tvalue4\nkey5\fvalue5\n",
      "k1 = = v\nk2 : : v\nk3 =: v\nk4  :  = v\nk5=\nk6\nk7 \n",
      "=v\n:v\n = v\n",
      "dup=1\ndup=2\n",
      "a\\=b=c\na\\:b:c\na\\ b c\n\\#h=1\n\\!b=2\n",
      "esc=\\t\\n\\r\\f\\a\\b\\\\\\/\\\"\\'\n",
      "u=\\u0041\\u00E9\\u65E5\\uD83D\\uDE00\\uFEFF\n",
      "lone=\\uD800x\nlow=\\uDC00\nrev=\\uDE00\\uD83D\n",
      "bad=\\u12\n",
      "bad2=\\uZZZZ\n",
      "bad3=\\u",
      "cont=a\\\n  # not a comment\n",
      "cont=a\\\n\nnext=b\n",
      "cont=a\\\n   \nnext=b\n",
      "cont=a\\",
      "cont=a\\\n",
      "cont=a\\\\\nnext=b\n",
      "cont=a\\\\\\\nb\n",
      "\\\n# after an empty continuation: a comment\nk=v\n",
      "\\\n\nk=v\n",
      "\\",
      "\\\n",
      "  \\\n",
      "\\\n\\\n",
      "k\\\n\\\nv\n",
      "k=v\\\n\\\n",
      "\xEF\xBB\xBF" "bom=1\n",
      "caf\xC3\xA9=th\xC3\xA9\n\xE6\x97\xA5=\xF0\x9F\x98\x80\n",
      "trailing = spaces   \n",
      "spark.master k8s:\\/\\/https:\\/\\/kubernetes.default.svc:443\n",
      "spark.driver.extraJavaOptions -Dlog4j.configuration=file:\\/\\/\\/etc\\/x -Da=b\n",
      "# comment\\\nk=v\n",
      "#\n!\n#\r\n!\r",
      "k=#not a comment\nk2=!neither\n",
      std::string(10000, 'k') + "=" + std::string(10000, 'v') + "\n",
  };
  Gen gen(99);
  for (int i = 0; i < 600; ++i) texts.push_back(gen.File());
  std::string dir = TempDir();
  std::vector<std::string> files;
  for (size_t i = 0; i < texts.size(); ++i) {
    files.push_back(dir + "/r" + std::to_string(i) + ".properties");
    WriteFile(files.back(), texts[i]);
  }
  std::vector<std::string> blocks;
  ASSERT_TRUE(JavaReads(files, &blocks));
  int reports = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string ours = RenderOurs(files[i], texts[i]);
    if (blocks[i] != ours && reports++ < 20) {
      ADD_FAILURE() << "file: " << Quote(Utf16(texts[i])) << "\nJava read:\n" << blocks[i] << "ReadProperties read:\n" << ours;
    }
  }
  std::system(("rm -rf " + ShellQuote(dir)).c_str());
}

}  // namespace
}  // namespace sparkmc::test
