// S3 URIs as EMR on EKS reads logUri: bucket and key prefix.
#ifndef SPARKMC_MODEL_S3_URI_H_
#define SPARKMC_MODEL_S3_URI_H_

#include <string>
#include <string_view>

namespace sparkmc {

/// s3://bucket/prefix split into bucket and prefix ("" or ending in '/').
struct S3Uri {
  std::string bucket;
  std::string prefix;
};

/// Parses an S3 URI (s3:// or s3a://); on failure returns an empty S3Uri and
/// says why in \a why ("" on success). Bucket names follow S3's rules: 3 to 63
/// lowercase letters, digits, '.' and '-', starting and ending alphanumeric.
S3Uri ParseS3Uri(std::string_view uri, std::string* why);

}  // namespace sparkmc

#endif  // SPARKMC_MODEL_S3_URI_H_
