#pragma once
// Renderers of a design comparison: a terminal table and JSON, each with both run records.

#include <string>

#include "reliasim/analysis/compare.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim {

[[nodiscard]] std::string render_compare_table(const Comparison& comparison, const RunRecord& a,
                                               const RunRecord& b);
[[nodiscard]] std::string render_compare_json(const Comparison& comparison, const RunRecord& a,
                                              const RunRecord& b);

// By name: table or json; throws std::invalid_argument for another.
[[nodiscard]] std::string render_compare(const Comparison& comparison, const RunRecord& a,
                                         const RunRecord& b, const std::string& format);

}  // namespace reliasim
