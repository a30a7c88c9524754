#include "compiler/model/names.h"

#include <gtest/gtest.h>

namespace sparkmc {
namespace {

TEST(Names, Base36OfRoleNameMatchesCaptures) {
  // From the service account names in the captured pod templates.
  EXPECT_EQ(Base36("ts-eks-emr-eks-emr-cli"), "j3uv6jk0kk3sogu231qj91fmo3mvwfl561");
  EXPECT_EQ(Base36("a"), "2p");  // 97 = 2*36 + 25
  EXPECT_EQ(Base36(""), "0");
}

TEST(Names, DerivedJobIdIsStableAndShaped) {
  std::string a = DerivedJobId("{\"name\":\"pi\"}");
  EXPECT_EQ(a, DerivedJobId("{\"name\":\"pi\"}"));
  EXPECT_NE(a, DerivedJobId("{\"name\":\"pj\"}"));
  ASSERT_EQ(a.size(), 19u);
  for (char c : a) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
}

TEST(Names, Dns1123Label) {
  EXPECT_EQ(CheckDns1123Label("emr-cli"), "");
  EXPECT_NE(CheckDns1123Label("Emr"), "");
  EXPECT_NE(CheckDns1123Label("../x"), "");
  EXPECT_NE(CheckDns1123Label("-a"), "");
  EXPECT_NE(CheckDns1123Label(std::string(64, 'a')), "");
}

}  // namespace
}  // namespace sparkmc
