// Fixtures shared by the open-source targets' tests.
#ifndef SPARKMC_EMIT_OSS_TEST_UTIL_H_
#define SPARKMC_EMIT_OSS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "compiler/emit/oss_common.h"
#include "compiler/load/document.h"
#include "compiler/model/job_reader.h"
#include "compiler/model/submit_args.h"

namespace sparkmc::oss_test {

using Json = nlohmann::ordered_json;

/// A job from YAML text, as the reader builds it from a file.
inline Job ReadInline(const std::string& yaml) {
  SourceFile src{"job.yaml", yaml};
  return ReadJob(ParseDocuments(src).at(0), src, InputFormat::kStartJobRun);
}

/// An apache/spark image in namespace spark-jobs.
inline OssContext Context() {
  OssContext ctx;
  ctx.namespace_ = "spark-jobs";
  ctx.region = "ap-northeast-2";
  ctx.job_id = "0000000337okspsc913";
  ctx.image = "apache/spark:3.5.1";
  ctx.emr_image = false;
  return ctx;
}

/// The first manifest of \a kind (a test failure when there is none).
inline Json Find(const std::vector<Manifest>& manifests, const std::string& kind) {
  for (const Manifest& m : manifests) {
    if (m.object.value("kind", "") == kind) return m.object;
  }
  ADD_FAILURE() << "no " << kind;
  return Json::object();
}

/// What EMR on EKS gives the driver (its spark-defaults.conf, then
/// sparkSubmitParameters as spark-submit resolves them), less what the
/// open-source targets document as dropped or replaced.
inline std::map<std::string, std::string> ExpectedDriverProperties(const Job& job, const OssContext& ctx) {
  std::map<std::string, std::string> want;
  for (const Property& p : SparkDefaults(job, EmrContext{ctx.namespace_, ctx.region, ctx.job_id})) want[p.key] = p.value;
  for (const OssDrop& d : OssSparkProperties(job, ctx).dropped) {
    if (d.replaced) want[d.key] = d.replacement;
    else want.erase(d.key);
  }
  for (const Property& p : EffectiveSubmitProperties(job.submit_properties)) want[p.key] = p.value;
  return want;
}

}  // namespace sparkmc::oss_test

#endif  // SPARKMC_EMIT_OSS_TEST_UTIL_H_
