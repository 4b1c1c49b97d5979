#include "reliasim/fit/goodness_of_fit.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "reliasim/random/density.hpp"
#include "reliasim/random/sample.hpp"
#include "reliasim/random/stream.hpp"

namespace reliasim::fit {
namespace {

double longest(const DurationSample& sample) {
  double longest = 0.0;
  for (const auto* part : {&sample.observed, &sample.right_censored, &sample.left_censored})
    for (const double x : *part) longest = std::max(longest, x);
  return longest;
}

// The integral of (c - u)^2 / (u (1 - u)) du from u(a) to u(b), where u = F(t), written with
// the cumulative hazard H = -log(1 - u) so that both tails keep their precision.
double segment(double c, double hazard_a, double hazard_b) {
  const double u_a = -std::expm1(-hazard_a);
  const double u_b = -std::expm1(-hazard_b);
  double sum = -(u_b - u_a);
  if (c > 0.0) sum += c * c * (std::log(u_b) - std::log(u_a));
  if (c < 1.0) sum += (1.0 - c) * (1.0 - c) * (hazard_b - hazard_a);
  return sum;
}

// One sample drawn from `fitted` and observed as the data was: a duration whose data point
// was censored at c is censored at c again if the draw outlasts it; draws within the
// resolution are recorded as at most the resolution.
DurationSample resample(const DurationSample& data, const DistributionSpec& fitted,
                        RandomStream& rng) {
  DurationSample drawn;
  drawn.resolution = data.resolution;
  auto record = [&](double x) {
    if (x <= data.resolution)
      drawn.left_censored.push_back(data.resolution);
    else
      drawn.observed.push_back(x);
  };
  for (std::size_t i = 0; i < data.observed.size() + data.left_censored.size(); ++i)
    record(sample(fitted, rng));
  for (const double c : data.right_censored) {
    const double x = sample(fitted, rng);
    if (x > c)
      drawn.right_censored.push_back(c);
    else
      record(x);
  }
  return drawn;
}

constexpr std::uint64_t bootstrap_source = stable_hash("goodness-of-fit bootstrap");

}  // namespace

std::vector<DistributionStep> kaplan_meier(const DurationSample& sample) {
  std::vector<std::pair<double, bool>> times;  // (time, ended)
  times.reserve(sample.size());
  for (const double x : sample.observed) times.emplace_back(x, true);
  for (const double x : sample.left_censored) times.emplace_back(x, true);
  for (const double x : sample.right_censored) times.emplace_back(x, false);
  // At a tie, the ended durations count before the censored ones (still at risk then).
  std::sort(times.begin(), times.end(), [](const auto& l, const auto& r) {
    return l.first < r.first || (l.first == r.first && l.second && !r.second);
  });
  std::vector<DistributionStep> steps;
  double survival = 1.0;
  std::size_t at_risk = times.size();
  for (std::size_t i = 0; i < times.size();) {
    std::size_t ended = 0, leaving = 0;
    const double t = times[i].first;
    for (; i < times.size() && times[i].first == t; ++i, ++leaving) ended += times[i].second;
    if (ended > 0) {
      const double below = 1.0 - survival;
      survival *= 1.0 - static_cast<double>(ended) / static_cast<double>(at_risk);
      steps.push_back({t, below, 1.0 - survival});
    }
    at_risk -= leaving;
  }
  return steps;
}

double kolmogorov_smirnov(const DurationSample& sample, const DistributionSpec& fitted) {
  double distance = 0.0;
  double last = 0.0;
  for (const auto& step : kaplan_meier(sample)) {
    const double f = cdf(fitted, step.time);
    distance = std::max({distance, std::abs(step.below - f), std::abs(step.at - f)});
    last = step.at;
  }
  return std::max(distance, std::abs(last - cdf(fitted, longest(sample))));
}

double anderson_darling(const DurationSample& sample, const DistributionSpec& fitted) {
  double integral = 0.0;
  double level = 0.0;
  double hazard = 0.0;
  for (const auto& step : kaplan_meier(sample)) {
    const double next = cumulative_hazard(fitted, step.time);
    integral += segment(level, hazard, next);
    hazard = next;
    level = step.at;
  }
  const double end = level >= 1.0 ? std::numeric_limits<double>::infinity()
                                  : cumulative_hazard(fitted, longest(sample));
  integral += segment(level, hazard, end);
  return static_cast<double>(sample.size()) * integral;
}

GoodnessOfFit test_goodness_of_fit(const DurationSample& sample, const DistributionFit& fit,
                                   int resamples, std::uint64_t seed) {
  GoodnessOfFit result;
  result.kolmogorov_smirnov = kolmogorov_smirnov(sample, fit.distribution);
  result.anderson_darling = anderson_darling(sample, fit.distribution);
  constexpr double unusable = -1.0;
  std::vector<std::pair<double, double>> distances(static_cast<std::size_t>(std::max(resamples, 0)),
                                                   {unusable, unusable});
  tbb::parallel_for(std::size_t{0}, distances.size(), [&](std::size_t b) {
    RandomStream rng(seed, b, bootstrap_source, 0);
    const DurationSample drawn = resample(sample, fit.distribution, rng);
    try {
      const FitOutcome refit = refit_distribution(fit.family, drawn, fit.unconstrained);
      if (!refit.fit) return;
      distances[b] = {kolmogorov_smirnov(drawn, refit.fit->distribution),
                      anderson_darling(drawn, refit.fit->distribution)};
    } catch (const std::exception&) {
      // A resample Boost.Math cannot evaluate is left out, as one that cannot be refitted.
    }
  });
  int as_far_ks = 0, as_far_ad = 0;
  for (const auto& [ks, ad] : distances) {
    if (ks == unusable) continue;
    ++result.resamples;
    as_far_ks += ks >= result.kolmogorov_smirnov;
    as_far_ad += ad >= result.anderson_darling;
  }
  // Without a resample there is no p-value (not a perfect one).
  const double none = std::numeric_limits<double>::quiet_NaN();
  result.kolmogorov_smirnov_p =
      result.resamples > 0 ? (1.0 + as_far_ks) / (1.0 + result.resamples) : none;
  result.anderson_darling_p =
      result.resamples > 0 ? (1.0 + as_far_ad) / (1.0 + result.resamples) : none;
  return result;
}

}  // namespace reliasim::fit
