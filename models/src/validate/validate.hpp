#pragma once
// The meaning pass: what a well-formed scenario must also satisfy (references resolve, names
// are unique, no dependency cycle, k <= n, value domains and orderings).

#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/scenario.hpp"

namespace reliasim::scenario {

void validate_references(const Scenario& scenario, DiagnosticSink& sink);
void validate_values(const Scenario& scenario, DiagnosticSink& sink);
void validate_dependency_cycles(const Scenario& scenario, DiagnosticSink& sink);

}  // namespace reliasim::scenario
