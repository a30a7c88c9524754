// A YAML document rendered from a template (a pod template in EMR's
// pod-template ConfigMap), as its text and as the object that text reads as,
// so the emitted manifests can be validated without reading their text again.
//
// The object is built from the template, not from the text: the template is
// rendered once more with a stand-in for each value, that skeleton is parsed
// once per process (it depends only on the sections and partials kept, not on
// the job), and the job's values are put into a copy of the tree the way the
// renderer wrote them. Where the tree alone cannot tell what the text reads
// as (a value alone in a plain scalar that the writer would quote), there is
// no object, and a validator reads the text.
#ifndef SPARKMC_EMIT_RENDERED_YAML_H_
#define SPARKMC_EMIT_RENDERED_YAML_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/emit/template.h"

namespace sparkmc {

struct RenderedYaml {
  std::string text;       ///< RenderTemplate(template, vars, TemplateContext::kYaml).
  /// What text reads as (ToJson of its one document); none when it cannot
  /// be known without reading the text.
  std::optional<nlohmann::json> object;
};

/// Renders \a text with \a vars in the YAML context, and the object of the
/// result. Asks vars.partial once per partial, as RenderTemplate does.
RenderedYaml RenderYamlDocument(std::string_view text, const TemplateVars& vars);

/// How many skeletons this process has parsed: those the built-in table
/// (compiler/data/emr/pod-template-skeletons.txt) does not hold.
size_t RenderedYamlSkeletonParses();

/// Called with every skeleton a render uses, from the table or not (to
/// regenerate the table). Null (the default): no call. Process-wide.
using SkeletonHook = void (*)(const std::string& skeleton);
void SetSkeletonHook(SkeletonHook hook);

/// The table's text for \a skeletons: each parsed, sorted, one line each.
std::string SkeletonTable(std::vector<std::string> skeletons);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_RENDERED_YAML_H_
