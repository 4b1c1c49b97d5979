#pragma once
// After a usage error, "did you mean": the closest subcommand or option to a mistyped one.

#include <CLI/CLI.hpp>

namespace reliasim::cli {

// Prints to stderr, for `argv` that `app` refused: an unknown command with the closest one and
// the list of commands, or each unknown option with the closest option of its command.
void print_usage_hints(const CLI::App& app, int argc, const char* const* argv);

}  // namespace reliasim::cli
