#include "compiler/model/s3_uri.h"

#include <fmt/format.h>

namespace sparkmc {

namespace {

// S3's bucket naming rules, by hand: no user-sized string goes through std::regex.
bool ValidBucket(std::string_view b) {
  if (b.size() < 3 || b.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(b.front()) || !alnum(b.back())) return false;
  for (char c : b) {
    if (!alnum(c) && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace

S3Uri ParseS3Uri(std::string_view uri, std::string* why) {
  std::string_view rest;
  if (uri.substr(0, 5) == "s3://") {
    rest = uri.substr(5);
  } else if (uri.substr(0, 6) == "s3a://") {
    rest = uri.substr(6);
  } else {
    *why = "logUri must be an S3 URI: s3://bucket/prefix/";
    return {};
  }
  size_t slash = rest.find('/');
  std::string_view bucket = rest.substr(0, slash);
  if (bucket.empty()) {
    *why = "logUri has no bucket (s3:///...): EMR cannot deliver the logs; write s3://bucket/prefix/";
    return {};
  }
  if (!ValidBucket(bucket)) {
    *why = fmt::format("'{}' is not a valid S3 bucket name", bucket.size() > 80 ? std::string(bucket.substr(0, 77)) + "..." : std::string(bucket));
    return {};
  }
  std::string_view prefix = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  while (!prefix.empty() && prefix.front() == '/') prefix.remove_prefix(1);
  S3Uri out;
  out.bucket = std::string(bucket);
  out.prefix = prefix.empty() ? "" : std::string(prefix) + "/";
  why->clear();
  return out;
}

}  // namespace sparkmc
