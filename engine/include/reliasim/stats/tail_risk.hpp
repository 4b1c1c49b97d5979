#pragma once
// Value at risk and conditional value at risk of a loss (an annual SLA credit) from its
// simulated values. The loss has a point mass at zero, so CVaR uses the form that stays
// correct with atoms (Rockafellar and Uryasev 2002; docs/simulation.md):
//   CVaR_a = (E[A 1{A > VaR_a}] + VaR_a (P(A <= VaR_a) - a)) / (1 - a).

#include <span>

#include "reliasim/stats/binned_sample.hpp"

namespace reliasim {

struct TailRisk {
  double level = 0.0;  // a, e.g. 0.95
  double var = 0.0;    // the smallest x with P(A <= x) >= a
  double cvar = 0.0;   // the mean of the worst (1 - a) share of outcomes
};

// Throws std::invalid_argument for an empty sample or a level outside (0, 1).
[[nodiscard]] TailRisk tail_risk(std::span<const double> values, double level);

// The same under importance sampling: trial i's value counts with its likelihood ratio
// weights[i], so that P(A > x) = sum of the weights of values above x / trials, unbiased in the
// tail where it matters (Glynn 1996, docs/rare-events.md).
[[nodiscard]] TailRisk tail_risk(std::span<const double> values, std::span<const double> weights,
                                 double level);

// The same from values kept in 1 %-wide bins: each bin's values stand at its middle, so VaR
// and CVaR are within half a bin (0.5 %) of those of the values themselves. Throws as above.
[[nodiscard]] TailRisk tail_risk(const BinnedSample& values, double level);

}  // namespace reliasim
