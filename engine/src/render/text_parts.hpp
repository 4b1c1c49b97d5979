#pragma once
// Text shared by the renderers (private to the engine): numbers, intervals, the run record on
// one line, and columns aligned for a terminal.

#include <string>
#include <vector>

#include "reliasim/render/run_record.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim::text_parts {

// printf-style; "-" for NaN, "inf" for infinity, and never "-0".
[[nodiscard]] std::string number(const char* pattern, double value);
// "estimate [lower, upper]", each times `scale`.
[[nodiscard]] std::string bounded(const Interval& i, double scale, const char* pattern);
// "reliasim 0.1.0, FILE (hash H), seed S, trials N[, ...]".
[[nodiscard]] std::string record_line(const RunRecord& record);
[[nodiscard]] std::string currency_label(const std::string& currency);
// Each line's cells padded to their column's width, two spaces in front of every line.
[[nodiscard]] std::string aligned(const std::vector<std::vector<std::string>>& lines);

}  // namespace reliasim::text_parts
