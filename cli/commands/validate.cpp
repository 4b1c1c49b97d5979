// `reliasim validate FILE...`: every error of every file, or OK with a summary of each.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "reliasim/model/describe.hpp"
#include "reliasim/render/text_safety.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

bool validate_one(const std::string& file) {
  try {
    const auto scenario = load_scenario(file);
    const auto model = scenario::compile(scenario);
    std::cout << one_line(file == "-" ? stdin_name : file) << ": OK: " << one_line(model.name)
              << ": " << describe(model) << '\n';
    return true;
  } catch (const scenario::ScenarioError& error) {
    print_diagnostics(error);
    return false;
  }
}

}  // namespace

Command add_validate(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* command = app.add_subcommand("validate", "Check scenario files and print every error");
  command->add_option("files", *files, "Scenario files (YAML or JSON; - reads standard input)")
      ->required();
  return [files] {
    bool all_valid = true;
    for (const auto& file : *files) all_valid = validate_one(file) && all_valid;
    return all_valid ? exit_ok : exit_invalid;
  };
}

}  // namespace reliasim::cli
