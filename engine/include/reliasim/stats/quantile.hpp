#pragma once
// Quantiles of per-trial values with distribution-free intervals from order statistics: for
// B ~ Binomial(n, p), P(x_(j) <= q_p < x_(k)) = P(j <= B < k) for any continuous distribution,
// so the interval needs no assumption about the shape of the values.

#include <cstddef>
#include <span>
#include <vector>

#include "reliasim/stats/interval.hpp"

namespace reliasim {

// 1-based ranks of the order statistics that bound a quantile. lower == 0 stands for -infinity
// and upper == n + 1 for +infinity (too few values for the confidence asked).
struct OrderStatisticRanks {
  std::size_t lower = 0;
  std::size_t upper = 0;
  double coverage = 0.0;  // P(lower <= B < upper) >= the confidence asked
};

// Equal tails: the largest j with P(B < j) <= alpha/2 and the smallest k with P(B >= k) <=
// alpha/2, alpha = 1 - confidence. Throws std::invalid_argument unless 0 < p < 1 and
// 0 < confidence < 1.
[[nodiscard]] OrderStatisticRanks order_statistic_ranks(std::size_t n, double p, double confidence);

// Per-trial values sorted once, for any number of quantiles.
class SortedSample {
 public:
  // Throws std::invalid_argument if a value is NaN (NaN has no rank).
  explicit SortedSample(std::vector<double> values);

  [[nodiscard]] std::span<const double> values() const noexcept { return sorted_; }
  [[nodiscard]] std::size_t size() const noexcept { return sorted_.size(); }

  // Point estimate by linear interpolation between order statistics (Hyndman and Fan's type 7,
  // NumPy's and R's default). p in [0, 1]; NaN for an empty sample.
  [[nodiscard]] double quantile(double p) const;

  // The point estimate with the order-statistic interval; unbounded ends are +-infinity.
  [[nodiscard]] Interval quantile_interval(double p, double confidence = 0.95) const;

 private:
  std::vector<double> sorted_;
};

// For each p, what SortedSample(values).quantile_interval(p, confidence) gives, with only the
// order statistics those intervals read put in place (std::nth_element, O(n log k) for k
// quantiles) rather than every value sorted (O(n log n)): for a few quantiles of millions of
// incident durations. Throws std::invalid_argument as SortedSample and quantile_interval do.
[[nodiscard]] std::vector<Interval> quantile_intervals(std::vector<double> values,
                                                       std::span<const double> ps,
                                                       double confidence = 0.95);

}  // namespace reliasim
