#pragma once
// Renderers of a run summary: a terminal table for people, JSON (docs/results.schema.json)
// for programs. Both carry units, intervals and the run record.

#include <string>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim {

[[nodiscard]] std::string render_table(const Summary& summary, const RunRecord& record);
[[nodiscard]] std::string render_json(const Summary& summary, const RunRecord& record);
// By name: table or json; throws std::invalid_argument for another.
[[nodiscard]] std::string render_summary(const Summary& summary, const RunRecord& record,
                                         const std::string& format);

}  // namespace reliasim
