#pragma once
// An estimate with a two-sided confidence interval: what every statistic in reliasim reports
// (docs/simulation.md, Statistics). Unbounded ends are +-infinity; an undefined interval is NaN.

#include <cmath>

namespace reliasim {

struct Interval {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  double confidence = 0.0;  // nominal two-sided level, e.g. 0.95

  [[nodiscard]] double half_width() const noexcept { return 0.5 * (upper - lower); }
  // The precision target of a run that stops on precision: half-width over |estimate|.
  [[nodiscard]] double relative_half_width() const noexcept {
    return half_width() / std::abs(estimate);
  }
  [[nodiscard]] bool contains(double value) const noexcept {
    return lower <= value && value <= upper;
  }
};

}  // namespace reliasim
