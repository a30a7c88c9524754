#include "compiler/check/emr_learn.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include <map>
#include <set>

#include "compiler/base/error.h"
#include "compiler/base/text.h"
#include "compiler/check/configmap_diff.h"
#include "compiler/emit/emr_eks.h"
#include "compiler/emit/emr_facts.h"
#include "compiler/emit/properties.h"
#include "compiler/emit/template.h"
#include "compiler/emit/yaml_writer.h"

namespace sparkmc {

namespace {

enum class Mode {
  kAny,      ///< Anywhere: long values no text holds by chance (images, composites).
  kBounded,  ///< Not inside a longer word of letters and digits (ids, region).
  kWord,     ///< Only as a whole word (namespace, log group, bucket: short, common words).
};

struct Rule {
  std::string token;
  std::string value;
  Mode mode;
};

bool Alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool WordChar(char c) { return Alnum(c) || c == '.' || c == '_' || c == '/' || c == '-'; }

std::vector<Rule> Rules(const TemplateVars& vars) {
  auto v = [&](const char* name) {
    auto it = vars.values.find(name);
    return it == vars.values.end() ? std::string() : it->second;
  };
  std::vector<Rule> r = {
      {"{{spark_image}}", v("spark_image"), Mode::kAny},
      {"{{fluentd_image}}", v("fluentd_image"), Mode::kAny},
      {"{{appinfo_bucket}}", v("appinfo_bucket"), Mode::kAny},
      {"{{registry}}", v("registry"), Mode::kAny},
  };
  if (!v("s3_bucket").empty()) {
    r.push_back({"{{s3_bucket}}/{{s3_prefix}}{{vcid}}", v("s3_bucket") + "/" + v("s3_prefix") + v("vcid"), Mode::kAny});
  }
  if (!v("stream_prefix").empty()) r.push_back({"{{stream_prefix}}{{vcid}}", v("stream_prefix") + v("vcid"), Mode::kAny});
  if (!v("s3_prefix").empty()) r.push_back({"{{s3_prefix}}{{vcid}}", v("s3_prefix") + v("vcid"), Mode::kAny});
  for (const char* id : {"vcid", "job_id", "account_id", "role_b36", "region"}) {
    r.push_back({std::string("{{") + id + "}}", v(id), Mode::kBounded});
  }
  for (const char* word : {"log_group", "namespace", "s3_bucket"}) {
    r.push_back({std::string("{{") + word + "}}", v(word), Mode::kWord});
  }
  return r;
}

/// A pod template's text without metadata.ownerReferences (a uid of the run
/// that the conformance rules ignore), as kubectl prints it: the key's lines
/// and those indented below it, or list items at its indent.
std::string StripOwnerReferences(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    lines.push_back(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos + 1));
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  auto indent = [](const std::string& l) { return l.find_first_not_of(' '); };
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    size_t in = indent(lines[i]);
    if (in == std::string::npos || lines[i].compare(in, 16, "ownerReferences:") != 0) {
      out += lines[i];
      continue;
    }
    size_t j = i + 1;
    while (j < lines.size()) {
      size_t jn = indent(lines[j]);
      if (jn == std::string::npos || jn > in || (jn == in && lines[j].compare(jn, 2, "- ") == 0)) ++j;
      else break;
    }
    // `metadata:` left with nothing under it reads as null, not {}.
    size_t last = out.rfind('\n', out.size() >= 2 ? out.size() - 2 : 0);
    std::string prev = out.substr(last == std::string::npos ? 0 : last + 1);
    size_t pin = indent(prev);
    bool next_is_sibling = j >= lines.size() || indent(lines[j]) <= pin;
    if (in > pin && pin != std::string::npos && next_is_sibling && !prev.empty() && prev.back() == '\n' &&
        prev.size() >= 2 && prev[prev.size() - 2] == ':') {
      out.insert(out.size() - 1, " {}");
    }
    i = j - 1;
  }
  return out;
}

/// The capture's text with each line sparkmc also writes replaced by the
/// template line that wrote it (keeping its variables where the template puts
/// them), and the others, EMR's own, with the job's values turned back into
/// variables. Lines are matched by a longest common subsequence.
/// EMR writes an env var's `value: 0.9` plain, which YAML reads as a number
/// and the Pod schema refuses (EnvVar and Toleration values are strings); as
/// sparkmc's own templates do, a learned line writes it quoted.
std::string QuoteValue(const std::string& line) {
  size_t in = line.find_first_not_of(' ');
  if (in == std::string::npos) return line;
  size_t at = line.compare(in, 2, "- ") == 0 ? in + 2 : in;
  if (line.compare(at, 7, "value: ") != 0) return line;
  std::string v = line.substr(at + 7);
  if (v.empty() || v[0] == '"' || v[0] == '\'' || v.find("{{") != std::string::npos) return line;
  return line.substr(0, at + 7) + YamlScalar(v);
}

/// A capture's text with nothing of sparkmc's to match it: every line learned.
std::string LearnAll(const std::string& text, const TemplateVars& vars, bool pod) {
  if (!pod) return Variablize(text, vars);
  std::string out;
  std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    out += QuoteValue(Variablize(lines[i], vars));
    if (i + 1 < lines.size() || (!text.empty() && text.back() == '\n')) out += '\n';
  }
  return out;
}

std::string Merge(const std::string& capture, const std::string& rendered, const std::string& skeleton,
                  const TemplateVars& vars, bool pod) {
  std::vector<std::string> c = SplitLines(capture), r = SplitLines(rendered), s = SplitLines(skeleton);
  bool trailing = !capture.empty() && capture.back() == '\n';
  if (r.size() != s.size() || c.size() * r.size() > 16000000) return LearnAll(capture, vars, pod);
  size_t n = c.size(), m = r.size();
  std::vector<std::vector<uint16_t>> l(n + 1, std::vector<uint16_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      l[i][j] = c[i] == r[j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  while (i < n) {
    if (j < m && c[i] == r[j]) {
      out += s[j];
      ++i;
      ++j;
    } else if (j < m && l[i][j + 1] >= l[i + 1][j]) {
      ++j;
    } else {
      out += pod ? QuoteValue(Variablize(c[i], vars)) : Variablize(c[i], vars);
      ++i;
    }
    if (i < n || trailing) out += '\n';
  }
  return out;
}

std::string ImageTemplate(const std::string& image, const std::string& registry, const std::string& tag) {
  std::string t = image;
  if (!registry.empty() && t.rfind(registry + "/", 0) == 0) t = "{{registry}}" + t.substr(registry.size());
  std::string suffix = ":" + tag;
  if (!tag.empty() && t.size() > suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
    t = t.substr(0, t.size() - suffix.size()) + ":{{tag}}";
  }
  return t;
}

/// The image of container \a name in a pod template's text, or "".
std::string ContainerImage(const std::string& pod_text, const std::string& name) {
  std::vector<Node> docs;
  try {
    docs = ParseDocuments(SourceFile{"<pod template>", pod_text});
  } catch (const InputError&) {
    return "";
  }
  const Node* spec = docs.empty() ? nullptr : docs[0].Find("spec");
  const Node* containers = spec ? spec->Find("containers") : nullptr;
  if (!containers || !containers->IsSequence()) return "";
  for (const Node& c : containers->items) {
    const Node* n = c.Find("name");
    const Node* image = c.Find("image");
    if (n && n->value == name && image && image->IsScalar()) return image->value;
  }
  return "";
}

}  // namespace

std::string Variablize(const std::string& text, const TemplateVars& vars) {
  struct Seg {
    bool var;
    std::string text;
  };
  std::vector<Seg> segs{{false, text}};
  for (const Rule& rule : Rules(vars)) {
    if (rule.value.empty()) continue;
    std::vector<Seg> next;
    for (const Seg& seg : segs) {
      if (seg.var) {
        next.push_back(seg);
        continue;
      }
      const std::string& t = seg.text;
      size_t start = 0, at = 0;
      while ((at = t.find(rule.value, at)) != std::string::npos) {
        size_t end = at + rule.value.size();
        char before = at > 0 ? t[at - 1] : ' ', after = end < t.size() ? t[end] : ' ';
        bool ok = rule.mode == Mode::kAny || (rule.mode == Mode::kBounded && !Alnum(before) && !Alnum(after)) ||
                  (rule.mode == Mode::kWord && !WordChar(before) && !WordChar(after));
        if (!ok) {
          ++at;
          continue;
        }
        if (at > start) next.push_back(Seg{false, t.substr(start, at - start)});
        next.push_back(Seg{true, rule.token});
        start = at = end;
      }
      if (start < t.size()) next.push_back(Seg{false, t.substr(start)});
    }
    segs = std::move(next);
  }
  std::string out;
  for (const Seg& s : segs) out += s.text;
  return out;
}

ImportedFacts LearnFacts(const Job& job, const EmrContext& ctx, const Capture& capture, const std::string& source,
                         std::vector<std::string>* notes) {
  std::shared_ptr<const ReleaseFacts> held = JobFacts(job, ctx);  // a store's overlay lives only here
  const ReleaseFacts& basis = *held;
  std::vector<Manifest> rendered = EmitEmrEks(job, ctx);
  std::vector<Manifest> skeleton = EmitEmrEksSkeleton(job, ctx);
  TemplateVars vars = EmrTemplateVars(job, ctx);
  std::string why;
  std::optional<ReleaseLabel> label = ParseReleaseLabel(job.release_label.value, &why);
  std::string registry = RegistryFor(ctx.region);
  std::string tag = label ? label->tag : "";
  FactOrigin captured{Provenance::kCaptured, source, "", ""};

  ImportedFacts out;
  out.release = basis.release;
  out.combination = MonitoringCombination(job.monitoring);
  out.source = source;

  // The images as the capture shows them: a job's values are put back as
  // {{spark_image}} and {{fluentd_image}}, and the images become facts.
  std::string custom = EmrCustomImage(job);
  std::string spark_image, fluentd_image;
  if (const CapturedConfigMap* pt = capture.Find("pod-template")) {
    if (const Node* data = pt->node.Find("data")) {
      for (const char* key : {"driver", "executor"}) {
        const Node* v = data->Find(key);
        if (!v || !v->IsScalar()) continue;
        if (spark_image.empty()) spark_image = ContainerImage(v->value, std::string("spark-kubernetes-") + key);
        if (fluentd_image.empty()) fluentd_image = ContainerImage(v->value, "emr-container-fluentd");
      }
    }
  }
  vars.values["registry"] = registry;
  if (!spark_image.empty()) vars.values["spark_image"] = spark_image;
  if (!fluentd_image.empty()) vars.values["fluentd_image"] = fluentd_image;
  if (custom.empty() && !spark_image.empty()) {
    out.spark_image = Fact{"image/spark", ImageTemplate(spark_image, registry, tag), captured};
  } else if (!custom.empty()) {
    notes->push_back("the job runs a custom image, so the capture does not show the release's Spark image: not learned");
  }
  if (!fluentd_image.empty()) out.fluentd_image = Fact{"image/fluentd", ImageTemplate(fluentd_image, registry, tag), captured};

  std::set<std::string> job_set;
  for (const Property* p : job.SparkDefaultsOverrides()) job_set.insert(p->key);
  std::map<std::string, const Fact*> basis_defaults;
  for (const Fact& f : basis.spark_defaults) basis_defaults[f.id.substr(15)] = &f;

  for (const CapturedConfigMap& cm : capture.maps) {
    const auto& kinds = GeneratedConfigurations();
    size_t index = std::find(kinds.begin(), kinds.end(), cm.configuration) - kinds.begin();
    if (index == kinds.size()) {
      notes->push_back(fmt::format("ConfigMap '{}' ({}) is not one sparkmc writes: not learned", cm.name, cm.configuration));
      continue;
    }
    Node mine = ManifestNode(rendered[index]);
    Node skel = ManifestNode(skeleton[index]);
    std::set<std::string> differing;
    for (const ConfigMapDiff& d : DiffConfigMaps(cm.node, mine, capture.path)) differing.insert(d.data_key);
    const Node* data = cm.node.Find("data");
    if (!data || !data->IsMap()) {
      throw InputError(cm.loc, fmt::format("ConfigMap '{}' has no data", cm.name));
    }
    for (const auto& [k, v] : data->members) {
      Location at{capture.path, v.line, v.column};
      if (!v.IsScalar()) throw InputError(at, fmt::format("data.{} must be a string", k.value));
      if (v.value.find("{{") != std::string::npos) {
        throw InputError(at, fmt::format("data.{} holds '{{{{', which sparkmc's fact templates cannot hold", k.value));
      }
      if (k.value.empty() || k.value == "." || k.value == ".." || k.value.find('/') != std::string::npos) {
        throw InputError(Location{capture.path, k.line, k.column}, "not a ConfigMap data key: " + k.value);
      }
      if (cm.configuration == "spark-defaults") {
        if (k.value != "spark-defaults.conf") {
          notes->push_back("data." + k.value + " of the spark-defaults ConfigMap: not learned");
          continue;
        }
        for (const auto& [key, value] : ReadProperties(v.value)) {
          if (key.find_first_of(" \t\r\n") != std::string::npos || value.find_first_of("\r\n") != std::string::npos) {
            throw InputError(at, fmt::format("spark-defaults entry '{}' holds a blank or a line break, which the fact "
                                             "files cannot hold", key));
          }
          auto b = basis_defaults.find(key);
          if (job_set.count(key)) {
            if (b == basis_defaults.end()) {
              notes->push_back(fmt::format("{}: the job sets it, so the capture cannot show whether EMR has a default "
                                           "for it: not learned", key));
              continue;
            }
            Fact f = *b->second;
            f.origin = FactOrigin{Provenance::kDerived, b->second->origin.source,
                                  b->second->origin.from.empty() ? basis.release : b->second->origin.from,
                                  "the job sets it, so the capture cannot show EMR's default"};
            notes->push_back(fmt::format("{}: the job sets it; EMR's default stays derived from {}", key, f.origin.from));
            out.spark_defaults.push_back(f);
            continue;
          }
          std::string text = b != basis_defaults.end() && RenderTemplate(b->second->text, vars) == value
                                 ? b->second->text
                                 : Variablize(value, vars);
          out.spark_defaults.push_back(Fact{"spark-defaults/" + key, text, captured});
        }
        continue;
      }
      const Node* mv = mine.Find("data") ? mine.Find("data")->Find(k.value) : nullptr;
      const Node* sv = skel.Find("data") ? skel.Find("data")->Find(k.value) : nullptr;
      std::string text;
      bool pod = cm.configuration == "pod-template" && (k.value == "driver" || k.value == "executor");
      if (mv && sv && !differing.count(k.value)) {
        text = sv->value;  // what sparkmc has, which EMR's equals
      } else if (mv && sv) {
        text = Merge(pod ? StripOwnerReferences(v.value) : v.value, mv->value, sv->value, vars, pod);
      } else {
        text = LearnAll(pod ? StripOwnerReferences(v.value) : v.value, vars, pod);
      }
      out.data[cm.configuration][k.value] = Fact{cm.configuration + "/" + k.value, text, captured};
    }
  }
  return out;
}

}  // namespace sparkmc
