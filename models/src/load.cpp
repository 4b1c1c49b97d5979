#include "reliasim/scenario/load.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <variant>
#include <vector>

#include "reader/sections.hpp"
#include "reader/text_checks.hpp"
#include "reader/yaml_documents.hpp"
#include "reliasim/record/bounded_read.hpp"
#include "validate/validate.hpp"

namespace reliasim::scenario {
namespace {

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{file, line, column, std::move(message)}});
}

// Binary data, deep nesting and the like are refused before yaml-cpp sees the text.
void check_text(std::string_view text, const std::string& file) {
  if (auto problem = reader::check_text(text))
    fail(file, problem->line, problem->column, std::move(problem->message));
}

std::string too_large(std::uintmax_t bytes) {
  return "the scenario is " + std::to_string(bytes) + " bytes; reliasim reads scenarios up to " +
         std::to_string(max_scenario_bytes >> 20) + " MiB (" + std::to_string(max_scenario_bytes) +
         " bytes), and a scenario is a few kilobytes";
}

void sort_by_place(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    if (a.line == 0 || b.line == 0) return a.line != 0 && b.line == 0;  // file-level notes last
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
}

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& display_name,
                            const std::filesystem::path& base_dir, FileAccess access) {
  if (text.size() > max_scenario_bytes) fail(display_name, 0, 0, too_large(text.size()));
  check_text(text, display_name);
  const YAML::Node root = reader::load_single_document(text, display_name, "a scenario file");
  if (root.IsNull())
    fail(display_name, 1, 1,
         "the scenario is empty; it starts with 'scenario: <name>' and "
         "'services:' (see docs/scenario-format.md)");

  Scenario scenario;
  scenario.file = display_name;
  DiagnosticSink sink(display_name);
  reader::Context context{sink, base_dir, {input_file("scenario", display_name, text)}};
  context.access = access;
  try {
    reader::read_scenario(reader::Value(root, "", context), scenario);
    validate_references(scenario, sink);
    validate_values(scenario, sink);
    validate_dependency_cycles(scenario, sink);
    validate_like_cycles(scenario, sink);
    validate_budget(scenario, sink);
    validate_stress_tests(scenario, sink);
  } catch (const TooManyErrors&) {
    // The sink has recorded the final note.
  }
  scenario.inputs = std::move(context.inputs);
  if (!sink.empty()) {
    auto diagnostics = sink.take();
    sort_by_place(diagnostics);
    throw ScenarioError(std::move(diagnostics));
  }
  return scenario;
}

Scenario load_scenario_file(const std::filesystem::path& path, FileAccess access) {
  const std::string name = path.string();
  auto read = read_bounded_file(path, max_scenario_bytes);
  if (const auto* refusal = std::get_if<FileRefusal>(&read)) {
    if (refusal->reason == FileRefusal::Reason::too_large)
      fail(name, 0, 0, too_large(refusal->size));
    if (refusal->reason == FileRefusal::Reason::directory)
      fail(name, 0, 0, "this is a directory, not a scenario file; give a .yaml or .json file");
    fail(name, 0, 0, "cannot read the file: " + refusal->detail);
  }
  return load_scenario_text(std::get<std::string>(read), name, path.parent_path(), access);
}

}  // namespace reliasim::scenario
