#pragma once
// Renderers of a sensitivity analysis: a terminal tornado table, CSV and JSON, each with the
// run record.

#include <string>

#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim {

[[nodiscard]] std::string render_sensitivity_table(const Sensitivity& result,
                                                   const RunRecord& record);
// RFC 4180 with a first comment line ("# run: ...") holding the run record.
[[nodiscard]] std::string render_sensitivity_csv(const Sensitivity& result,
                                                 const RunRecord& record);
[[nodiscard]] std::string render_sensitivity_json(const Sensitivity& result,
                                                  const RunRecord& record);
// By name: table, csv or json; throws std::invalid_argument for another.
[[nodiscard]] std::string render_sensitivity(const Sensitivity& result, const RunRecord& record,
                                             const std::string& format);
// Where an improvement buys the most: one sentence naming the parameter whose improving
// change (the factor below 1) cuts the scope's downtime the most, with its interval.
[[nodiscard]] std::string best_improvement(const Sensitivity& result);

}  // namespace reliasim
