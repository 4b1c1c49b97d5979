#pragma once
// Reading simulated estimates out of RunResults for the tests.

#include <cmath>

#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/interval.hpp"
#include "reliasim/stats/mean.hpp"

namespace reliasim::testing {

// The tests use wide (99.9 %) intervals with fixed seeds: a correct engine fails a check with
// probability 1e-3 per check for a new seed, and never for the seeds fixed here.
inline constexpr double check_confidence = 0.999;

inline RunResults run_trials(const CompiledModel& model, std::uint64_t trials, std::uint64_t seed) {
  RunConfig config;
  config.seed = seed;
  config.trials = trials;
  return simulate(model, config);
}

// Expected down fraction over [0, T] of one exponential component that starts up: the
// transient term makes a comparison exact rather than asymptotic.
inline double finite_horizon_unavailability(double mttf, double mttr, double horizon) {
  const double rate = 1.0 / mttf + 1.0 / mttr;
  return (1.0 / mttf) / rate * (1.0 - (1.0 - std::exp(-rate * horizon)) / (rate * horizon));
}

// Mean over trials of the fraction of the horizon the scope was up, with its t-interval.
inline Interval availability(const RunResults& r, std::size_t scope = 0) {
  std::vector<double> up(r.trials);
  const std::size_t scopes = r.scopes.size(), windows = r.windows();
  for (std::size_t t = 0; t < r.trials; ++t) {
    double down = 0.0;
    for (std::size_t w = 0; w < windows; ++w)
      down += r.scope_down[(t * scopes + scope) * windows + w];
    up[t] = 1.0 - down / r.horizon;
  }
  return summarize_mean(up, check_confidence).interval;
}

// Mean over trials of the integral of the failing fraction (seconds), with its interval.
inline Interval error_time(const RunResults& r, std::size_t scope = 0) {
  std::vector<double> error(r.trials);
  const std::size_t scopes = r.scopes.size(), windows = r.windows();
  for (std::size_t t = 0; t < r.trials; ++t)
    for (std::size_t w = 0; w < windows; ++w)
      error[t] += r.scope_error[(t * scopes + scope) * windows + w];
  return summarize_mean(error, check_confidence).interval;
}

// Checks that `expected` lies in the simulated interval, printing both when it does not.
#define CHECK_COVERS(simulated, expected)                                                         \
  do {                                                                                            \
    const ::reliasim::Interval interval_ = (simulated);                                           \
    const double expected_ = (expected);                                                          \
    INFO("simulated " << interval_.estimate << " [" << interval_.lower << ", " << interval_.upper \
                      << "], expected " << expected_);                                            \
    CHECK(interval_.contains(expected_));                                                         \
  } while (false)

}  // namespace reliasim::testing
