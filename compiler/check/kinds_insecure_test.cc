// The insecure kind: insecure property values, and pod settings and host
// paths that give a job the node.
#include <gtest/gtest.h>

#include "compiler/check/kind_test_util.h"

namespace sparkmc::test {
namespace {

std::string HostPathTemplate(const std::string& path) {
  return "apiVersion: v1\nkind: Pod\nspec:\n  volumes:\n    - name: v\n      hostPath:\n        path: " + path +
         "\n  containers:\n    - name: spark-kubernetes-driver\n";
}

TEST(KindInsecure, ParamsAreCheckedWhenDeclared) {
  EXPECT_EQ(DeclarationError("insecure", ""), "");
  EXPECT_EQ(DeclarationError("insecure", "  properties: {spark.authenticate: false}\n"),
            "rules/t.yaml:8:15: parameter 'properties' of kind 'insecure' must be a mapping of strings");
  EXPECT_EQ(DeclarationError("insecure", "  sensitiveHostPaths: compiler/data/k8s/none.tsv\n"),
            "rules/t.yaml:8:23: parameter 'sensitiveHostPaths' of kind 'insecure' must be the path of one of sparkmc's data "
            "files (e.g. compiler/data/emr/driver-pod-allowlist.txt)");
  EXPECT_EQ(DeclarationError("insecure", "  sensitiveHostPathSuffix: {}\n"),
            "rules/t.yaml:8:3: kind 'insecure' takes no parameter 'sensitiveHostPathSuffix', did you mean "
            "'sensitiveHostPathSuffixes'?");
}

TEST(KindInsecure, PropertiesCompareIgnoringCase) {
  RuleSpec rule = DeclareRule("insecure", "  properties: {spark.authenticate: \"false\"}\n");
  auto fired = RunRule(rule, JobWith({"spark.authenticate=FALSE"}));
  ASSERT_EQ(fired.size(), 1u) << Shown(fired);
  EXPECT_TRUE(Has(fired, "spark.authenticate=FALSE turns off a protection")) << Shown(fired);
  EXPECT_TRUE(RunRule(rule, JobWith({"spark.authenticate=true"})).empty());
}

TEST(KindInsecure, HostPathsByTheRulesTables) {
  // Without a table, every hostPath is reported.
  auto every = RunRule(DeclareRule("insecure", ""), "", {{"driver", HostPathTemplate("/local1")}});
  EXPECT_TRUE(Has(every, "a hostPath volume exposes the node's filesystem to the pod")) << Shown(every);
  // With one, only what it covers: a directory entry covers what is below it,
  // after lexical normalisation; the longest entry wins; suffixes come last.
  RuleSpec rule = DeclareRule("insecure", "  extraSensitiveHostPaths: {/etc/: the node's configuration, /etc/kubernetes/: "
                                          "the kubelet's credentials}\n  sensitiveHostPathSuffixes: {docker.sock: a Docker socket}\n");
  auto etc = RunRule(rule, "", {{"driver", HostPathTemplate("/etc//kubernetes/./pki")}});
  EXPECT_TRUE(Has(etc, "hostPath /etc//kubernetes/./pki (/etc/kubernetes/pki), inside /etc/kubernetes, exposes the kubelet's "
                       "credentials"))
      << Shown(etc);
  auto sock = RunRule(rule, "", {{"driver", HostPathTemplate("/run/docker.sock")}});
  EXPECT_TRUE(Has(sock, "hostPath /run/docker.sock exposes a Docker socket")) << Shown(sock);
  EXPECT_TRUE(RunRule(rule, "", {{"driver", HostPathTemplate("/local1")}}).empty());
  EXPECT_TRUE(RunRule(rule, "", {{"driver", HostPathTemplate("/etcetera")}}).empty());
}

TEST(KindInsecure, PrivilegedPods) {
  const std::string tmpl = "apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: x\n"
                           "      securityContext:\n        privileged: true\n";
  auto fired = RunRule(DeclareRule("insecure", ""), "", {{"executor", tmpl}});
  EXPECT_TRUE(Has(fired, "template0.yaml:4:12: pod.spec.hostPID shares the node's namespaces with the pod")) << Shown(fired);
  EXPECT_TRUE(Has(fired, "template0.yaml:9:21: a privileged container has full access to the node")) << Shown(fired);
}

}  // namespace
}  // namespace sparkmc::test
