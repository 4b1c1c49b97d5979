// The `reliasim` command: subcommands over the engine and the scenario layer. One catch at
// the top turns anything unexpected into a message and an exit code, never a crash.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <map>
#include <new>

#include "commands/commands.hpp"
#include "commands/exit_codes.hpp"
#include "commands/invocation.hpp"
#include "commands/progress.hpp"
#include "commands/usage_hints.hpp"

int main(int argc, char** argv) {
  using namespace reliasim::cli;
  set_invocation(argc, argv);
  CLI::App app{"reliasim: Monte Carlo FMEA and reliability-risk simulation"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("reliasim ") + RELIASIM_VERSION);
  bool quiet = false;
  app.add_flag("--quiet,-q", quiet, "No progress and no warnings on stderr (errors still print)");
  app.fallthrough();  // --quiet after the command's name too
  std::map<const CLI::App*, Command> commands;
  for (auto* add : {&add_validate, &add_run, &add_fmea, &add_compare, &add_sensitivity, &add_merge,
                    &add_fit, &add_replay, &add_stress}) {
    Command command = (*add)(app);
    commands.emplace(app.get_subcommands({}).back(), std::move(command));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    print_usage_hints(app, argc, argv);
    return exit_usage;
  }
  set_quiet(quiet);
  try {
    return commands.at(app.get_subcommands().front())();
  } catch (const std::bad_alloc&) {
    std::cerr << "reliasim: error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "reliasim: error: " << e.what() << '\n';
  }
  return exit_invalid;
}
