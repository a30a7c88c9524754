// The fluentd config writer: monitoring settings that pass FindInjections
// must never change the config's structure. Line by line, the config holds
// the same directives, parameter names, words and double-quoted strings as
// the config for plain values; no user value ends a quoted string early,
// adds a backslash escape or a Ruby interpolation inside one, or starts a
// comment; and the log group name reads back from its quoted string as
// given. Any exception escapes: libFuzzer reports it as a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/check/injection.h"
#include "compiler/emit/emr_eks.h"
#include "compiler/model/s3_uri.h"

namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

struct Token {
  char kind;         ///< 'w' a word, 'q' a double-quoted string, 'u' one never closed.
  std::string text;  ///< For 'q', the raw text between the quotes.
};

/// A fluentd config line as fluentd's parser splits it: blank-separated
/// words and double-quoted strings (a backslash escapes the next character).
std::vector<Token> Tokens(const std::string& line) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      size_t j = i + 1;
      while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      if (j >= line.size()) {
        out.push_back({'u', line.substr(i + 1)});
        return out;
      }
      out.push_back({'q', line.substr(i + 1, j - i - 1)});
      i = j + 1;
      continue;
    }
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '"') ++j;
    out.push_back({'w', line.substr(i, j - i)});
    i = j;
  }
  return out;
}

/// Traps unless \a conf has the structure of \a plain (the same config for
/// plain values).
void SameStructure(const std::string& conf, const std::string& plain) {
  std::vector<std::string> a = Lines(conf), b = Lines(plain);
  if (a.size() != b.size()) __builtin_trap();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    std::vector<Token> ta = Tokens(a[i]), tb = Tokens(b[i]);
    if (ta.size() != tb.size()) __builtin_trap();
    for (size_t k = 0; k < ta.size(); ++k) {
      if (ta[k].kind != tb[k].kind || ta[k].kind == 'u') __builtin_trap();
      if (ta[k].kind == 'w') {
        // Directives and parameter names are the template's; a value word
        // (s3_bucket) may differ, but never start a comment or a directive.
        if (k == 0 && ta[k].text != tb[k].text) __builtin_trap();
        if (ta[k].text != tb[k].text && (ta[k].text[0] == '#' || ta[k].text[0] == '<' || ta[k].text[0] == '@')) {
          __builtin_trap();
        }
        continue;
      }
      // A quoted string: no escapes and no interpolation beyond the template's.
      if (Count(ta[k].text, "\\") != Count(tb[k].text, "\\")) __builtin_trap();
      if (Count(ta[k].text, "#{") != Count(tb[k].text, "#{")) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sparkmc;
  std::string text(reinterpret_cast<const char*>(data), size);
  // Three fields separated by '\x01': log group, stream prefix, log URI.
  std::string parts[3];
  size_t field = 0;
  for (char c : text) {
    if (c == '\x01' && field < 2) ++field;
    else parts[field] += c;
  }
  Job job;
  job.virtual_cluster_id = Field{"vc0", Location{}, true};
  job.release_label = Field{"emr-6.8.0-latest", Location{}, true};
  job.account_id = "123456789012";
  job.role_name = "role";
  job.monitoring.cloudwatch = true;
  job.monitoring.log_group_name = Field{parts[0].empty() ? "g" : parts[0], Location{}, true};
  job.monitoring.log_stream_name_prefix = Field{parts[1], Location{}, !parts[1].empty()};
  job.monitoring.s3 = true;
  job.monitoring.log_uri = Field{parts[2], Location{}, true};
  // A logUri that is no S3 URI is refused before (the schema rule's).
  std::string why;
  ParseS3Uri(parts[2], &why);
  if (!why.empty()) return 0;
  if (!FindInjections(job).empty()) return 0;
  EmrContext ctx{"ns", "us-east-1", "0000000000000000001"};
  Job plain = job;
  plain.monitoring.log_group_name.value = "g";
  plain.monitoring.log_stream_name_prefix.value = "p";
  plain.monitoring.log_stream_name_prefix.set = true;
  plain.monitoring.log_uri.value = "s3://bucket-name/prefix/";
  for (const char* role : {"driver", "executor", "job"}) {
    std::string conf = FluentdConfig(job, ctx, role);
    // The structure is fixed by the templates: count directives.
    if (Count(conf, "<match") != Count(conf, "</match>")) __builtin_trap();
    if (Count(conf, "<worker") != Count(conf, "</worker>")) __builtin_trap();
    if (Count(conf, "#{") != Count(conf, "#{ENV['")) __builtin_trap();
    SameStructure(conf, FluentdConfig(plain, ctx, role));
    // The log group reads back as given.
    std::string plain_conf = FluentdConfig(plain, ctx, role);
    if (Count(plain_conf, "log_group_name \"g\"") !=
        Count(conf, "log_group_name \"" + job.monitoring.log_group_name.value + "\"")) {
      __builtin_trap();
    }
  }
  return 0;
}
