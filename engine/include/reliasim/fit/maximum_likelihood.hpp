#pragma once
// Maximum-likelihood fits of the duration distributions a scenario can hold, with censoring
// (docs/fit.md, Fitting). Parameters are estimated on an unconstrained scale (logarithms of
// positive parameters) by Newton's method, and their intervals are Wald intervals on that scale
// from the observed information, so an interval of a positive parameter stays positive.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/fit/duration_sample.hpp"
#include "reliasim/random/distribution.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim::fit {

enum class Family { exponential, lognormal, weibull, gamma };
inline constexpr std::array<Family, 4> all_families{Family::exponential, Family::lognormal,
                                                    Family::weibull, Family::gamma};

[[nodiscard]] std::string_view to_string(Family family);
[[nodiscard]] std::optional<Family> family_named(std::string_view name);
[[nodiscard]] int parameter_count(Family family);

// One figure of a fitted distribution, named as the scenario format writes it (mean; median and
// sigma; shape and scale), or a derived one (median, p95), with its interval.
struct Parameter {
  std::string name;
  Interval value;
  bool is_duration = true;  // seconds; otherwise a plain number (shape, sigma)
};

struct DistributionFit {
  Family family = Family::exponential;
  DistributionSpec distribution;      // the estimate, as the simulator draws it
  std::vector<Parameter> parameters;  // the distribution's own parameters
  std::vector<Parameter> summaries;   // median and p95, by the delta method
  double log_likelihood = 0.0;
  double aic = 0.0;  // 2 k - 2 log L
  // Covariance of the unconstrained parameters (row-major, k x k; k = 1 or 2). NaN where the
  // information is singular.
  std::array<double, 4> covariance{};
  std::array<double, 2> unconstrained{};
};

struct FitOutcome {
  std::optional<DistributionFit> fit;
  std::string problem;  // why there is no fit, in words for the user
};

// Throws std::invalid_argument for a confidence outside (0, 1).
[[nodiscard]] FitOutcome fit_distribution(Family family, const DurationSample& sample,
                                          double confidence = 0.95);

// The same fit started from `start` (a previous fit's unconstrained parameters): the
// parametric bootstrap refits thousands of samples drawn near the estimate.
[[nodiscard]] FitOutcome refit_distribution(Family family, const DurationSample& sample,
                                            const std::array<double, 2>& start,
                                            double confidence = 0.95);

// log L of `distribution` on `sample` (natural logarithm; -infinity where it is impossible).
[[nodiscard]] double log_likelihood(const DistributionSpec& distribution,
                                    const DurationSample& sample);

// P(X <= x) and its inverse, for the four fitted families.
[[nodiscard]] double cdf(const DistributionSpec& distribution, double x);
[[nodiscard]] double quantile(const DistributionSpec& distribution, double p);

}  // namespace reliasim::fit
