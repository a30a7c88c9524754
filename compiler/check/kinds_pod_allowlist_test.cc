// The pod-allowlist kind: user pod templates against EMR's allowlists (data
// files named by the rule) and the names EMR reserves.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

const std::string kAllowlists =
    "  podAllowlist: compiler/data/emr/driver-pod-allowlist.txt\n"
    "  containerAllowlist: compiler/data/emr/driver-container-allowlist.txt\n";

TEST(KindPodAllowlist, AllowlistsAreRequiredEmbeddedDataFiles) {
  EXPECT_EQ(DeclarationError("pod-allowlist", kAllowlists), "");
  EXPECT_EQ(DeclarationError("pod-allowlist", ""), "rules/t.yaml:1:1: kind 'pod-allowlist' needs the parameter 'podAllowlist'");
  EXPECT_EQ(DeclarationError("pod-allowlist", "  podAllowlist: compiler/data/emr/driver-pod-allowlist.txt\n"),
            "rules/t.yaml:8:3: kind 'pod-allowlist' needs the parameter 'containerAllowlist'");
  EXPECT_EQ(DeclarationError("pod-allowlist", "  podAllowlist: data/nope.txt\n  containerAllowlist: data/nope.txt\n"),
            "rules/t.yaml:9:23: parameter 'containerAllowlist' of kind 'pod-allowlist' must be the path of one of sparkmc's "
            "data files (e.g. compiler/data/emr/driver-pod-allowlist.txt)");
  EXPECT_EQ(DeclarationError("pod-allowlist", kAllowlists + "  reservedEnv: SPARK_HOME\n"),
            "rules/t.yaml:10:16: parameter 'reservedEnv' of kind 'pod-allowlist' must be a list of strings");
  EXPECT_EQ(DeclarationError("pod-allowlist", kAllowlists + "  mainContainers: {driver: [a]}\n"),
            "rules/t.yaml:10:19: parameter 'mainContainers' of kind 'pod-allowlist' must be a mapping of strings");
}

TEST(KindPodAllowlist, FieldsOutsideTheAllowlistsAndReservedNames) {
  RuleSpec rule = DeclareRule("pod-allowlist", kAllowlists + "  reservedEnv: [SPARK_CONTAINER_ID]\n  reservedVolumes: [mnt-dir]\n");
  const std::string tmpl =
      "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n  volumes:\n    - name: mnt-dir\n      emptyDir: {}\n"
      "  containers:\n    - name: spark-kubernetes-driver\n      image: x\n"
      "      env:\n        - name: SPARK_CONTAINER_ID\n          value: x\n";
  auto fired = RunRule(rule, "", {{"driver", tmpl}});
  EXPECT_TRUE(Has(fired, "template0.yaml:4:3: pod.spec.hostNetwork is not in EMR's driver pod allowlist")) << Shown(fired);
  EXPECT_TRUE(Has(fired, "template0.yaml:6:13: volume name 'mnt-dir' is reserved by EMR on EKS")) << Shown(fired);
  EXPECT_TRUE(Has(fired, "template0.yaml:10:7: container.image is not allowed on the Spark driver container")) << Shown(fired);
  EXPECT_TRUE(Has(fired, "template0.yaml:12:17: environment variable 'SPARK_CONTAINER_ID' is reserved by EMR on EKS"))
      << Shown(fired);
  EXPECT_EQ(fired.size(), 4u) << Shown(fired);
}

TEST(KindPodAllowlist, MainContainersNamesTheSparkContainer) {
  // A sidecar is not restricted by the container allowlist; which container is
  // the Spark one comes from mainContainers.
  const std::string tmpl = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: spark\n      securityContext: {}\n";
  auto renamed = RunRule(DeclareRule("pod-allowlist", kAllowlists + "  mainContainers: {driver: spark}\n"), "", {{"driver", tmpl}});
  EXPECT_TRUE(Has(renamed, "container.securityContext is not allowed on the Spark driver container")) << Shown(renamed);
  auto sidecar = RunRule(DeclareRule("pod-allowlist", kAllowlists), "", {{"driver", tmpl}});
  EXPECT_FALSE(Has(sidecar, "container.securityContext")) << Shown(sidecar);
}

}  // namespace
}  // namespace sparkmc::test
