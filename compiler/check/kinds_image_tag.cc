// The image-tag kind: container images without a tag or with one that moves,
// in properties and pod templates.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/data/embedded.h"

namespace sparkmc::kinds {

namespace {

std::string MutableTag(const std::vector<std::string>& mutable_tags, const std::string& image) {
  if (image.find('@') != std::string::npos) return "";  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "no tag (means latest)";
  std::string tag = image.substr(colon + 1);
  for (const std::string& m : mutable_tags) {
    if (tag == m) return "tag '" + tag + "'";
  }
  return "";
}

struct ImageTagParams {
  std::vector<std::string> properties;
  std::vector<std::string> mutable_tags;
  static std::vector<ParamField> Fields() {
    return {Param<&ImageTagParams::properties>("properties", kOptional,
                                               "the properties that name an image; pod template containers are "
                                               "always checked"),
            Param<&ImageTagParams::mutable_tags>("mutableTags", kOptional,
                                                 "tags that move (an image without a tag is latest, and always reported)")};
  }
};

class ImageTagCheck : public KindCheck<ImageTagParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void ImageTagCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  if (const Job* job = JobOf(s)) {
    for (const std::string& key : p_.properties) {
      for (const Property* p : UserProperties(*job)) {
        if (p->key != key) continue;
        std::string why = MutableTag(p_.mutable_tags, p->value);
        if (!why.empty()) out->push_back(At(p->loc, fmt::format("image '{}' has {}: what runs can change under you", p->value, why)));
      }
    }
  }
  for (const PodTemplateInput& t : s.templates) {
    const Node* spec = t.doc.Find("spec");
    if (!spec) continue;
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = spec->Find(list);
      if (!cs || !cs->IsSequence()) continue;
      for (const Node& c : cs->items) {
        const Node* img = c.Find("image");
        if (!img) continue;
        std::string why = MutableTag(p_.mutable_tags, img->value);
        if (!why.empty()) out->push_back(At(NodeLoc(t, *img), fmt::format("image '{}' has {}: what runs can change under you", img->value, why)));
      }
    }
  }
}

}  // namespace

RuleKind ImageTagKind() { return MakeRuleKind<ImageTagCheck>("image-tag", "container images with a mutable tag"); }

}  // namespace sparkmc::kinds
