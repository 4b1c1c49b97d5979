#pragma once
// Exact sums of K per-trial values and of all their pairwise products. The mean and the
// t-interval of any linear combination of the values follow from them, so an estimate whose
// residuals are such a combination (a ratio's delta-method residuals, a paired difference of
// ratios) can be built batch by batch and merged, like MeanAccumulator, with the same bits
// however the trials were split.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "reliasim/stats/critical_values.hpp"
#include "reliasim/stats/exact_sum.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim {

template <std::size_t K>
class CrossMoments {
 public:
  using Values = std::array<double, K>;

  void add(const Values& v) {
    ++count_;
    std::size_t p = 0;
    for (std::size_t i = 0; i < K; ++i) {
      sums_[i].add(v[i]);
      for (std::size_t j = i; j < K; ++j) add_product(products_[p++], v[i], v[j]);
    }
  }

  void merge(const CrossMoments& other) {
    count_ += other.count_;
    for (std::size_t i = 0; i < K; ++i) sums_[i].merge(other.sums_[i]);
    for (std::size_t p = 0; p < products_.size(); ++p) products_[p].merge(other.products_[p]);
  }

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] double sum(std::size_t i) const { return sums_[i].value().value(); }

  // The t-interval, at `confidence`, of the mean of the combination c . v shifted to be
  // centred on `estimate`: its half-width is t(n - 1) s / sqrt(n), s the combination's sample
  // standard deviation. NaN bounds for fewer than two values.
  [[nodiscard]] Interval interval(double estimate, const Values& c, double confidence) const {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (count_ < 2) return {estimate, nan, nan, confidence};
    const auto n = static_cast<double>(count_);
    // sum (c.v)^2 - (sum c.v)^2 / n, in double-double from the exact sums. What is left
    // within the arithmetic's own rounding of the terms (2^-104 each) is zero: the
    // combination is then constant, as when paired designs are identical.
    DoubleDouble linear = exactly(0.0), square = exactly(0.0);
    double magnitude = 0.0;
    std::size_t p = 0;
    for (std::size_t i = 0; i < K; ++i) {
      linear = linear + exactly(c[i]) * sums_[i].value();
      for (std::size_t j = i; j < K; ++j) {
        // c_i c_j in double-double: paired designs' terms cancel almost entirely.
        const DoubleDouble weight = exactly(i == j ? 1.0 : 2.0) * exactly(c[i]) * exactly(c[j]);
        const DoubleDouble term = weight * products_[p++].value();
        square = square + term;
        magnitude += std::abs(term.value());
      }
    }
    double spread = (square - linear * linear / exactly(n)).value();
    if (!(spread > 1e-28 * magnitude)) spread = 0.0;
    const double half =
        student_t_critical_value(confidence, n - 1.0) * std::sqrt(spread / (n - 1.0) / n);
    return {estimate, estimate - half, estimate + half, confidence};
  }

  // The state, for saving and loading (archives call this with the parts in order).
  template <typename Archive>
  void transfer(Archive& a) {
    a(count_, sums_, products_);
  }

 private:
  std::uint64_t count_ = 0;
  std::array<ExactSum, K> sums_{};
  std::array<ExactSum, K*(K + 1) / 2> products_{};
};

}  // namespace reliasim
