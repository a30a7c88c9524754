#include "compiler/emit/template.h"

#include <stdexcept>
#include <string_view>
#include <vector>

#include "compiler/data/embedded.h"
#include "compiler/emit/yaml_writer.h"

namespace sparkmc {

namespace {

std::string StripComments(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{!", i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    size_t close = text.find("}}", open);
    if (close == std::string_view::npos) throw std::logic_error("unterminated template comment");
    i = close + 2;
    if (i < text.size() && text[i] == '\n' && (out.empty() || out.back() == '\n')) ++i;
  }
  return out;
}

/// Appends \a line to \a out with its {{name}} tags replaced.
void Substitute(std::string_view line, const TemplateVars& vars, TemplateContext context, std::string* out) {
  size_t i = 0;
  while (i < line.size()) {
    size_t open = line.find("{{", i);
    if (open == std::string_view::npos) {
      out->append(line, i, std::string_view::npos);
      break;
    }
    out->append(line, i, open - i);
    size_t close = line.find("}}", open);
    if (close == std::string_view::npos) throw std::logic_error("unterminated template tag: " + std::string(line));
    std::string name(line.substr(open + 2, close - open - 2));
    auto it = vars.values.find(name);
    if (it == vars.values.end()) throw std::logic_error("template variable not set: " + name);
    if (context == TemplateContext::kYaml) {
      // `key: {{x}}` at the end of the line: the value is the whole scalar.
      bool whole = close + 2 == line.size() && open >= 2 && line.compare(open - 2, 2, ": ") == 0;
      bool item = close + 2 == line.size() && open >= 2 && line.compare(open - 2, 2, "- ") == 0;
      size_t quotes = 0;
      for (size_t q = 0; q < open; ++q) quotes += line[q] == '"' && (q == 0 || line[q - 1] != '\\');
      if (quotes % 2 == 1) {
        *out += YamlQuotedBody(it->second);  // inside "...": escaped for a double-quoted scalar
      } else if (whole || item) {
        *out += YamlScalar(it->second);
      } else if (YamlPlainSafe(it->second) || it->second.empty()) {
        *out += it->second;
      } else {
        throw std::logic_error("value for {{" + name + "}} is not safe inside a YAML scalar: " + it->second);
      }
    } else {
      *out += it->second;
    }
    i = close + 2;
  }
}

}  // namespace

std::string RenderTemplate(std::string_view text, const TemplateVars& vars, TemplateContext context) {
  // Most release defaults are plain values ("2g", "true"): nothing to render.
  if (text.find("{{") == std::string_view::npos) return std::string(text);
  std::string stripped;
  std::string_view src = text;
  if (text.find("{{!") != std::string_view::npos) {
    stripped = StripComments(text);
    src = stripped;
  }
  std::string out;
  out.reserve(src.size());
  std::vector<bool> active{true};
  size_t pos = 0;
  while (pos < src.size()) {
    size_t end = src.find('\n', pos);
    bool has_nl = end != std::string_view::npos;
    std::string_view line = src.substr(pos, has_nl ? end - pos : std::string_view::npos);
    pos = has_nl ? end + 1 : src.size();
    size_t first = line.find_first_not_of(' ');
    std::string_view trimmed = first == std::string_view::npos ? std::string_view() : line.substr(first);
    if (trimmed.size() > 5 && trimmed.compare(0, 2, "{{") == 0 && trimmed.compare(trimmed.size() - 2, 2, "}}") == 0 &&
        (trimmed[2] == '#' || trimmed[2] == '^' || trimmed[2] == '/' || trimmed[2] == '>')) {
      std::string name(trimmed.substr(3, trimmed.size() - 5));
      char kind = trimmed[2];
      if (kind == '/') {
        if (active.size() < 2) throw std::logic_error("unbalanced template section: " + name);
        active.pop_back();
        continue;
      }
      if (kind == '>') {
        if (active.back()) {
          std::string text = vars.partial ? vars.partial(name)
                                          : std::string(EmbeddedData("compiler/data/emr/" + name + ".yaml.tmpl"));
          out += RenderTemplate(text, vars, context);
        }
        continue;
      }
      auto it = vars.flags.find(name);
      if (it == vars.flags.end()) throw std::logic_error("template flag not set: " + name);
      bool on = kind == '#' ? it->second : !it->second;
      active.push_back(active.back() && on);
      continue;
    }
    if (!active.back()) continue;
    Substitute(line, vars, context, &out);
    if (has_nl) out += '\n';
  }
  if (active.size() != 1) throw std::logic_error("unclosed template section");
  return out;
}

}  // namespace sparkmc
