#pragma once
// Numbers for people in the HTML report (private to the engine): durations in the unit that
// reads best, availability with the digits that matter, money with thousands separators.
// Nothing here ever prints "nan" or "inf": an undefined value reads "n/a".

#include <string>
#include <vector>

#include "reliasim/stats/interval.hpp"
#include "svg_chart.hpp"

namespace reliasim::report_text {

inline constexpr const char* not_available = "n/a";

// "40 s", "12.5 min", "4.4 h", "3.2 days".
[[nodiscard]] std::string duration(double seconds);

// The unit a chart of durations reads best in, chosen from a typical value (e.g. the largest).
struct DurationUnit {
  std::string name;  // "seconds", "minutes", "hours" or "days"
  double seconds = 1.0;
};
[[nodiscard]] DurationUnit duration_unit(double typical_seconds);

// Ticks of a log axis of durations in seconds at 1 s, 10 s, 1 min, 10 min, 1 h, ... that fall in
// [min, max], labelled as durations.
[[nodiscard]] std::vector<svg::Tick> duration_ticks(double min, double max);

// Decimals that show an availability's unavailability to two significant digits (1 to 6).
[[nodiscard]] int availability_decimals(double fraction);
// "99.949 %".
[[nodiscard]] std::string availability(double fraction, int decimals);
// A target as written: "99.9 %", "99.995 %" (up to four decimals, no trailing zeros).
[[nodiscard]] std::string target(double fraction);
// "3.0 %" of a fraction.
[[nodiscard]] std::string percent(double fraction, int decimals = 1);
// "4,360 EUR"; "money" when the currency is not named.
[[nodiscard]] std::string money(double amount, const std::string& currency);
// A rate or count to about two significant digits: "11", "4.3", "0.22".
[[nodiscard]] std::string count(double value);
// "1 in 20" for 0.05.
[[nodiscard]] std::string one_in(double probability);
// An interval's bounds in words, each formatted by `format`: "99.945 % to 99.954 %".
template <class Format>
[[nodiscard]] std::string bounds(const Interval& i, Format format) {
  return format(i.lower) + " to " + format(i.upper);
}

}  // namespace reliasim::report_text
