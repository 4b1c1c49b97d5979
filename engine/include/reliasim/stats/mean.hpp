#pragma once
// The mean of per-trial values with a Student-t interval (trials are independent replications).
// Optional weights (e.g. likelihood ratios) give the self-normalised mean sum(w x) / sum(w); for
// the unbiased importance-sampling estimate mean(w x), pass the products w x with unit weights.
// Either way the summary reports the effective sample size and the relative error.

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

#include "reliasim/stats/interval.hpp"

namespace reliasim {

struct MeanSummary {
  Interval interval;                   // estimate = the (weighted) mean
  std::uint64_t count = 0;             // values added, zero weights included
  double effective_sample_size = 0.0;  // (sum w)^2 / sum w^2; equals count for unit weights
  double std_dev = 0.0;                // sample standard deviation (n - 1 denominator)
  double std_error = 0.0;              // standard error of the mean

  [[nodiscard]] double relative_error() const noexcept {
    return std_error / std::abs(interval.estimate);
  }
};

// Streaming moments (Welford; West 1979 for weights) so that chunks can be summarised where they
// run and merged afterwards. Merging regroups rounding: merge fixed chunks in chunk order to get
// bit-identical results for any thread count. add() and merge() never allocate or throw.
class MeanAccumulator {
 public:
  // Precondition: weight >= 0 and finite; a zero weight counts the value but adds no mass.
  void add(double value, double weight = 1.0) noexcept;
  // As if other's values had been added after this one's.
  void merge(const MeanAccumulator& other) noexcept;

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] double mean() const noexcept;  // NaN when empty
  [[nodiscard]] double effective_sample_size() const noexcept;

  // Undefined parts (fewer than two effective values) are NaN. Throws std::invalid_argument for
  // a confidence outside (0, 1).
  [[nodiscard]] MeanSummary summary(double confidence = 0.95) const;

 private:
  // Weighted mean and sum of weighted squared deviations about it.
  struct Moments {
    double weight = 0.0, mean = 0.0, m2 = 0.0;
    void add(double x, double w) noexcept;
    void merge(const Moments& other) noexcept;
  };

  std::uint64_t count_ = 0;
  Moments by_weight_;          // weights w: the estimate and the spread
  Moments by_squared_weight_;  // weights w^2: the variance of a self-normalised mean
};

// Summaries of a whole sample. They throw std::invalid_argument for a bad confidence, for
// weights of a different length than the values, or for a negative or non-finite weight.
[[nodiscard]] MeanSummary summarize_mean(std::span<const double> values, double confidence = 0.95);
[[nodiscard]] MeanSummary summarize_mean(std::span<const double> values,
                                         std::span<const double> weights, double confidence = 0.95);

// The interval of the mean times `factor`, its bounds kept within [lowest, highest], where
// the values themselves lie: a downtime or a credit is never negative, so neither is its
// mean, whatever a t-interval over many zeros says.
[[nodiscard]] Interval mean_interval(const MeanAccumulator& values, double confidence,
                                     double factor = 1.0,
                                     double lowest = -std::numeric_limits<double>::infinity(),
                                     double highest = std::numeric_limits<double>::infinity());

// Kish's effective sample size (sum w)^2 / sum w^2 (0 for no positive weight).
[[nodiscard]] double effective_sample_size(std::span<const double> weights) noexcept;

}  // namespace reliasim
