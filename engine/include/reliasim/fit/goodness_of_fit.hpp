#pragma once
// How well a fitted distribution describes its data (docs/fit.md, Goodness of fit): the
// Kolmogorov-Smirnov and Anderson-Darling distances between the Kaplan-Meier estimate of the
// data's distribution and the fitted one, with p-values from a parametric bootstrap. Tables of
// critical values assume known parameters; with fitted ones they are far too lenient, so every
// resample is refitted the way the data was.

#include <cstdint>
#include <vector>

#include "reliasim/fit/duration_sample.hpp"
#include "reliasim/fit/maximum_likelihood.hpp"

namespace reliasim::fit {

// The Kaplan-Meier estimate of P(X <= t): one step at each time a duration ended. Left-censored
// durations count as ending at their bound.
struct DistributionStep {
  double time = 0.0;
  double below = 0.0;  // the estimate just before `time`
  double at = 0.0;     // the estimate at `time`
};
[[nodiscard]] std::vector<DistributionStep> kaplan_meier(const DurationSample& sample);

// sup |F_KM(t) - F(t)| over t up to the longest duration in the sample.
[[nodiscard]] double kolmogorov_smirnov(const DurationSample& sample,
                                        const DistributionSpec& fitted);
// n times the integral of (F_KM - F)^2 / (F (1 - F)) dF up to the longest duration (to
// infinity when the estimate reaches 1): the usual A^2 for a sample without censoring.
[[nodiscard]] double anderson_darling(const DurationSample& sample, const DistributionSpec& fitted);

struct GoodnessOfFit {
  double kolmogorov_smirnov = 0.0;
  double kolmogorov_smirnov_p = 0.0;
  double anderson_darling = 0.0;
  double anderson_darling_p = 0.0;
  int resamples = 0;  // bootstrap samples that could be refitted
};

// The distances of `fit` to `sample` and their bootstrap p-values (1 + resamples at least as
// far) / (1 + resamples), from `resamples` samples drawn from the fit with the data's censoring
// (NaN when no resample could be refitted, or none was asked for).
// The same seed gives the same p-values on any number of threads.
[[nodiscard]] GoodnessOfFit test_goodness_of_fit(const DurationSample& sample,
                                                 const DistributionFit& fit, int resamples,
                                                 std::uint64_t seed);

}  // namespace reliasim::fit
