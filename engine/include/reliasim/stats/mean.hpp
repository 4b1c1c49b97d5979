#pragma once
// The mean of per-trial values with a Student-t interval (trials are independent replications).
// Optional weights (e.g. likelihood ratios) give the self-normalised mean sum(w x) / sum(w); for
// the unbiased importance-sampling estimate mean(w x), pass the products w x with unit weights.
// Either way the summary reports the effective sample size and the relative error.

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>

#include "reliasim/stats/exact_sum.hpp"
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

// Sums of the values, their squares and their weights, kept exactly (exact_sum.hpp), so that
// chunks can be summarised where they run and merged afterwards with the same bits in any
// order or grouping: the same trials give the same summary however they were split.
class MeanAccumulator {
 public:
  MeanAccumulator() = default;
  MeanAccumulator(const MeanAccumulator& other);
  MeanAccumulator& operator=(const MeanAccumulator& other);
  MeanAccumulator(MeanAccumulator&&) noexcept = default;
  MeanAccumulator& operator=(MeanAccumulator&&) noexcept = default;
  ~MeanAccumulator() = default;

  // Precondition: weight >= 0 and finite; a zero weight counts the value but adds no mass.
  // The first weight other than 1 allocates the weighted sums. Inline: the hot path of every
  // summary.
  void add(double value, double weight = 1.0) {
    ++count_;
    if (weight != 1.0 || weighted_) return add_weighted(value, weight);
    x_.add(value);
    add_square(xx_, value);
  }
  // As if other's values had been added to this one's.
  void merge(const MeanAccumulator& other);

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] double mean() const noexcept;  // NaN when empty
  [[nodiscard]] double effective_sample_size() const noexcept;

  // Undefined parts (fewer than two effective values) are NaN. Throws std::invalid_argument for
  // a confidence outside (0, 1).
  [[nodiscard]] MeanSummary summary(double confidence = 0.95) const;

  // Sums over the values x with weights w; with unit weights only count, x and x^2 are kept.
  struct WeightedSums {
    ExactSum w, wx, wxx, ww, wwx, wwxx;
  };
  // The state, for saving and loading (partial result files).
  [[nodiscard]] const ExactSum& sum() const noexcept { return x_; }
  [[nodiscard]] const ExactSum& sum_of_squares() const noexcept { return xx_; }
  [[nodiscard]] const WeightedSums* weighted_sums() const noexcept { return weighted_.get(); }
  void restore(std::uint64_t count, const ExactSum& x, const ExactSum& xx,
               const WeightedSums* weighted);

 private:
  void add_weighted(double value, double weight);
  [[nodiscard]] WeightedSums weighted_view() const;  // the weighted sums, unit weights or not

  std::uint64_t count_ = 0;
  ExactSum x_, xx_;                         // while every weight is 1
  std::unique_ptr<WeightedSums> weighted_;  // from the first weight other than 1
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
