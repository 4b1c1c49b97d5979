#pragma once
// Log-density and log-survival of the distributions a time to failure can have: what the
// likelihood ratio of importance sampling (docs/rare-events.md) is made of. Only
// distributions with a density over all of (0, infinity) can be biased: a faster failure
// clock must still be able to fail wherever the unbiased one could.

#include "reliasim/random/distribution.hpp"

namespace reliasim {

// Exponential, Weibull, lognormal, gamma and the normal truncated at zero.
[[nodiscard]] bool has_full_support(const DistributionSpec& d);

// log f(x) and log P(X > x) for x >= 0; only for has_full_support(d).
[[nodiscard]] double log_density(const DistributionSpec& d, double x);
[[nodiscard]] double log_survival(const DistributionSpec& d, double x);

}  // namespace reliasim
