#pragma once
// Renderers of `reliasim stress` (docs/stress.md): a terminal table, JSON and an HTML page, each
// test's figures beside the baseline's with the paired difference.

#include <string>

#include "reliasim/analysis/stress.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim {

[[nodiscard]] std::string render_stress_table(const StressReport& report, const RunRecord& record);
[[nodiscard]] std::string render_stress_json(const StressReport& report, const RunRecord& record);
[[nodiscard]] std::string render_stress_html(const StressReport& report, const RunRecord& record);
// By name: table, json or html; throws std::invalid_argument for another.
[[nodiscard]] std::string render_stress(const StressReport& report, const RunRecord& record,
                                        const std::string& format);

}  // namespace reliasim
