#include "report_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reliasim::report_text {
namespace {

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

// One decimal below ten, none above: "4.4", "12".
std::string short_number(double value) {
  return fixed(value, std::abs(value) < 9.95 ? 1 : 0);
}

std::string with_separators(const std::string& digits) {
  const std::size_t start = digits[0] == '-' ? 1 : 0;
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out = digits.substr(0, start);
  for (std::size_t i = start; i < point; ++i) {
    if (i > start && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + digits.substr(point);
}

}  // namespace

std::string duration(double seconds) {
  if (!std::isfinite(seconds)) return not_available;
  const double size = std::abs(seconds);
  if (size < 90) return short_number(seconds) + " s";
  if (size < 90 * 60) return short_number(seconds / 60) + " min";
  if (size < 48 * 3600) return short_number(seconds / 3600) + " h";
  return short_number(seconds / 86400) + " days";
}

DurationUnit duration_unit(double typical) {
  if (!std::isfinite(typical) || typical < 120) return {"seconds", 1.0};
  if (typical < 3 * 3600) return {"minutes", 60.0};
  if (typical < 3 * 86400) return {"hours", 3600.0};
  return {"days", 86400.0};
}

std::vector<svg::Tick> duration_ticks(double min, double max) {
  static const std::vector<svg::Tick> human{{0.1, "0.1 s"},         {1, "1 s"},
                                            {10, "10 s"},           {60, "1 min"},
                                            {600, "10 min"},        {3600, "1 h"},
                                            {6 * 3600, "6 h"},      {86400, "1 day"},
                                            {7 * 86400, "1 week"},  {30 * 86400, "30 days"},
                                            {365 * 86400, "1 year"}};
  std::vector<svg::Tick> ticks;
  for (const svg::Tick& t : human)
    if (t.value >= min * (1 - 1e-9) && t.value <= max * (1 + 1e-9)) ticks.push_back(t);
  return ticks;
}

int availability_decimals(double fraction) {
  const double missing = 100.0 * (1.0 - fraction);
  if (!std::isfinite(missing) || missing <= 0) return 1;
  return std::clamp(static_cast<int>(std::ceil(-std::log10(missing))) + 1, 1, 6);
}

std::string availability(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return not_available;
  return fixed(100.0 * std::min(fraction, 1.0), decimals) + " %";
}

std::string target(double fraction) {
  if (!std::isfinite(fraction)) return not_available;
  std::string digits = fixed(100.0 * fraction, 4);
  digits.erase(digits.find_last_not_of('0') + 1);
  if (digits.back() == '.') digits.pop_back();
  return digits + " %";
}

std::string percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return not_available;
  return fixed(100.0 * fraction, decimals) + " %";
}

std::string money(double amount, const std::string& currency) {
  if (!std::isfinite(amount)) return not_available;
  return with_separators(fixed(amount, std::abs(amount) < 10 && amount != 0 ? 2 : 0)) + " " +
         (currency.empty() ? std::string("money") : currency);
}

std::string count(double value) {
  if (!std::isfinite(value)) return not_available;
  if (std::abs(value) >= 9.95 || value == 0) return with_separators(fixed(value, 0));
  if (std::abs(value) >= 0.995) return fixed(value, 1);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", value);
  return buffer;
}

std::string one_in(double probability) {
  if (!std::isfinite(probability) || probability <= 0) return not_available;
  return "1 in " + with_separators(fixed(1.0 / probability, 0));
}

}  // namespace reliasim::report_text
