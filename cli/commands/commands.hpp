#pragma once
// The subcommands of `reliasim`. Each registers its options on the app and returns the
// function that runs it; the function returns the process exit code (see exit_codes.hpp).

#include <CLI/CLI.hpp>
#include <functional>

namespace reliasim::cli {

using Command = std::function<int()>;

Command add_validate(CLI::App& app);
Command add_run(CLI::App& app);
Command add_fmea(CLI::App& app);
Command add_compare(CLI::App& app);
Command add_sensitivity(CLI::App& app);
Command add_merge(CLI::App& app);
Command add_fit(CLI::App& app);
Command add_replay(CLI::App& app);
Command add_stress(CLI::App& app);

}  // namespace reliasim::cli
