#include "usage_hints.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "reliasim/scenario/suggest.hpp"

namespace reliasim::cli {
namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// The first argument that is not an option: where the command's name belongs.
const char* command_argument(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-') return argv[i];
  return nullptr;
}

void hint_option(const std::string& argument, const CLI::App& app, const CLI::App& command) {
  const std::string name = argument.substr(0, argument.find('='));
  std::vector<std::string> names = option_names(command);
  for (auto& global : option_names(app)) names.push_back(global);
  const auto close = scenario::did_you_mean(name, names);
  std::cerr << "reliasim: unknown option '" << name << "' for '" << command.get_name() << "'"
            << (close ? "; did you mean '" + *close + "'?" : std::string()) << '\n';
}

}  // namespace

void print_usage_hints(const CLI::App& app, int argc, const char* const* argv) {
  const std::vector<std::string> commands = command_names(app);
  const char* typed = command_argument(argc, argv);
  if (!typed) return;
  if (std::find(commands.begin(), commands.end(), typed) == commands.end()) {
    const auto close = scenario::did_you_mean(typed, commands);
    std::cerr << "reliasim: unknown command '" << typed << "'"
              << (close ? "; did you mean '" + *close + "'?" : std::string())
              << " The commands: " << joined(commands) << '\n';
    return;
  }
  const CLI::App& command = *app.get_subcommand(typed);
  for (const auto& extra : app.remaining(true))
    if (extra.size() > 1 && extra[0] == '-') hint_option(extra, app, command);
}

}  // namespace reliasim::cli
