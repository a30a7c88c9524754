#include "compiler/model/submit_args.h"

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "compiler/data/embedded.h"
#include "compiler/base/spell.h"

namespace sparkmc {

namespace {

struct OptionSpec {
  std::string name;
  std::string alias;
  bool takes_value = false;
  std::string property;
  bool applies = false;
  bool sql_only = false;  ///< spark-sql's own option: only in sparkSqlParameters.
};

const std::vector<OptionSpec>& Options() {
  static const std::vector<OptionSpec> options = [] {
    std::vector<OptionSpec> out;
    for (const auto& cols : EmbeddedTable("compiler/data/spark/submit-options.tsv")) {
      if (cols.size() < 5) continue;
      OptionSpec o;
      o.name = cols[0];
      o.alias = cols[1] == "-" ? "" : cols[1];
      o.takes_value = cols[2] == "yes";
      o.property = cols[3] == "-" ? "" : cols[3];
      o.applies = cols[4] == "yes";
      o.sql_only = cols[4] == "sql";
      out.push_back(o);
    }
    return out;
  }();
  return options;
}

const OptionSpec* FindOption(const std::string& name) {
  for (const OptionSpec& o : Options()) {
    if (o.name == name || (!o.alias.empty() && o.alias == name)) return &o;
  }
  return nullptr;
}

Location Advance(const Location& start, size_t offset) {
  Location l = start;
  l.column += static_cast<int>(offset);
  return l;
}

}  // namespace

std::vector<SubmitToken> SplitSubmitParameters(const std::string& text, const Location& start) {
  std::vector<SubmitToken> tokens;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i >= n) break;
    SubmitToken tok;
    tok.loc = Advance(start, i);
    while (i < n && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      char c = text[i];
      if (c == '\'') {
        size_t close = text.find('\'', i + 1);
        if (close == std::string::npos) {
          throw InputError(Advance(start, i), "unterminated single quote in sparkSubmitParameters");
        }
        tok.text += text.substr(i + 1, close - i - 1);
        i = close + 1;
      } else if (c == '"') {
        size_t j = i + 1;
        bool closed = false;
        while (j < n) {
          if (text[j] == '\\' && j + 1 < n &&
              (text[j + 1] == '"' || text[j + 1] == '\\' || text[j + 1] == '$' || text[j + 1] == '`')) {
            tok.text += text[j + 1];
            j += 2;
          } else if (text[j] == '"') {
            closed = true;
            break;
          } else {
            tok.text += text[j++];
          }
        }
        if (!closed) throw InputError(Advance(start, i), "unterminated double quote in sparkSubmitParameters");
        i = j + 1;
      } else if (c == '\\' && i + 1 < n) {
        tok.text += text[i + 1];
        i += 2;
      } else {
        tok.text += c;
        ++i;
      }
    }
    tokens.push_back(std::move(tok));
  }
  return tokens;
}

std::vector<Property> ParseSubmitTokens(const std::vector<SubmitToken>& tokens, bool spark_sql) {
  std::vector<Property> props;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const SubmitToken& tok = tokens[i];
    std::string name = tok.text;
    std::string value;
    bool inline_value = false;
    // `--name=value` splits at the first '=' (only for long options with a value).
    if (name.rfind("--", 0) == 0) {
      size_t eq = name.find('=');
      if (eq != std::string::npos && eq > 2 && eq + 1 < name.size()) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inline_value = true;
      }
    }
    if (name.empty() || name[0] != '-') {
      throw InputError(tok.loc, fmt::format("unexpected argument '{}' in spark-submit parameters: "
                                            "the application goes in entryPoint and its arguments "
                                            "in entryPointArguments", tok.text));
    }
    const OptionSpec* opt = FindOption(name);
    if (opt && opt->sql_only && !spark_sql) opt = nullptr;
    if (!opt) {
      std::vector<std::string> names;
      for (const OptionSpec& o : Options()) names.push_back(o.name);
      std::string hint = DidYouMean(name, names);
      throw InputError(tok.loc, fmt::format("unrecognized option '{}' in {}{}", name,
                                            spark_sql ? "sparkSqlParameters" : "sparkSubmitParameters", hint));
    }
    Location value_loc = tok.loc;
    if (opt->takes_value && !inline_value) {
      if (i + 1 >= tokens.size()) {
        throw InputError(tok.loc, fmt::format("missing argument for option '{}'", name));
      }
      value = tokens[++i].text;
      value_loc = tokens[i].loc;
    } else if (!opt->takes_value && inline_value) {
      throw InputError(tok.loc, fmt::format("option '{}' takes no value", name));
    }
    if (opt->name == "--conf") {
      size_t eq = value.find('=');
      if (eq == std::string::npos) {
        throw InputError(value_loc, fmt::format("Spark config without '=': {}", value));
      }
      props.push_back(Property{value.substr(0, eq), value.substr(eq + 1), Origin::kSparkSubmitParameters,
                               "", "--conf", value_loc, Location{}});
    } else if (!opt->property.empty() && opt->applies) {
      props.push_back(Property{opt->property, opt->takes_value ? value : "true",
                               Origin::kSparkSubmitParameters, "", opt->name, value_loc, Location{}});
    }
  }
  return props;
}

std::vector<Property> EffectiveSubmitProperties(const std::vector<Property>& props) {
  std::map<std::string, Property> by_key;
  std::vector<std::string> order;
  for (const Property& p : props) {
    auto it = by_key.find(p.key);
    if (it == by_key.end()) {
      order.push_back(p.key);
      by_key.emplace(p.key, p);
      continue;
    }
    bool old_flag = it->second.flag != "--conf";
    bool new_flag = p.flag != "--conf";
    if (new_flag || !old_flag) it->second = p;  // a dedicated flag is never beaten by --conf
  }
  std::vector<Property> out;
  for (const std::string& k : order) out.push_back(by_key.at(k));
  return out;
}

std::string ShellQuote(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./:=,@%+") == std::string::npos) {
    return word;
  }
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace sparkmc
