#pragma once
// Pieces of a comparison's rendering that `compare` and `stress` share (private to the engine).

#include <string>
#include <vector>

#include "json_parts.hpp"
#include "reliasim/analysis/compare.hpp"

namespace reliasim::compare_parts {

// Rows of cells: a header (figure, A, B, B - A under the given names), then each scope and SLA
// (a row with its name alone) followed by its figures; '*' marks a distinguishable difference.
[[nodiscard]] std::vector<std::vector<std::string>> figure_rows(const Comparison& c,
                                                                const std::string& a,
                                                                const std::string& b);
// What '*' means, as a line.
inline constexpr const char* distinguishable_note =
    "  * the difference is distinguishable from noise (its interval excludes 0)\n";

// The comparison's figures as JSON (docs/results.md), without the run records.
[[nodiscard]] json_parts::json comparison_json(const Comparison& c);

}  // namespace reliasim::compare_parts
