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

void check_no_nan(const std::vector<double>& values) {
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    throw std::invalid_argument("quantile: values must not be NaN");
}

void check_level(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("quantile needs 0 <= p <= 1, got " + std::to_string(p));
}

// The 0-based rank below p's point estimate: it interpolates between that order statistic
// and the next.
std::size_t rank_below(std::size_t n, double p) {
  return static_cast<std::size_t>(p * static_cast<double>(n - 1));
}

// Type-7 interpolation; reads only the order statistics at rank_below(n, p) and the next.
double interpolate(std::span<const double> ordered, double p) {
  if (ordered.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = p * static_cast<double>(ordered.size() - 1);
  const std::size_t below = rank_below(ordered.size(), p);
  if (below + 1 >= ordered.size()) return ordered.back();
  const double fraction = h - static_cast<double>(below);
  return ordered[below] + fraction * (ordered[below + 1] - ordered[below]);
}

// Reads only the order statistics interpolate() reads and those at the ranks.
Interval interval_at(std::span<const double> ordered, double p, const OrderStatisticRanks& ranks,
                     double confidence) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double lower = ranks.lower == 0 ? -kInf : ordered[ranks.lower - 1];
  const double upper = ranks.upper > ordered.size() ? kInf : ordered[ranks.upper - 1];
  return {interpolate(ordered, p), lower, upper, confidence};
}

// Puts the order statistic of each of `ranks` (0-based, ascending) in its place in [first,
// last), whose first element has rank `base`: one nth_element at the middle rank, then each
// side with the ranks that fall in it. The rank just after a placed one, which every point
// estimate reads, is the smallest value after it: a scan rather than another selection.
void select(double* first, double* last, std::span<const std::size_t> ranks, std::size_t base) {
  if (ranks.empty() || first == last) return;
  const std::size_t middle = ranks.size() / 2;
  double* const nth = first + (ranks[middle] - base);
  std::nth_element(first, nth, last);
  select(first, nth, ranks.first(middle), base);
  auto after = ranks.subspan(middle + 1);
  double* rest = nth + 1;
  if (!after.empty() && after.front() == ranks[middle] + 1) {
    std::iter_swap(rest, std::min_element(rest, last));
    after = after.subspan(1), ++rest;
  }
  select(rest, last, after, static_cast<std::size_t>(rest - first) + base);
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
  check_no_nan(sorted_);
  std::sort(sorted_.begin(), sorted_.end());
}

double SortedSample::quantile(double p) const {
  check_level(p);
  return interpolate(sorted_, p);
}

Interval SortedSample::quantile_interval(double p, double confidence) const {
  return interval_at(sorted_, p, order_statistic_ranks(sorted_.size(), p, confidence), confidence);
}

std::vector<Interval> quantile_intervals(std::vector<double> values, std::span<const double> ps,
                                         double confidence) {
  check_no_nan(values);
  const std::size_t n = values.size();
  std::vector<OrderStatisticRanks> bounds;
  std::vector<std::size_t> needed;
  for (const double p : ps) {
    check_level(p);
    bounds.push_back(order_statistic_ranks(n, p, confidence));
    if (n == 0) continue;
    needed.push_back(rank_below(n, p));
    if (needed.back() + 1 < n) needed.push_back(needed.back() + 1);
    if (bounds.back().lower > 0) needed.push_back(bounds.back().lower - 1);
    if (bounds.back().upper <= n) needed.push_back(bounds.back().upper - 1);
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  select(values.data(), values.data() + n, needed, 0);
  std::vector<Interval> intervals;
  for (std::size_t i = 0; i < ps.size(); ++i)
    intervals.push_back(interval_at(values, ps[i], bounds[i], confidence));
  return intervals;
}

}  // namespace reliasim
