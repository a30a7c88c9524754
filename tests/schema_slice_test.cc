// The slice of the Pod schema (cmake/slice_schema.cc) is a fast first check
// for what sparkmc emits. It must accept only what the full schema accepts,
// and ValidateJson's verdict (the slice's, then the schema's without its
// annotations) must be the full upstream schema's.
// Both are checked here against valijson run directly on the full upstream
// schema, for the pod templates sparkmc emits and thousands of mutations of
// them (each value given another type, each member removed, a member added).
#include <gtest/gtest.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <memory>

#include "compiler/check/schema.h"
#include "compiler/data/embedded.h"
#include "compiler/driver/compile.h"
#include "tests/test_util.h"

namespace sparkmc::test {
namespace {

/// valijson on an embedded schema, nothing of schema.cc in between.
class Reference {
 public:
  explicit Reference(const char* path) : doc_(nlohmann::json::parse(EmbeddedData(path))) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::NlohmannJsonAdapter adapter(doc_);
    parser.populateSchema(adapter, schema_);
  }
  bool Accepts(const nlohmann::json& doc) {
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    try {
      return validator_.validate(schema_, adapter, nullptr);
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  nlohmann::json doc_;
  valijson::Schema schema_;
  valijson::Validator validator_{valijson::Validator::kStrongTypes};
};

/// The objects of the pod templates EMR's ConfigMap holds, for a few jobs.
std::vector<nlohmann::json> EmittedPods() {
  std::vector<nlohmann::json> out;
  for (const char* name : {"pi", "pi-logs", "pi-prometheus"}) {
    auto source = std::make_shared<SourceFile>(ReadSourceFile(SourcePath(std::string("examples/") + name + ".json"), 1 << 20));
    std::vector<LoadedJob> jobs = LoadJobs(source, LoadOptions{});
    ContextFlags flags{"emr-cli", "ap-northeast-2", "0000000337okspsc913"};
    for (const Manifest& m : Compile(jobs[0], ResolveContext(jobs[0], flags, ProjectConfig{}))) {
      for (const auto& [key, object] : m.data_objects) out.push_back(object);
    }
  }
  return out;
}

/// Every JSON pointer into \a j.
void Pointers(const nlohmann::json& j, const nlohmann::json::json_pointer& at, std::vector<nlohmann::json::json_pointer>* out) {
  out->push_back(at);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) Pointers(*it, at / it.key(), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) Pointers(j[i], at / i, out);
  }
}

std::vector<nlohmann::json> Mutations(const nlohmann::json& pod) {
  std::vector<nlohmann::json> out;
  std::vector<nlohmann::json::json_pointer> pointers;
  Pointers(pod, nlohmann::json::json_pointer(), &pointers);
  const nlohmann::json kOthers[] = {nullptr, 7, -1, 2.5, true, "text", "", nlohmann::json::array(), nlohmann::json::object(),
                                    nlohmann::json::array({1}), nlohmann::json{{"k", 1}}};
  for (const auto& p : pointers) {
    if (p.empty()) continue;
    for (const nlohmann::json& other : kOthers) {
      nlohmann::json m = pod;
      m[p] = other;
      out.push_back(std::move(m));
    }
    nlohmann::json removed = pod;
    removed.at(p.parent_pointer()).is_object() ? (void)removed.at(p.parent_pointer()).erase(p.back())
                                               : (void)removed.at(p.parent_pointer()).erase(std::stoul(p.back()));
    out.push_back(std::move(removed));
    if (pod.at(p).is_object()) {
      for (const char* name : {"unknownField", "status", "hostNetwork", "priority"}) {
        nlohmann::json added = pod;
        added[p][name] = "x";
        out.push_back(std::move(added));
      }
    }
  }
  return out;
}

TEST(SchemaSlice, EmittedPodsPassTheSliceAndItAcceptsOnlyWhatTheFullSchemaAccepts) {
  Reference full("schemas/k8s/pod-v1.json");
  Reference slice("schemas-sliced/k8s/pod-v1.json");
  size_t refusals = SchemaSliceRefusals();
  std::vector<nlohmann::json> pods = EmittedPods();
  ASSERT_GE(pods.size(), 6u);
  // What sparkmc emits takes the fast path.
  EXPECT_EQ(SchemaSliceRefusals(), refusals);
  size_t checked = 0, refused_by_full = 0;
  for (const nlohmann::json& pod : pods) {
    ASSERT_TRUE(full.Accepts(pod)) << pod.dump(1);
    ASSERT_TRUE(slice.Accepts(pod)) << pod.dump(1);
    for (const nlohmann::json& m : Mutations(pod)) {
      bool by_full = full.Accepts(m);
      if (slice.Accepts(m)) ASSERT_TRUE(by_full) << "the slice accepts what the Pod schema refuses:\n" << m.dump(1);
      ASSERT_EQ(ValidateJson(m, SchemaId::kPod).empty(), by_full) << m.dump(1);
      refused_by_full += !by_full;
      ++checked;
    }
  }
  EXPECT_GT(checked, 3000u);
  EXPECT_GT(refused_by_full, 500u);  // the mutations do reach the schema's constraints
}

TEST(SchemaSlice, ConfigMapWithoutAnnotationsJudgesAsTheFullSchema) {
  Reference full("schemas/k8s/configmap-v1.json");
  nlohmann::json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                       {"metadata", {{"name", "a"}, {"namespace", "b"}, {"labels", {{"k", "v"}}}}},
                       {"data", {{"spark-defaults.conf", "x"}}}};
  ASSERT_TRUE(full.Accepts(cm));
  size_t refusals = SchemaSliceRefusals();
  EXPECT_TRUE(ValidateJson(cm, SchemaId::kConfigMap).empty());
  EXPECT_EQ(SchemaSliceRefusals(), refusals);
  for (const nlohmann::json& m : Mutations(cm)) EXPECT_EQ(ValidateJson(m, SchemaId::kConfigMap).empty(), full.Accepts(m)) << m.dump();
}

}  // namespace
}  // namespace sparkmc::test

namespace sparkmc::test {
namespace {

/// The schema's annotations removed, written apart from cmake/slice_schema.cc:
/// keyword positions only, never a property named "description".
nlohmann::json Strip(const nlohmann::json& j) {
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(Strip(v));
    return out;
  }
  if (!j.is_object()) return j;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k == "description" || k.rfind("x-kubernetes-", 0) == 0) continue;
    if ((k == "properties" || k == "patternProperties" || k == "definitions" || k == "dependencies") && it->is_object()) {
      for (auto m = it->begin(); m != it->end(); ++m) out[k][m.key()] = Strip(*m);
      if (it->empty()) out[k] = nlohmann::json::object();
    } else {
      out[k] = Strip(*it);
    }
  }
  return out;
}

TEST(SchemaCompact, EverySchemaIsValidatedWithItsConstraintsAndNothingElse) {
  size_t schemas = 0;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    std::string path(f.path);
    if (path.rfind("schemas/", 0) != 0 || path.size() < 5 || path.compare(path.size() - 5, 5, ".json") != 0) continue;
    ++schemas;
    nlohmann::json want = Strip(nlohmann::json::parse(f.content));
    nlohmann::json got = nlohmann::json::parse(EmbeddedData("schemas-compact/" + path.substr(8)));
    // Definitions nothing refers to may go; every one kept is whole.
    nlohmann::json want_defs = want.value("definitions", nlohmann::json::object());
    nlohmann::json got_defs = got.value("definitions", nlohmann::json::object());
    want.erase("definitions");
    got.erase("definitions");
    EXPECT_EQ(got, want) << path;
    for (auto it = got_defs.begin(); it != got_defs.end(); ++it) EXPECT_EQ(*it, want_defs[it.key()]) << path << " " << it.key();
    EXPECT_GE(got_defs.size() * 10, want_defs.size() * 9) << path;  // and few go
  }
  EXPECT_GE(schemas, 10u);
}

}  // namespace
}  // namespace sparkmc::test
