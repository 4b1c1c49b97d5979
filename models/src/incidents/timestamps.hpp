#pragma once
// Reading the times of an incident export (docs/fit.md, Times): ISO 8601 with or without a UTC
// offset ("2026-03-01T12:00:00Z", "2026-03-01 12:00:00.25+01:00", "...+0100"), seconds since
// the Unix epoch, or a pattern the mapping gives ("%d/%b/%y %I:%M %p" for Jira). Howard
// Hinnant's date library does the calendar arithmetic. Internal to models/.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace reliasim::incidents {

struct TimeFormat {
  std::string pattern;      // date::parse pattern; empty: ISO 8601 or epoch seconds
  double utc_offset = 0.0;  // seconds east of UTC, for times written without an offset
};

// Seconds since the Unix epoch, or what is wrong with the text (without quoting it).
[[nodiscard]] std::variant<double, std::string> parse_time(std::string_view text,
                                                           const TimeFormat& format);

// The calendar month holding `t` (epoch seconds) in the zone `utc_offset` seconds east of UTC.
struct CalendarMonth {
  int year = 0;
  int month = 0;  // 1 to 12
};
[[nodiscard]] CalendarMonth month_holding(double t, double utc_offset);
// Midnight in that zone on the first day of the month holding `t`, moved by `months`.
[[nodiscard]] double month_start(double t, int months, double utc_offset);

// "+01:00", "-0530", "Z" or "UTC" as seconds east of UTC.
[[nodiscard]] std::optional<double> parse_utc_offset(std::string_view text);

}  // namespace reliasim::incidents
