#include "reliasim/stats/tail_risk.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace reliasim {

TailRisk tail_risk(std::span<const double> values, double level) {
  if (values.empty()) throw std::invalid_argument("tail risk needs at least one value");
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("tail risk level must be in (0, 1)");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  // The smallest order statistic whose empirical CDF reaches the level.
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(level * n - 1e-9)));
  const double var = sorted[rank - 1];
  const auto at_or_below =
      static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), var) - sorted.begin());
  double above = 0.0;
  for (auto it = std::upper_bound(sorted.begin(), sorted.end(), var); it != sorted.end(); ++it)
    above += *it;
  const double cvar = (above / n + var * (at_or_below / n - level)) / (1.0 - level);
  return {level, var, cvar};
}

}  // namespace reliasim
