#pragma once
// The meaning pass: what a well-formed scenario must also satisfy (references resolve, names
// are unique, no dependency cycle, k <= n, value domains and orderings).

#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/scenario.hpp"

namespace reliasim::scenario {

void validate_references(const Scenario& scenario, DiagnosticSink& sink);
void validate_values(const Scenario& scenario, DiagnosticSink& sink);
void validate_dependency_cycles(const Scenario& scenario, DiagnosticSink& sink);
void validate_like_cycles(const Scenario& scenario, DiagnosticSink& sink);
// What one trial would simulate (failure sources, expected occurrences, maintenance windows)
// stays within what runs in bounded time and memory.
void validate_budget(const Scenario& scenario, DiagnosticSink& sink);
// Stress tests' incidents resolve against the model (needs the rest valid: runs last).
void validate_stress_tests(const Scenario& scenario, DiagnosticSink& sink);

// How messages name an element: "SLO 'checkout'", or "SLO at line 12" when it has no name.
[[nodiscard]] inline std::string label(const std::string& kind, const Name& name) {
  if (name.value.empty()) return kind + " at line " + std::to_string(name.place.line);
  return kind + " '" + name.value + "'";
}

}  // namespace reliasim::scenario
