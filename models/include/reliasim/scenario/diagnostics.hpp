#pragma once
// Errors found in a scenario: each names the file, line and column, the offending value and
// what would be valid. The loader gathers all of them and throws them together.

#include <stdexcept>
#include <string>
#include <vector>

namespace reliasim::scenario {

struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when the error concerns the whole file
  int column = 0;
  std::string message;

  // "file:line:column: error: message", the form compilers and editors understand.
  [[nodiscard]] std::string to_string() const;
};

// Thrown by the loader when a scenario is invalid; what() lists every diagnostic.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Collects diagnostics for one file; stops the reader once there are too many to be useful,
// which also bounds the work an adversarial file can cause.
class DiagnosticSink {
 public:
  static constexpr std::size_t max_errors = 100;

  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}
  void error(int line, int column, std::string message);
  [[nodiscard]] bool empty() const { return diagnostics_.empty(); }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

// Thrown inside the reader when the sink is full; the loader turns it into a final note.
struct TooManyErrors {};

}  // namespace reliasim::scenario
