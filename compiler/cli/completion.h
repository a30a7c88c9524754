// Shell completion scripts for bash and zsh, generated from the CLI11 App
// itself (`sparkmc generate bash|zsh`, run by the build), so they list every
// subcommand and option the binary has.
#ifndef SPARKMC_CLI_COMPLETION_H_
#define SPARKMC_CLI_COMPLETION_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sparkmc {

std::string BashCompletion(const CLI::App& app);
std::string ZshCompletion(const CLI::App& app);

/// What help shows: subcommands and options in a non-empty group (the
/// `generate` subcommand itself is hidden, group "").
std::vector<const CLI::App*> VisibleSubcommands(const CLI::App& app);
std::vector<const CLI::Option*> VisibleOptions(const CLI::App& app);
/// "-o", "--output": every flag name of an option, short names first.
std::vector<std::string> OptionNames(const CLI::Option& option);
/// False for a flag.
bool TakesValue(const CLI::Option& option);

}  // namespace sparkmc

#endif  // SPARKMC_CLI_COMPLETION_H_
