#include "timestamps.hpp"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <sstream>

namespace reliasim::incidents {
namespace {

using Microseconds = date::sys_time<std::chrono::microseconds>;

constexpr const char* iso_help =
    "write ISO 8601 such as 2026-03-01T12:00:00Z or 2026-03-01 12:00:00+01:00, or seconds "
    "since 1970-01-01 UTC";

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::optional<double> epoch_seconds(std::string_view text) {
  const auto dot = text.find('.');
  if (!all_digits(text.substr(0, dot)) ||
      (dot != std::string_view::npos && !all_digits(text.substr(dot + 1))) || text.size() > 20)
    return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Parses `text` with `pattern` in full, as UTC: the offset the text gives, else `utc_offset`.
// `Time` is the precision read: whole seconds for a mapping's own pattern, since date::parse
// casts a fraction it failed to read (NaN) to an integer, which is undefined; microseconds only
// for ISO 8601 text whose every character has been checked first.
template <typename Time>
std::optional<double> parse_with(const std::string& text, const char* pattern, bool has_offset,
                                 double utc_offset) {
  std::istringstream in(text);
  Time time{};
  std::chrono::minutes offset{0};
  if (has_offset)
    in >> date::parse(pattern, time, offset);
  else
    in >> date::parse(pattern, time);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  // With an offset in the text, date::parse has already applied it.
  const double seconds = std::chrono::duration<double>(time.time_since_epoch()).count();
  return has_offset ? seconds : seconds - utc_offset;
}

// ISO 8601 as exports write it: "T" or a space between date and time, seconds optional,
// fractions of a second, and "Z", "+hh:mm", "+hhmm" or nothing for the zone.
// Whether `text` has the shape YYYY-MM-DDTHH:MM[:SS[.fraction]][(+|-)HH[:]MM] digit by digit.
bool iso_shaped(const std::string& text) {
  const auto digits = [&](std::size_t from, std::size_t count) {
    return from + count <= text.size() && all_digits(std::string_view(text).substr(from, count));
  };
  if (!digits(0, 4) || text[4] != '-' || !digits(5, 2) || text[7] != '-' || !digits(8, 2))
    return false;
  if (text.size() == 10) return true;
  if (text[10] != 'T' || !digits(11, 2) || text[13] != ':' || !digits(14, 2)) return false;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(at + 1, 2)) return false;
    at += 3;
    if (at < text.size() && text[at] == '.') {
      std::size_t end = at + 1;
      while (end < text.size() && end - at <= 9 &&
             std::isdigit(static_cast<unsigned char>(text[end])))
        ++end;
      if (end == at + 1) return false;
      at = end;
    }
  }
  if (at == text.size()) return true;
  if (text[at] != '+' && text[at] != '-') return false;
  const std::string zone = text.substr(at + 1);
  return (zone.size() == 4 && all_digits(zone)) ||
         (zone.size() == 5 && zone[2] == ':' && digits(at + 1, 2) && digits(at + 4, 2));
}

std::optional<double> iso_8601(std::string text, double utc_offset) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  if (text.back() == 'Z' || text.back() == 'z') text.back() = '+', text += "00:00";
  if (text.size() > 4 && text.compare(text.size() - 4, 4, " UTC") == 0)
    text.replace(text.size() - 4, 4, "+00:00");
  if (!iso_shaped(text)) return std::nullopt;
  if (text.size() == 10) return parse_with<Microseconds>(text, "%F", false, utc_offset);
  const bool seconds = text.size() > 16 && text[16] == ':';
  const auto zone = text.find_first_of("+-", 16);
  const bool offset = zone != std::string::npos && text.size() > 16;
  const std::string time = seconds ? "%FT%T" : "%FT%H:%M";
  if (!offset) return parse_with<Microseconds>(text, time.c_str(), false, utc_offset);
  const bool colon = text.find(':', zone) != std::string::npos;
  return parse_with<Microseconds>(text, (time + (colon ? "%Ez" : "%z")).c_str(), true, utc_offset);
}

}  // namespace

CalendarMonth month_holding(double t, double utc_offset) {
  const date::year_month_day day(date::floor<date::days>(date::sys_seconds(
      std::chrono::seconds(static_cast<std::int64_t>(std::floor(t + utc_offset))))));
  return {static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month()))};
}

double month_start(double t, int months, double utc_offset) {
  const CalendarMonth holding = month_holding(t, utc_offset);
  const date::year_month month =
      date::year(holding.year) / date::month(static_cast<unsigned>(holding.month)) +
      date::months(months);
  const date::sys_days start(month / 1);
  return static_cast<double>(start.time_since_epoch().count()) * 86400.0 - utc_offset;
}

std::optional<double> parse_utc_offset(std::string_view text) {
  if (text == "Z" || text == "UTC" || text == "z") return 0.0;
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  std::string digits(text.substr(1));
  digits.erase(std::remove(digits.begin(), digits.end(), ':'), digits.end());
  if (!all_digits(digits) || (digits.size() != 2 && digits.size() != 4)) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (hours > 18 || minutes > 59) return std::nullopt;
  const double seconds = 3600.0 * hours + 60.0 * minutes;
  return text[0] == '-' ? -seconds : seconds;
}

namespace {

// Times from 1900 to 9999: outside them a cell is a typo, and date arithmetic would overflow.
std::variant<double, std::string> in_range(std::optional<double> seconds, std::string problem) {
  constexpr double earliest = -2208988800.0;  // 1900-01-01T00:00:00Z
  constexpr double latest = 253402300799.0;   // 9999-12-31T23:59:59Z
  if (!seconds) return problem;
  if (!(*seconds >= earliest && *seconds <= latest))
    return std::string("is outside the years 1900 to 9999");
  return *seconds;
}

}  // namespace

std::variant<double, std::string> parse_time(std::string_view text, const TimeFormat& format) {
  if (text.size() > 64) return std::string("is too long for a time (at most 64 characters)");
  if (!format.pattern.empty()) {
    const std::string input(text);
    const bool offset = format.pattern.find("%z") != std::string::npos ||
                        format.pattern.find("%Ez") != std::string::npos;
    return in_range(
        parse_with<date::sys_seconds>(input, format.pattern.c_str(), offset, format.utc_offset),
        "does not match the time_format " + format.pattern);
  }
  if (auto seconds = epoch_seconds(text)) return in_range(seconds, "");
  return in_range(iso_8601(std::string(text), format.utc_offset),
                  std::string("is not a time: ") + iso_help);
}

}  // namespace reliasim::incidents
