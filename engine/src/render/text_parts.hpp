#pragma once
// Text shared by the renderers (private to the engine): numbers, intervals, the run record on
// one line, and columns aligned for a terminal.

#include <string>
#include <string_view>
#include <vector>

#include "reliasim/render/run_record.hpp"
#include "reliasim/render/text_safety.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim::text_parts {

// printf-style; "-" for NaN, "inf" for infinity, and never "-0".
[[nodiscard]] std::string number(const char* pattern, double value);
// "estimate [lower, upper]", each times `scale`.
[[nodiscard]] std::string bounded(const Interval& i, double scale, const char* pattern);
// "FILE (hash sha256:H)[, csv FILE (hash sha256:H)...][, bands FILE (hash sha256:H)]": every
// file the run read, the scenario first.
[[nodiscard]] std::string input_files(const RunRecord& record);
// "GCC 12.2.0 Release build on Linux 6.1.0 x86_64".
[[nodiscard]] std::string platform(const Platform& platform);
// "reliasim 0.1.0, FILES, seed S, trials N[, ...]; PLATFORM", on one line (one_line).
[[nodiscard]] std::string record_line(const RunRecord& record);
// "command: ...\n" on one line, or nothing when the record has no command.
[[nodiscard]] std::string command_line(const RunRecord& record);
// "5 min", "4 h", "1 day", "365 days", "90 s": a round duration in its largest whole unit.
[[nodiscard]] std::string short_duration(double seconds);
// The currency on one line, or "money" when the contract names none.
[[nodiscard]] std::string currency_label(const std::string& currency);
// What stands in every money cell of an SLA written without credits and fee.
inline constexpr const char* no_credit_schedule = "no credit schedule";
// Characters a terminal shows for UTF-8 text (one per code point).
[[nodiscard]] std::size_t display_width(std::string_view text);
// Each line's cells padded to their column's widest cell with two spaces between columns, so
// that no cell however long runs into the next; two spaces in front of every line.
[[nodiscard]] std::string aligned(const std::vector<std::vector<std::string>>& lines);

}  // namespace reliasim::text_parts
