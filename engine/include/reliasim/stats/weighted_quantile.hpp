#pragma once
// Quantiles of a weighted sample, as importance sampling produces (docs/rare-events.md). The
// distribution function at x is estimated from the weights of the values at or below x:
// - over `trials` (unnormalised): F(x) = sum w / trials, unbiased even where the values not in
//   the sample (trials without the event) lie beyond every value in it (censored: +inf there);
// - self-normalised: F(x) = sum w / (sum of all weights), for a conditional distribution (the
//   durations of the outages that happened).
// The p-quantile is the smallest value with F(x) >= p; its interval inverts F's own pointwise
// normal interval (where F + half-width reaches p, and where F - half-width does).
#include <cstdint>
#include <vector>

#include "reliasim/stats/interval.hpp"

namespace reliasim {

struct WeightedValue {
  double value = 0.0;
  double weight = 0.0;
};

// `values` need not be sorted. trials == 0 means self-normalised. NaN when empty.
[[nodiscard]] Interval weighted_quantile(std::vector<WeightedValue> values, double p,
                                         std::uint64_t trials, double confidence);

}  // namespace reliasim
