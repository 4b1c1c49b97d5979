#pragma once
// Renderers of `reliasim fit` (docs/fit.md, Outputs): a terminal table, JSON, an HTML page
// with QQ and distribution plots, and the scenario YAML the fits describe.

#include <string>

#include "reliasim/fit/calibration.hpp"

namespace reliasim {

[[nodiscard]] std::string render_fit_table(const fit::Calibration& calibration);
[[nodiscard]] std::string render_fit_json(const fit::Calibration& calibration);
// One page with its style inline: no scripts, no external resources.
[[nodiscard]] std::string render_fit_html(const fit::Calibration& calibration);
// A scenario that validates and runs: one service per group (per service and failure mode
// when grouped by both), each stage the family with the lowest AIC. With `blocks_only`, just
// the failure-mode blocks, to paste into a scenario.
[[nodiscard]] std::string render_fit_scenario(const fit::Calibration& calibration,
                                              bool blocks_only = false);
// By name: table, json, html or yaml (with `blocks_only`, render_fit_scenario's blocks);
// throws std::invalid_argument for another.
[[nodiscard]] std::string render_fit(const fit::Calibration& calibration, const std::string& format,
                                     bool blocks_only = false);

// A duration as the scenario format writes it, to four significant digits: "44.73m".
[[nodiscard]] std::string scenario_duration(double seconds);

}  // namespace reliasim
