#include "reliasim/stats/weighted_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "reliasim/stats/critical_values.hpp"

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

}  // namespace

Interval weighted_quantile(std::vector<WeightedValue> values, double p, std::uint64_t trials,
                           double confidence) {
  if (values.empty()) return {trials > 0 ? infinity : nan, nan, nan, confidence};
  std::sort(values.begin(), values.end(),
            [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
  double all = 0.0, all_squared = 0.0;
  for (const WeightedValue& v : values) all += v.weight, all_squared += v.weight * v.weight;
  const bool self_normalised = trials == 0;
  const double n = static_cast<double>(trials), total = self_normalised ? all : n;
  const double z = normal_critical_value(confidence);
  // F and its standard error after the values up to a point, from running sums.
  const auto standard_error = [&](double f, double below_squared) {
    if (self_normalised)
      return std::sqrt((1 - f) * (1 - f) * below_squared + f * f * (all_squared - below_squared)) /
             all;
    if (trials < 2) return nan;
    return std::sqrt(std::max(0.0, (below_squared / n - f * f) / (n - 1)));
  };
  const double beyond = self_normalised ? nan : infinity;
  Interval q{beyond, beyond, beyond, confidence};
  bool estimate = false, lower = false, upper = false;
  double below = 0.0, below_squared = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    below += values[i].weight, below_squared += values[i].weight * values[i].weight;
    if (i + 1 < values.size() && values[i + 1].value == values[i].value) continue;
    const double f = below / total, half = z * standard_error(f, below_squared);
    const double x = values[i].value;
    if (!lower && f + half >= p) q.lower = x, lower = true;
    if (!estimate && f >= p) q.estimate = x, estimate = true;
    if (!upper && f - half >= p) q.upper = x, upper = true;
  }
  return q;
}

}  // namespace reliasim
