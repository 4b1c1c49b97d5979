#include "reliasim/scenario/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "reliasim/render/text_safety.hpp"

namespace reliasim::scenario {
namespace {

struct Unit {
  std::string_view symbol;
  double seconds;
};

constexpr std::array<Unit, 9> duration_units{{{"ms", 0.001},
                                              {"s", 1.0},
                                              {"min", 60.0},
                                              {"m", 60.0},
                                              {"h", 3600.0},
                                              {"d", seconds_per_day},
                                              {"w", 7.0 * seconds_per_day},
                                              {"mo", seconds_per_month},
                                              {"y", seconds_per_year}}};

const char* const duration_help =
    "a number with a unit: ms, s, m (minutes), h, d, w, mo or y, such as 30s, 5m, 2h, 3d, 1mo";
const char* const rate_help =
    "a count per unit of time: /s, /m, /h, /d, /w, /mo or /y, such as 4/y, "
    "1/mo, 0.5/d";

// Splits "12.5h" into 12.5 and "h"; the number must be finite.
std::pair<std::optional<double>, std::string_view> split_number(std::string_view text) {
  double value = 0.0;
  const auto* first = text.data();
  const auto [end, ec] = std::from_chars(first, first + text.size(), value);
  if (ec != std::errc() || end == first || !std::isfinite(value)) return {std::nullopt, text};
  return {value, text.substr(static_cast<std::size_t>(end - first))};
}

std::optional<double> unit_seconds(std::string_view symbol) {
  for (const auto& unit : duration_units)
    if (unit.symbol == symbol) return unit.seconds;
  return std::nullopt;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Parsed<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [value, rest] = split_number(text);
  if (!value || !rest.empty())
    return UnitError{quote(text) + " is not a finite number; write a number such as 2 or 0.5"};
  return *value;
}

Parsed<double> parse_duration(std::string_view text) {
  text = trim(text);
  if (text == "0") return 0.0;
  auto [value, symbol] = split_number(text);
  const auto seconds = unit_seconds(trim(symbol));
  if (!value || !seconds)
    return UnitError{quote(text) + " is not a duration; write " + duration_help};
  if (*value < 0) return UnitError{"duration " + quote(text) + " is negative; durations are >= 0"};
  const double result = *value * *seconds;
  if (result > max_duration)
    return UnitError{"duration " + quote(text) + " is longer than the 1000y limit"};
  return result;
}

Parsed<double> parse_rate(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    return UnitError{quote(text) + " is not a rate; write " + rate_help};
  auto [value, rest] = split_number(trim(text.substr(0, slash)));
  const auto symbol = trim(text.substr(slash + 1));
  // /ms and /min are not rate units (docs/scenario-format.md, "Rates"): one spelling per unit.
  const auto seconds = symbol == "ms" || symbol == "min" ? std::nullopt : unit_seconds(symbol);
  if (!value || !rest.empty() || !seconds)
    return UnitError{quote(text) + " is not a rate; write " + rate_help};
  if (*value <= 0)
    return UnitError{"rate " + quote(text) + " is not greater than zero; write " + rate_help};
  const double result = *value / *seconds;
  if (!std::isnormal(result) || !std::isfinite(1.0 / result))
    return UnitError{"rate " + quote(text) +
                     " is too close to zero to simulate; write a rate "
                     "such as 0.001/y, or leave the failure mode out"};
  return result;
}

Parsed<double> parse_probability(std::string_view text) {
  text = trim(text);
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  auto [value, rest] = split_number(trim(text));
  if (!value || !rest.empty())
    return UnitError{quote(text) +
                     " is not a probability; write a number from 0 to 1 or a "
                     "percentage such as 97%"};
  const double result = percent ? *value / 100.0 : *value;
  if (result < 0.0 || result > 1.0)
    return UnitError{"probability " + quote(std::string(text) + (percent ? "%" : "")) +
                     " is outside [0, 1]; write a number from 0 to 1 or a percentage up to 100%"};
  return result;
}

std::string quote(std::string_view text) {
  constexpr std::size_t longest = 60;
  const bool shortened = text.size() > longest;
  if (shortened) {
    std::size_t cut = longest - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  return "'" + one_line(text) + (shortened ? "...'" : "'");
}

std::string format_number(double value, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

std::string format_duration(double seconds) {
  struct Step {
    const char* unit;
    double size;
  };
  constexpr std::array<Step, 5> steps{
      {{"d", seconds_per_day}, {"h", 3600.0}, {"m", 60.0}, {"s", 1.0}, {"ms", 0.001}}};
  for (const auto& step : steps) {
    if (seconds >= step.size || step.size == 0.001) {
      char buffer[48];
      std::snprintf(buffer, sizeof buffer, "%.3g%s", seconds / step.size, step.unit);
      return buffer;
    }
  }
  return "0s";
}

}  // namespace reliasim::scenario
