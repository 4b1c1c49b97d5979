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

}  // namespace reliasim
