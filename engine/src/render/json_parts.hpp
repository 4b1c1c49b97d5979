#pragma once
// Pieces shared by the JSON renderers (private to the engine): numbers, intervals and the
// run record, as docs/results.md describes them.

#include <cmath>
#include <nlohmann/json.hpp>

#include "reliasim/render/run_record.hpp"
#include "reliasim/render/text_safety.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim::json_parts {

using json = nlohmann::ordered_json;  // keys in the documented order

// The document as a file: strings keep their exact text; characters that would show as
// something else (bidirectional controls, separators) are \u escapes.
inline std::string text(const json& document) {
  return json_escape_invisible(document.dump(2)) + "\n";
}

// NaN and infinities are not JSON: an undefined bound is null.
inline json number(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

inline json interval(const Interval& i, const char* unit) {
  return {{"estimate", number(i.estimate)},
          {"lower", number(i.lower)},
          {"upper", number(i.upper)},
          {"unit", unit}};
}

inline json inputs_json(const std::vector<InputFile>& inputs) {
  json list = json::array();
  for (const InputFile& file : inputs)
    list.push_back({{"role", file.role}, {"file", file.path}, {"sha256", file.sha256}});
  return list;
}

inline json platform_json(const Platform& p) {
  return {{"os", p.os}, {"arch", p.arch}, {"compiler", p.compiler}, {"build_type", p.build_type}};
}

// The bands keys appear only when a bands file replaced the default FMEA bands.
inline json record_json(const RunRecord& r) {
  json record = {{"engine_version", r.engine_version},
                 {"scenario_file", r.scenario_file},
                 {"scenario_hash", r.scenario_hash},
                 {"inputs", inputs_json(r.inputs)},
                 {"platform", platform_json(r.platform)},
                 {"seed", r.seed},
                 {"first_trial", r.first_trial},
                 {"trials", r.trials},
                 {"precision_run", r.precision_run},
                 {"converged", r.converged},
                 {"relative_half_width", number(r.relative_half_width)},
                 {"command", r.command}};
  if (!r.bands_file.empty()) {
    record["bands_file"] = r.bands_file;
    record["bands_hash"] = r.bands_hash;
  }
  if (!r.merged_ranges.empty()) {
    json ranges = json::array();
    for (const auto& [first, count] : r.merged_ranges)
      ranges.push_back({{"first_trial", first}, {"trials", count}});
    record["merged_ranges"] = ranges;
  }
  return record;
}

}  // namespace reliasim::json_parts
