#pragma once
// Turns a validated scenario into the engine's dense, index-based model: resolves names to
// indices, applies `like:` and `defaults:`, expands replica-scope failure modes into one source
// per replica, orders services after their dependencies and lays out the SLA windows.

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/scenario/scenario.hpp"

namespace reliasim::scenario {

// Requires a scenario that passed validation (load_scenario_* guarantee it).
[[nodiscard]] CompiledModel compile(const Scenario& scenario);

// Windows over [0, horizon]: calendar months of their real lengths from the start month, or
// consecutive windows of a fixed length; a horizon that ends inside a window ends it early.
[[nodiscard]] WindowSpec lay_out_windows(WindowKind kind, double length, double horizon,
                                         int start_year, int start_month);
// Their boundaries alone.
[[nodiscard]] std::vector<double> window_boundaries(WindowKind kind, double length, double horizon,
                                                    int start_year, int start_month);

}  // namespace reliasim::scenario
