#pragma once
// Non-negative values (durations) kept as counts in logarithmic bins of a fixed relative
// width: memory bounded by the range of the values, not their number. Quantiles and their
// order-statistic intervals (quantile.hpp) are exact up to one bin: within `resolution`
// relative error. Used when a run streams more incidents than it can keep.

#include <cstdint>
#include <vector>

#include "reliasim/stats/interval.hpp"

namespace reliasim {

class BinnedSample {
 public:
  // Throws std::invalid_argument unless 0 < resolution < 1.
  explicit BinnedSample(double resolution = 0.01);
  // Negative and non-finite values are ignored: durations are never either.
  void add(double value);
  // Throws std::invalid_argument for a different resolution.
  void merge(const BinnedSample& other);
  [[nodiscard]] std::uint64_t size() const noexcept { return count_; }
  // The representative value of the rank-th smallest value (1-based).
  [[nodiscard]] double value_at_rank(std::uint64_t rank) const;
  // As SortedSample::quantile, on the bins' representative values; NaN when empty.
  [[nodiscard]] double quantile(double p) const;
  [[nodiscard]] Interval quantile_interval(double p, double confidence = 0.95) const;

  // Each bin's representative value (as value_at_rank gives it; zeros: 0) with how many
  // values it holds, in increasing order: the sample, to draw or to re-bin.
  struct Counted {
    double value = 0.0;
    std::uint64_t count = 0;
  };
  [[nodiscard]] std::vector<Counted> counted() const;

  // Whether the counts add up and the resolution is the default: a loaded state add() could
  // have made.
  [[nodiscard]] bool consistent() const;
  struct Bin {
    std::int64_t index = 0;  // the bin of values in [base^index, base^(index + 1))
    std::uint64_t count = 0;
    template <typename Archive>
    void transfer(Archive& a) {
      a(index, count);
    }
  };
  template <typename Archive>
  void transfer(Archive& a) {
    a(log_base_, bins_, zeros_, count_);
  }

 private:
  // The geometric middle of a bin: at most half a bin from any value in it.
  [[nodiscard]] double middle(std::int64_t bin) const;

  double log_base_;
  // The bins that hold values, by index: a sorted flat list, since nearly every value falls in
  // a bin already there (a binary search, no allocation). Zeros have their own count.
  std::vector<Bin> bins_;
  std::uint64_t zeros_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace reliasim
