#pragma once
// What every fuzz target checks: a parser given any bytes either succeeds or throws
// ScenarioError whose diagnostics say where and what; any other exception, a crash, a sanitizer
// report or a broken invariant is a defect and stops the fuzzer with the input that caused it.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::fuzz {

[[noreturn]] inline void defect(const char* what) {
  std::fprintf(stderr, "fuzz defect: %s\n", what);
  std::abort();
}

// Every diagnostic has a message, and a place inside the text (line 0: the file as a whole).
inline void check_diagnostics(const scenario::ScenarioError& error, std::string_view text) {
  if (error.diagnostics().empty()) defect("ScenarioError without diagnostics");
  std::size_t lines = 1;
  for (const char c : text) lines += c == '\n';
  for (const auto& d : error.diagnostics()) {
    if (d.message.empty()) defect("a diagnostic without a message");
    if (d.line < 0 || d.column < 0 || static_cast<std::size_t>(d.line) > lines + 1)
      defect("a diagnostic placed outside the text");
  }
}

// Runs `parse`; ScenarioError is the expected answer to bad input, anything else a defect.
template <typename Parse>
void expect_clear_errors(std::string_view text, Parse&& parse) {
  try {
    parse();
  } catch (const scenario::ScenarioError& error) {
    check_diagnostics(error, text);
  } catch (const std::exception& other) {
    std::fprintf(stderr, "unexpected exception: %s\n", other.what());
    defect("an exception other than ScenarioError escaped the parser");
  }
}

}  // namespace reliasim::fuzz
