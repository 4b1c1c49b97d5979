#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::scenario {

std::string Diagnostic::to_string() const {
  std::string where = file;
  if (line > 0) where += ":" + std::to_string(line) + ":" + std::to_string(column);
  return where + ": error: " + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.to_string();
  }
  return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void DiagnosticSink::error(int line, int column, std::string message) {
  if (diagnostics_.size() >= max_errors) {
    diagnostics_.push_back(
        {file_, 0, 0, "too many errors; stopped after " + std::to_string(max_errors)});
    throw TooManyErrors{};
  }
  diagnostics_.push_back({file_, line, column, std::move(message)});
}

}  // namespace reliasim::scenario
