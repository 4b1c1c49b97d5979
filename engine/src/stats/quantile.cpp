#include "reliasim/stats/quantile.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "reliasim/stats/critical_values.hpp"

namespace reliasim {
namespace {

using Binomial = boost::math::binomial_distribution<double>;

// P(B <= m), with P(B <= -1) = 0.
double cdf_at(const Binomial& b, long long m) {
  return m < 0 ? 0.0 : boost::math::cdf(b, static_cast<double>(m));
}

// P(B > m), computed directly so that the upper tail keeps its precision.
double upper_tail_above(const Binomial& b, long long m) {
  return boost::math::cdf(boost::math::complement(b, static_cast<double>(m)));
}

// Clamped normal-approximation starting point; the exact search below then moves a few steps.
long long start_rank(double n, double p, double z) {
  const double guess = n * p + z * std::sqrt(n * p * (1.0 - p));
  return static_cast<long long>(std::clamp(std::floor(guess), -1.0, n));
}

}  // namespace

OrderStatisticRanks order_statistic_ranks(std::size_t n, double p, double confidence) {
  const double z = normal_critical_value(confidence);  // checks the confidence
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument("quantile interval needs 0 < p < 1, got " + std::to_string(p));
  }
  const double tail = 0.5 * (1.0 - confidence);
  const auto last = static_cast<long long>(n);
  const Binomial b(static_cast<double>(n), p);

  // Lower: the largest m in [-1, n - 1] with P(B <= m) <= tail; then j = m + 1.
  long long m = std::min(start_rank(static_cast<double>(n), p, -z), last - 1);
  while (m >= 0 && cdf_at(b, m) > tail) --m;
  while (m + 1 <= last - 1 && cdf_at(b, m + 1) <= tail) ++m;
  const long long j = m + 1;

  // Upper: the smallest m in [0, n] with P(B > m) <= tail; then k = m + 1.
  m = std::max(start_rank(static_cast<double>(n), p, z), 0LL);
  while (m < last && upper_tail_above(b, m) > tail) ++m;
  while (m > 0 && upper_tail_above(b, m - 1) <= tail) --m;
  const long long k = m + 1;

  // P(j <= B <= k - 1), from the two tails so that it is accurate near 1.
  const double coverage = 1.0 - cdf_at(b, j - 1) - upper_tail_above(b, k - 1);
  return {static_cast<std::size_t>(j), static_cast<std::size_t>(k), coverage};
}

SortedSample::SortedSample(std::vector<double> values) : sorted_(std::move(values)) {
  if (std::any_of(sorted_.begin(), sorted_.end(), [](double v) { return std::isnan(v); })) {
    throw std::invalid_argument("SortedSample: values must not be NaN");
  }
  std::sort(sorted_.begin(), sorted_.end());
}

double SortedSample::quantile(double p) const {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument("quantile needs 0 <= p <= 1, got " + std::to_string(p));
  }
  if (sorted_.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = p * static_cast<double>(sorted_.size() - 1);
  const auto below = static_cast<std::size_t>(h);
  if (below + 1 >= sorted_.size()) return sorted_.back();
  const double fraction = h - static_cast<double>(below);
  return sorted_[below] + fraction * (sorted_[below + 1] - sorted_[below]);
}

Interval SortedSample::quantile_interval(double p, double confidence) const {
  const OrderStatisticRanks ranks = order_statistic_ranks(sorted_.size(), p, confidence);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double lower = ranks.lower == 0 ? -kInf : sorted_[ranks.lower - 1];
  const double upper = ranks.upper > sorted_.size() ? kInf : sorted_[ranks.upper - 1];
  return {quantile(p), lower, upper, confidence};
}

}  // namespace reliasim
