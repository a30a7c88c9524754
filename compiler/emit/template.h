// A small logic-less template language for the EMR data files:
//   {{name}}             the value of name
//   {{#flag}}...{{/flag}} kept when flag is true; {{^flag}}...{{/flag}} when false
//   {{>partial}}         TemplateVars::partial(name), or else the data file
//                        compiler/data/emr/<partial>.yaml.tmpl
//   {{! comment }}       dropped (may span lines)
// A line holding only a section tag is dropped whole, so YAML stays aligned.
#ifndef SPARKMC_EMIT_TEMPLATE_H_
#define SPARKMC_EMIT_TEMPLATE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace sparkmc {

struct TemplateVars {
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  /// The text of a partial: a release states its own pieces.
  std::function<std::string(const std::string& name)> partial;
};

/// How substituted values are escaped: for the file the template makes, at
/// the point of output.
enum class TemplateContext {
  kText,  ///< As is (properties and fluentd values are checked before).
  kYaml,  ///< A value that is a whole scalar (`image: {{x}}`) is written as a
          ///< YAML scalar (quoted when needed); one inside a longer scalar
          ///< must be plain-safe, or it is sparkmc's bug (std::logic_error).
};

/// Renders \a text. An unknown name is a bug in sparkmc's data, not in the
/// user's input, and throws std::logic_error.
std::string RenderTemplate(std::string_view text, const TemplateVars& vars,
                           TemplateContext context = TemplateContext::kText);

}  // namespace sparkmc

#endif  // SPARKMC_EMIT_TEMPLATE_H_
