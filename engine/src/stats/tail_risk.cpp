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

TailRisk tail_risk(std::span<const double> values, std::span<const double> weights, double level) {
  if (values.empty() || weights.size() != values.size())
    throw std::invalid_argument("weighted tail risk needs one weight per value");
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("tail risk level must be in (0, 1)");
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] > values[b]; });
  const double n = static_cast<double>(values.size());
  // From the largest value down: VaR is the smallest value whose exceedance P(A > x) is at
  // most 1 - level; the weights above it make up the tail's share and its mean.
  double above = 0.0, above_value = 0.0, var = values[order.front()];
  double tail = 0.0, tail_value = 0.0;
  for (std::size_t k = 0; k < order.size();) {
    const double x = values[order[k]];
    if (n - above < level * n - 1e-9) break;  // as the unweighted rank, ceil(level n)
    var = x, tail = above, tail_value = above_value;
    for (; k < order.size() && values[order[k]] == x; ++k)
      above += weights[order[k]], above_value += weights[order[k]] * x;
  }
  const double cvar = (tail_value / n + var * ((1.0 - tail / n) - level)) / (1.0 - level);
  return {level, var, cvar};
}

TailRisk tail_risk(const BinnedSample& values, double level) {
  if (values.size() == 0) throw std::invalid_argument("tail risk needs at least one value");
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("tail risk level must be in (0, 1)");
  const double n = static_cast<double>(values.size());
  // As above: the bin of the smallest order statistic whose empirical CDF reaches the level.
  const double rank = std::max(1.0, std::ceil(level * n - 1e-9));
  double at_or_below = 0.0, above = 0.0, var = 0.0;
  bool found = false;
  for (const auto& [value, count] : values.counted()) {
    const auto k = static_cast<double>(count);
    if (found) {
      above += value * k;
    } else {
      at_or_below += k;
      if (at_or_below >= rank) var = value, found = true;
    }
  }
  const double cvar = (above / n + var * (at_or_below / n - level)) / (1.0 - level);
  return {level, var, cvar};
}

}  // namespace reliasim
