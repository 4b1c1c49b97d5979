#pragma once
// The accumulators a Summary is built from. Each takes every trial's weight: 1 in a plain run,
// where the results are exactly the plain estimators (Wilson intervals, order statistics);
// under importance sampling the likelihood ratio, where every estimate is unbiased
// (docs/rare-events.md): means of w x, probabilities as means of w 1{event}, rare complements
// (unavailability) estimated directly, and conditional distributions self-normalised.
#include <cstdint>
#include <limits>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/stats/binned_sample.hpp"
#include "reliasim/stats/interval.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/weighted_quantile.hpp"

namespace reliasim::summary {

// Means of values that are never negative (downtime, counts, credits), or are fractions.
[[nodiscard]] Interval positive_mean(const MeanAccumulator& values, double confidence,
                                     double factor = 1.0);
[[nodiscard]] Interval fraction_mean(const MeanAccumulator& values, double confidence);

// A duration's mean and quantiles, kept exactly or in bins; weighted ones are a conditional
// distribution (of the outages that happened), so they are self-normalised.
class Durations {
 public:
  Durations(bool exact, bool weighted) : exact_(exact), weighted_(weighted) {}
  void add(double value, double weight = 1.0);
  // As if other's values had been added to this one's (the same bits in any order).
  void merge(const Durations& other);
  [[nodiscard]] DurationSummary summary(double confidence) const;
  // The p-quantile over `total` trials of which the ones not added are larger than every
  // added one (trials whose event lies beyond the horizon): +infinity where it needs them.
  [[nodiscard]] Interval censored_quantile(double p, std::uint64_t total, double confidence) const;
  [[nodiscard]] std::uint64_t count() const { return mean_.count(); }
  // Whether a loaded state is one that add() could have made with these settings.
  [[nodiscard]] bool consistent(bool exact, bool weighted) const;
  template <typename Archive>
  void transfer(Archive& a) {
    a(exact_, weighted_, mean_, values_, weighted_values_, binned_);
  }

 private:
  bool exact_, weighted_;
  MeanAccumulator mean_;
  std::vector<double> values_;
  std::vector<WeightedValue> weighted_values_;
  BinnedSample binned_;
};

// The probability of an event per trial (or per window, `hits` of `count` in a trial): Wilson's
// interval in a plain run, the t-interval of the mean of w x hits / count when weighted.
class Share {
 public:
  explicit Share(bool weighted = false) : weighted_(weighted) {}
  void add(bool hit, double weight) { add(hit ? 1 : 0, 1, weight); }
  void add(std::uint64_t hits, std::uint64_t count, double weight);
  [[nodiscard]] Interval probability(double confidence) const;
  [[nodiscard]] Interval complement(double confidence) const;  // of the event not happening
  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] const MeanAccumulator& weighted_mass() const { return mass_; }
  void merge(const Share& other) {
    hits_ += other.hits_, count_ += other.count_;
    mass_.merge(other.mass_);
  }
  [[nodiscard]] bool consistent(bool weighted) const {
    return weighted_ == weighted && hits_ <= count_;
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(weighted_, hits_, count_, mass_);
  }

 private:
  bool weighted_;
  std::uint64_t hits_ = 0, count_ = 0;
  MeanAccumulator mass_;
};

// The mean of a value in [0, top] that is nearly always `top` (availability; the time to a rare
// first outage, capped at the horizon): weighted, what is averaged is its rare shortfall
// top - value, so the estimate is as precise as the unavailability's.
class Fraction {
 public:
  explicit Fraction(bool weighted = false, double top = 1.0) : weighted_(weighted), top_(top) {}
  void add(double value, double weight) {
    if (weighted_)
      mean_.add(weight * (top_ - value));
    else
      mean_.add(value);
  }
  [[nodiscard]] Interval interval(double confidence) const;
  void merge(const Fraction& other) { mean_.merge(other.mean_); }
  [[nodiscard]] bool consistent(bool weighted) const { return weighted_ == weighted; }
  template <typename Archive>
  void transfer(Archive& a) {
    a(weighted_, top_, mean_);
  }

 private:
  bool weighted_;
  double top_;
  MeanAccumulator mean_;
};

}  // namespace reliasim::summary
