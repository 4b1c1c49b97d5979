#pragma once
// Running a scenario written as text and reading its results, for the behaviour tests of the
// documented keys: each compares a result with a value worked out by hand.

#include <cmath>
#include <string>
#include <vector>

#include "../engine/simulate/run_helpers.hpp"
#include "load_helpers.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/proportion.hpp"

namespace reliasim::test {

inline constexpr double minute = 60.0;
inline constexpr double hour = 3600.0;
inline constexpr double day = 86400.0;
inline constexpr double year = 365.0 * day;

// A 30-day window's share of the monthly fee (the average month has 365/12 days).
inline constexpr double thirty_day_fee_share = 30.0 / (365.0 / 12.0);

inline RunResults run(const std::string& text, std::uint64_t trials = 2, std::uint64_t seed = 7) {
  return testing::run_trials(compile_ok(text), trials, seed);
}

// A scenario's compiled model with the results of its run, for the analyses that need both.
struct ModelRun {
  CompiledModel model;
  RunResults results;
};

inline ModelRun model_run(const std::string& text, std::uint64_t trials = 2) {
  ModelRun run{compile_ok(text), {}};
  run.results = testing::run_trials(run.model, trials, 7);
  return run;
}

// Index into a [trial][scope][window] array.
inline std::size_t at_scope(const RunResults& r, std::size_t trial, std::size_t scope,
                            std::size_t window = 0) {
  return (trial * r.scopes.size() + scope) * r.windows() + window;
}

// Seconds of scope `scope` in trial `trial` summed over the windows of `array`.
inline double total(const RunResults& r, const TrialArray& array, std::size_t scope,
                    std::size_t trial = 0) {
  double sum = 0.0;
  for (std::size_t w = 0; w < r.windows(); ++w) sum += array[at_scope(r, trial, scope, w)];
  return sum;
}

// The incidents of trial 0 from failure mode `mode` (its index in the model), in time order.
inline std::vector<IncidentRecord> incidents_of(const RunResults& r, Index mode) {
  std::vector<IncidentRecord> found;
  for (const IncidentRecord& i : r.incidents)
    if (i.trial == r.first_trial && i.failure_mode == mode) found.push_back(i);
  return found;
}

// Mean over trials of a per-trial value, with its 99.9 % interval.
template <typename PerTrial>
Interval mean_over_trials(const RunResults& r, PerTrial per_trial) {
  std::vector<double> values(r.trials);
  for (std::size_t t = 0; t < r.trials; ++t) values[t] = per_trial(t);
  return summarize_mean(values, testing::check_confidence).interval;
}

// How many incidents each trial has from failure mode `mode`, on average, with its interval.
inline Interval incidents_per_trial(const RunResults& r, Index mode) {
  std::vector<double> count(r.trials);
  for (const IncidentRecord& i : r.incidents)
    if (i.failure_mode == mode) count[i.trial - r.first_trial] += 1.0;
  return summarize_mean(count, testing::check_confidence).interval;
}

}  // namespace reliasim::test
