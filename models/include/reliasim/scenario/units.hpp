#pragma once
// The units people write: durations (30s 5m 2h 3d 2w 1mo 1y), rates (4/y 1/mo 0.5/d) and
// probabilities or percentages (0.97, 99.95%). Each parser returns the value in seconds,
// events per second or a fraction, or an explanation of what is valid.

#include <string>
#include <string_view>
#include <variant>

namespace reliasim::scenario {

inline constexpr double seconds_per_day = 86400.0;
inline constexpr double seconds_per_year = 365.0 * seconds_per_day;
inline constexpr double seconds_per_month = seconds_per_year / 12.0;

// Longest duration accepted anywhere: beyond it a model is a typo, not a system.
inline constexpr double max_duration = 1000.0 * seconds_per_year;

struct UnitError {
  std::string message;
};

template <typename T>
using Parsed = std::variant<T, UnitError>;

[[nodiscard]] Parsed<double> parse_duration(std::string_view text);
[[nodiscard]] Parsed<double> parse_rate(std::string_view text);
[[nodiscard]] Parsed<double> parse_probability(std::string_view text);
// A plain finite number ("1.5", "-3"); rejects NaN, infinities and trailing text.
[[nodiscard]] Parsed<double> parse_number(std::string_view text);

// "2h 30m"-style rendering for messages and summaries.
[[nodiscard]] std::string format_duration(double seconds);
// Text as a message shows it: in single quotes, on one line as every output shows scenario
// text (one_line: "\n", "\u202E"), text longer than 60 bytes shortened with "..." (never
// inside a UTF-8 character).
[[nodiscard]] std::string quote(std::string_view text);
// A number for messages, compact at any size: 2, 99.95, 3.17e+300 (%g-style, `digits`
// significant digits).
[[nodiscard]] std::string format_number(double value, int digits = 6);

}  // namespace reliasim::scenario
