#pragma once
// Text shared by the FMEA renderers (private to the engine): number formats, the run record
// on one line, and the worksheet and its band tables as grids of text cells.

#include <string>
#include <vector>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/render/run_record.hpp"
#include "text_parts.hpp"

namespace reliasim::fmea_text {

using text_parts::bounded;
using text_parts::currency_label;
using text_parts::number;
using text_parts::record_line;

// An importance worth: "inf" for infinity.
[[nodiscard]] std::string worth(double value);
// "service/mode", or "common-cause/mode".
[[nodiscard]] std::string mode_name(const FailureModeInfo& info);

// What the rows are ranked by, in words: "error-budget burn (down and degraded time)", ...
[[nodiscard]] std::string ranking_phrase(FmeaRanking ranking);
// Where they are measured: "in checkout", or "in every scope (a row per mode and scope)".
[[nodiscard]] std::string scope_phrase(const FmeaWorksheet& sheet);
// What all causes cost, one line each: every measured scope ("checkout: down 1.2 min/y,
// degraded 3.4 min/y, 56.7% of its error budget at 99.95%"), then the SLA credit.
[[nodiscard]] std::vector<std::string> totals(const FmeaWorksheet& sheet);
// Whose importance measures the worksheet shows: its scope's name, or "each row's scope".
[[nodiscard]] std::string importance_scope(const FmeaWorksheet& sheet);

struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The worksheet's columns, one row per failure mode in rank order. With `split` (CSV) every
// interval bound has its own column and numbers are plain; otherwise intervals read
// "estimate [lower, upper]" and durations are in minutes.
[[nodiscard]] Grid worksheet_grid(const FmeaWorksheet& sheet, bool split);
// The band tables: what each scale measures and the edge at which each score from 2 to 10
// starts.
[[nodiscard]] Grid bands_grid(const FmeaBands& bands);

}  // namespace reliasim::fmea_text
