#pragma once
// How verdicts write durations, money and confidence levels. Internal to the analyses.

#include <cmath>
#include <cstdio>
#include <string>

namespace reliasim::verdict_text {

// "12.5 min", or hours from two hours on; the sign is the caller's.
inline std::string duration_text(double seconds) {
  char text[64];
  const double minutes = std::abs(seconds) / 60.0;
  if (minutes >= 120.0)
    std::snprintf(text, sizeof text, "%.1f h", minutes / 60.0);
  else
    std::snprintf(text, sizeof text, "%.1f min", minutes);
  return text;
}

inline std::string money_text(double amount, const std::string& currency) {
  char text[64];
  std::snprintf(text, sizeof text, "%.0f %s", amount, currency.c_str());
  return text;
}

inline std::string percent(double confidence) {
  char text[16];
  std::snprintf(text, sizeof text, "%g %%", 100.0 * confidence);
  return text;
}

}  // namespace reliasim::verdict_text
