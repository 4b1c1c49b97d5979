#pragma once
// Helpers shared by the scenario-layer tests: load a scenario from text and look at its
// diagnostics, find where a piece of text sits in a document, and make temporary files.

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"

namespace reliasim::test {

using scenario::Diagnostic;
using scenario::Scenario;

// "line:column: message", one per line: shown by the CHECK_ERROR macros when a check fails.
inline std::string listing(const std::vector<Diagnostic>& diagnostics) {
  std::string text = "diagnostics:";
  for (const auto& d : diagnostics)
    text += "\n  " + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
  return text;
}

// The diagnostics of a scenario that must not load; empty (and a failed check) if it loads.
inline std::vector<Diagnostic> errors_of(std::string_view text,
                                         const std::filesystem::path& base_dir = {}) {
  try {
    (void)scenario::load_scenario_text(text, "test.yaml", base_dir);
  } catch (const scenario::ScenarioError& error) {
    for (const auto& d : error.diagnostics()) CHECK(d.file == "test.yaml");
    return error.diagnostics();
  }
  FAIL_CHECK("the scenario loaded, but an error was expected:\n" << text);
  return {};
}

inline std::vector<Diagnostic> file_errors_of(const std::filesystem::path& path) {
  try {
    (void)scenario::load_scenario_file(path);
  } catch (const scenario::ScenarioError& error) {
    return error.diagnostics();
  }
  FAIL_CHECK("the file loaded, but an error was expected: " << path);
  return {};
}

// A scenario that must load; the test fails with every diagnostic listed when it does not.
inline Scenario load_ok(std::string_view text, const std::filesystem::path& base_dir = {}) {
  try {
    return scenario::load_scenario_text(text, "test.yaml", base_dir);
  } catch (const scenario::ScenarioError& error) {
    FAIL(listing(error.diagnostics()));
  }
  return {};
}

inline CompiledModel compile_ok(std::string_view text) {
  return scenario::compile(load_ok(text));
}

// A place in a document; write Where(3, 7) in the CHECK_ERROR macros (parentheses keep the
// comma inside one macro argument).
struct Where {
  constexpr Where(int line_, int column_) : line(line_), column(column_) {}
  int line;
  int column;
};

// Line and column (1-based) of the `occurrence`-th appearance of `needle` in `text`.
inline Where at(std::string_view text, std::string_view needle, int occurrence = 1) {
  std::size_t found = std::string_view::npos;
  for (std::size_t from = 0; occurrence-- > 0; from = found + 1) {
    found = text.find(needle, from);
    if (found == std::string_view::npos) FAIL("'" << needle << "' is not in the text");
  }
  const auto before = text.substr(0, found);
  const auto line_start = before.rfind('\n');
  const auto column = found - (line_start == std::string_view::npos ? 0 : line_start + 1);
  return {static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
          static_cast<int>(column) + 1};
}

// How many diagnostics are at `where` and contain `fragment` in their message.
inline int count_at(const std::vector<Diagnostic>& diagnostics, Where where,
                    std::string_view fragment) {
  int count = 0;
  for (const auto& d : diagnostics)
    if (d.line == where.line && d.column == where.column &&
        d.message.find(fragment) != std::string::npos)
      ++count;
  return count;
}

// Creates a fresh folder under the system's temporary directory and removes it at the end.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("reliasim-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, std::string_view content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace reliasim::test

// A diagnostic at `where` (a reliasim::test::Where) whose message contains `fragment`.
#define CHECK_ERROR(diagnostics, where, fragment)                               \
  do {                                                                          \
    INFO(::reliasim::test::listing(diagnostics));                               \
    CHECK(::reliasim::test::count_at((diagnostics), (where), (fragment)) == 1); \
  } while (false)

// How many diagnostics there are; lists them all when the count is wrong.
#define CHECK_ERROR_COUNT(diagnostics, expected)  \
  do {                                            \
    INFO(::reliasim::test::listing(diagnostics)); \
    CHECK((diagnostics).size() == (expected));    \
  } while (false)

// The text gives exactly one diagnostic, at `where`, whose message contains `fragment`.
#define CHECK_ONLY_ERROR(text, where, fragment)                               \
  do {                                                                        \
    const auto only_error_ = ::reliasim::test::errors_of(text);               \
    INFO(::reliasim::test::listing(only_error_));                             \
    CHECK(only_error_.size() == 1);                                           \
    CHECK(::reliasim::test::count_at(only_error_, (where), (fragment)) == 1); \
  } while (false)
