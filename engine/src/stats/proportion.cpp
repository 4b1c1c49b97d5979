#include "reliasim/stats/proportion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "reliasim/stats/critical_values.hpp"

namespace reliasim {

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence) {
  const double z = normal_critical_value(confidence);  // checks the confidence
  if (successes > trials) {
    throw std::invalid_argument("wilson_interval: " + std::to_string(successes) +
                                " successes in only " + std::to_string(trials) + " trials");
  }
  if (trials == 0) return {std::numeric_limits<double>::quiet_NaN(), 0.0, 1.0, confidence};

  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2_n = z * z / n;
  const double centre = (p + 0.5 * z2_n) / (1.0 + z2_n);
  const double half = z / (1.0 + z2_n) * std::sqrt(p * (1.0 - p) / n + 0.25 * z2_n / n);
  // At 0 or n successes the matching bound is exactly 0 or 1; rounding must not move it.
  const double lower = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double upper = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return {p, lower, upper, confidence};
}

}  // namespace reliasim
