#include "reliasim/scenario/load.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "reader/sections.hpp"
#include "validate/validate.hpp"

namespace reliasim::scenario {
namespace {

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{file, line, column, std::move(message)}});
}

// Binary data is refused up front, with the place of the first offending byte.
void require_text(std::string_view text, const std::string& file) {
  const auto nul = text.find('\0');
  if (nul == std::string_view::npos) return;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
  const auto line_start = text.rfind('\n', nul);
  const auto column = nul - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  fail(file, static_cast<int>(line), static_cast<int>(column),
       "this is not a text file (a NUL byte); a scenario is YAML or JSON text");
}

YAML::Node parse_yaml(std::string_view text, const std::string& file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    std::string message = e.msg;
    if (message.find("recursion") != std::string::npos || message.find("depth") != std::string::npos)
      message = "nesting is deeper than 2000 levels; a scenario needs far fewer";
    fail(file, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + message);
  } catch (const YAML::Exception& e) {
    fail(file, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1,
         "invalid YAML: " + e.msg);
  }
}

void sort_by_place(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    if (a.line == 0 || b.line == 0) return a.line != 0 && b.line == 0;  // file-level notes last
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
}

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& display_name,
                            const std::filesystem::path& base_dir) {
  if (text.size() > max_scenario_bytes)
    fail(display_name, 0, 0, "the scenario is " + std::to_string(text.size() >> 20) +
                                 " MiB; reliasim reads scenarios up to 16 MiB");
  require_text(text, display_name);
  const YAML::Node root = parse_yaml(text, display_name);
  if (root.IsNull())
    fail(display_name, 1, 1, "the scenario is empty; it starts with 'scenario: <name>' and "
                             "'services:' (see docs/scenario-format.md)");

  Scenario scenario;
  scenario.file = display_name;
  DiagnosticSink sink(display_name);
  reader::Context context{sink, base_dir};
  try {
    reader::read_scenario(reader::Value(root, "", context), scenario);
    validate_references(scenario, sink);
    validate_values(scenario, sink);
    validate_dependency_cycles(scenario, sink);
  } catch (const TooManyErrors&) {
    // The sink has recorded the final note.
  }
  if (!sink.empty()) {
    auto diagnostics = sink.take();
    sort_by_place(diagnostics);
    throw ScenarioError(std::move(diagnostics));
  }
  return scenario;
}

Scenario load_scenario_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(name, 0, 0, "is a directory, not a scenario file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) fail(name, 0, 0, "cannot read the file: " + ec.message());
  if (size > max_scenario_bytes)
    fail(name, 0, 0, "the file is " + std::to_string(size >> 20) +
                         " MiB; reliasim reads scenarios up to 16 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(name, 0, 0, "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_scenario_text(buffer.str(), name, path.parent_path());
}

}  // namespace reliasim::scenario
