#include "compiler/model/job_template.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>

namespace sparkmc {

namespace {

Location At(const SourceFile& src, const Node& n) {
  return Location{n.source ? n.source->path : src.path, n.line, n.column};
}

/// A NUMBER parameter's value: a decimal number, as JSON writes one.
bool IsNumber(const std::string& v) {
  double d = 0;
  const char* first = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  auto [end, ec] = std::from_chars(first, v.data() + v.size(), d);
  return !v.empty() && ec == std::errc() && end == v.data() + v.size();
}

/// Marks every node of \a n as written in \a src.
void Own(Node* n, const SourceFile* src) {
  if (!n->source) n->source = src;
  for (Node& i : n->items) Own(&i, src);
  for (auto& [k, v] : n->members) {
    Own(&k, src);
    Own(&v, src);
  }
}

/// What a placeholder becomes: its text and the node that wrote it (null:
/// keep the template's place).
struct Value {
  std::string text;
  const Node* origin = nullptr;
};

using Lookup = std::function<bool(const std::string& name, const Node& at, Value* out)>;

/// The parameter a placeholder names, or null after reporting it undeclared.
const TemplateParameter* Declared(const JobTemplate& t, const std::string& name, const Node& at,
                                  std::vector<InputError>* problems) {
  auto it = t.parameters.find(name);
  if (it != t.parameters.end()) return &it->second;
  problems->emplace_back(At(*t.source, at), fmt::format("placeholder ${{{}}} names no parameter of the job "
                                                        "template's parameterConfiguration", name));
  return nullptr;
}

/// Replaces every ${Name} in the scalars of \a n (values and map keys).
void Substitute(Node* n, const Lookup& lookup) {
  if (n->IsScalar()) {
    const std::string& s = n->value;
    if (s.find("${") == std::string::npos) return;
    std::string out;
    const Node* whole = nullptr;
    size_t i = 0;
    while (i < s.size()) {
      size_t open = s.find("${", i);
      size_t close = open == std::string::npos ? open : s.find('}', open + 2);
      if (close == std::string::npos) {
        out.append(s, i, std::string::npos);
        break;
      }
      out.append(s, i, open - i);
      std::string name = s.substr(open + 2, close - open - 2);
      Value v;
      if (lookup(name, *n, &v)) {
        out += v.text;
        if (open == 0 && close + 1 == s.size()) whole = v.origin;
      } else {
        out.append(s, open, close + 1 - open);
      }
      i = close + 1;
    }
    n->value = out;
    if (whole) {  // the value is the run's: point there
      n->line = whole->line;
      n->column = whole->column;
      n->source = whole->source;
    }
    return;
  }
  for (Node& item : n->items) Substitute(&item, lookup);
  for (auto& [k, v] : n->members) {
    Substitute(&k, lookup);
    Substitute(&v, lookup);
  }
}

/// The members of jobTemplateData that a StartJobRun request carries (the
/// rest are the template's own: parameterConfiguration, jobTags).
const char* const kDataMembers[] = {"executionRoleArn", "releaseLabel", "jobDriver", "configurationOverrides"};

Node BuildRequest(const JobTemplate& t, const Node* run, const SourceFile* run_src, const Lookup& lookup,
                  std::vector<InputError>* problems) {
  Node req;
  req.kind = Node::Kind::kMap;
  req.line = run ? run->line : t.data.line;
  req.column = run ? run->column : t.data.column;
  req.source = run ? run_src : t.source.get();
  if (run) {
    for (const auto& [k, v] : run->members) {
      if (k.value == "jobTemplateParameters") continue;  // consumed here
      for (const char* m : kDataMembers) {
        if (k.value == m && t.data.Find(m)) {
          // No source says which of the two EMR uses: refuse to guess.
          problems->emplace_back(At(*run_src, k), fmt::format("{} is set both here and in the job template; EMR's "
                                                              "choice between them is not documented: set it in one place", m));
        }
      }
      Node key = k, value = v;
      Own(&key, run_src);
      Own(&value, run_src);
      req.members.emplace_back(std::move(key), std::move(value));
    }
  } else {
    Node id;
    id.kind = Node::Kind::kScalar;
    id.value = "0000000000000000000template";  // a stand-in: a template names no virtual cluster
    id.line = t.data.line;
    id.column = t.data.column;
    id.source = t.source.get();
    req.members.emplace_back(Node::ScalarAt("virtualClusterId", id), id);
  }
  for (const char* m : kDataMembers) {
    const Node* key = t.data.FindKey(m);
    if (!key || (run && run->Find(m))) continue;
    Node k = *key, v = *t.data.Find(m);
    Own(&k, t.source.get());
    Own(&v, t.source.get());
    Substitute(&v, lookup);
    req.members.emplace_back(std::move(k), std::move(v));
  }
  return req;
}

}  // namespace

bool IsJobTemplate(const Node& doc) { return doc.IsMap() && doc.Find("jobTemplateData"); }

JobTemplate ReadJobTemplate(const Node& doc, std::shared_ptr<const SourceFile> source) {
  JobTemplate t;
  t.source = source;
  t.loc = Location{source->path, doc.line, doc.column};
  const Node* data = doc.Find("jobTemplateData");
  if (!data || !data->IsMap()) {
    throw InputError(data ? At(*source, *data) : t.loc, "a job template needs jobTemplateData, an object");
  }
  t.data = *data;
  for (const char* required : {"executionRoleArn", "releaseLabel", "jobDriver"}) {
    if (!data->Find(required)) {
      throw InputError(At(*source, *doc.FindKey("jobTemplateData")),
                       fmt::format("jobTemplateData is missing required field '{}'", required));
    }
  }
  if (const Node* params = data->Find("parameterConfiguration")) {
    if (!params->IsMap()) throw InputError(At(*source, *params), "parameterConfiguration must be an object");
    for (const auto& [k, v] : params->members) {
      TemplateParameter p;
      p.name = k.value;
      p.loc = At(*source, k);
      if (!v.IsMap()) throw InputError(At(*source, v), fmt::format("parameter '{}' must be an object with type and defaultValue", p.name));
      if (const Node* type = v.Find("type")) {
        p.type = type->value;
        if (p.type != "STRING" && p.type != "NUMBER") {
          throw InputError(At(*source, *type), fmt::format("parameter type must be STRING or NUMBER, not '{}'", type->value));
        }
      }
      if (const Node* def = v.Find("defaultValue")) {
        if (!def->IsScalar()) throw InputError(At(*source, *def), "defaultValue must be a string");
        p.has_default = true;
        p.default_value = def->value;
        p.default_loc = At(*source, *def);
        if (p.type == "NUMBER" && !IsNumber(p.default_value)) {
          throw InputError(p.default_loc, fmt::format("parameter '{}' is a NUMBER but its default '{}' is not a number",
                                                      p.name, p.default_value));
        }
      }
      t.parameters[p.name] = p;
    }
  }
  return t;
}

Node ResolveTemplateRun(const JobTemplate& t, const Node& run, const SourceFile& run_source,
                        std::vector<InputError>* problems) {
  const Node* given = run.Find("jobTemplateParameters");
  const Node* id = run.FindKey("jobTemplateId");
  Location id_loc = id ? At(run_source, *id) : Location{run_source.path, run.line, run.column};
  if (given && given->IsMap()) {
    for (const auto& [k, v] : given->members) {
      auto it = t.parameters.find(k.value);
      if (it == t.parameters.end()) {
        problems->emplace_back(At(run_source, k), fmt::format("job template declares no parameter '{}'", k.value));
      } else if (it->second.type == "NUMBER" && !IsNumber(v.value)) {
        problems->emplace_back(At(run_source, v), fmt::format("parameter '{}' is a NUMBER, and '{}' is not a number",
                                                              k.value, v.value));
      }
    }
  }
  for (const auto& [name, p] : t.parameters) {
    bool supplied = given && given->IsMap() && given->Find(name);
    if (!supplied && !p.has_default) {
      problems->emplace_back(id_loc, fmt::format("job template parameter '{}' has no default: give it in "
                                                 "jobTemplateParameters", name));
    }
  }
  Lookup lookup = [&](const std::string& name, const Node& at, Value* out) {
    const TemplateParameter* p = Declared(t, name, at, problems);
    if (!p) return false;
    const Node* v = given && given->IsMap() ? given->Find(name) : nullptr;
    if (v && v->IsScalar()) {
      out->text = v->value;
      out->origin = v;
      return true;
    }
    if (!p->has_default) return false;
    out->text = p->default_value;
    return true;
  };
  Node run_owned = run;
  Own(&run_owned, &run_source);
  if (given) {
    // The lookup above points at the run's values: make them carry their file.
    given = run_owned.Find("jobTemplateParameters");
  }
  return BuildRequest(t, &run_owned, &run_source, lookup, problems);
}

Node ResolveTemplateAlone(const JobTemplate& t, std::vector<InputError>* problems) {
  Lookup lookup = [&](const std::string& name, const Node& at, Value* out) {
    const TemplateParameter* p = Declared(t, name, at, problems);
    if (!p) return false;
    if (p->has_default) {
      out->text = p->default_value;
      return true;
    }
    if (p->type == "NUMBER") {
      out->text = "1";
      return true;
    }
    return false;  // a STRING without default stays ${Name}: findings about it are dropped
  };
  return BuildRequest(t, nullptr, nullptr, lookup, problems);
}

}  // namespace sparkmc
