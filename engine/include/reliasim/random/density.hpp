#pragma once
// The cumulative hazard H(x) = -log P(X > x) of the distributions a time to failure can have,
// and its inverse: importance sampling (docs/rare-events.md) runs a biased life on its hazard.
// Only distributions with a density over all of (0, infinity) can be biased: a faster failure
// clock must still be able to fail wherever the unbiased one could.

#include "reliasim/random/distribution.hpp"

namespace reliasim {

// Exponential, Weibull, lognormal, gamma and the normal truncated at zero.
[[nodiscard]] bool has_full_support(const DistributionSpec& d);

// H(x) for x >= 0 (0 at 0), accurate where it is tiny; only for has_full_support(d).
[[nodiscard]] double cumulative_hazard(const DistributionSpec& d, double x);
// The x with H(x) = h, for h >= 0 (+infinity for h = infinity).
[[nodiscard]] double inverse_cumulative_hazard(const DistributionSpec& d, double h);

}  // namespace reliasim
