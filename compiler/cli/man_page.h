// The man page, generated from the CLI11 App itself (`sparkmc generate man`,
// run by the build): every subcommand, option, description and example.
#ifndef SPARKMC_CLI_MAN_PAGE_H_
#define SPARKMC_CLI_MAN_PAGE_H_

#include <CLI/CLI.hpp>

#include <string>

namespace sparkmc {

/// sparkmc(1) in roff (man(7) macros). \a version heads the page, e.g. "sparkmc 0.1.0".
std::string ManPage(const CLI::App& app, const std::string& version);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_MAN_PAGE_H_
