#pragma once
// The Monte Carlo engine: independent trials of the model over its horizon, in parallel, with
// results that depend only on (model, seed, trial range), never on the thread count.

#include <functional>
#include <string>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "reliasim/stats/mean.hpp"

namespace reliasim {

// Throws std::invalid_argument for a bad configuration, RunCancelled when cancelled.
[[nodiscard]] RunResults simulate(const CompiledModel& model, const RunConfig& config);

// Runs config.trials trials as consecutive batches of `batch_trials`, hands each batch's
// results to `consume`, then drops them: memory for two batches whatever the trial count
// (streaming; one batch is consumed, on a thread of its own, while the next is simulated).
// `consume` sees the batches one at a time, in order; they are the same whatever the thread
// count.
void simulate_in_batches(const CompiledModel& model, RunConfig config, std::uint64_t batch_trials,
                         const std::function<void(const RunResults&)>& consume);

// Whether simulate() accepts a run of `config`: its estimated memory (memory_estimate.hpp) is
// within run_memory_limit(config). Commands stream the trials in batches when it is not.
[[nodiscard]] bool fits_in_memory(const CompiledModel& model, const RunConfig& config);

// Trials per batch of a streamed run of `config`: at most 1000, and no more than keep a batch's
// results within 64 MiB by the run's own estimate, its incidents bounded above by horizon /
// MTTF (1000 web-shop trials take about 25 MiB, one trial of a 5,000-service model as much),
// but at least four a thread.
[[nodiscard]] std::uint64_t streaming_batch(const CompiledModel& model, const RunConfig& config);

// The bytes a run may hold: config.memory_limit, or half of the memory this process may use
// (the machine's, or its cgroup's limit when lower).
[[nodiscard]] double run_memory_limit(const RunConfig& config);

// The metric named `name`: a journey or SLA-scope service (its downtime), or an SLA (its
// credit). Empty: the first scope. Throws std::invalid_argument listing the valid names.
[[nodiscard]] PrecisionMetric precision_metric(const CompiledModel& model, const std::string& name);

// The scopes results are measured for (journeys, then services that SLAs name), in the order
// of RunResults::scopes.
[[nodiscard]] std::vector<std::string> scope_names(const CompiledModel& model);

// What a run to precision reached: its trials, and whether its half-width met the target.
struct PrecisionOutcome {
  std::uint64_t trials = 0;
  bool converged = false;
  double relative_half_width = 0.0;  // reached
};

// Runs steps of trials until `target` is met or its cap is reached; `converged` says which.
// on_progress counts all trials.
struct PrecisionRun {
  RunResults results;
  bool converged = false;
  double relative_half_width = 0.0;  // reached
  [[nodiscard]] PrecisionOutcome outcome() const {
    return {results.trials, converged, relative_half_width};
  }
};
[[nodiscard]] PrecisionRun simulate_to_precision(const CompiledModel& model, RunConfig config,
                                                 const PrecisionTarget& target);

// The relative 95 % half-width of a mean (infinity where undefined): what a precision run
// compares with its target.
[[nodiscard]] double relative_half_width(const MeanAccumulator& values);

// The trials a precision run adds after `have` trials that reached `reached` (the first step
// is target.min_trials): aimed a little past where 1/sqrt(n) says the target is met, at most
// doubling, within target.max_trials. Runs split over machines take the same steps.
[[nodiscard]] std::uint64_t precision_step(std::uint64_t have, double reached,
                                           const PrecisionTarget& target);

// The same run, streamed: the trials of each step are simulated in batches of at most
// `batch_trials` and handed to `consume` in order (as simulate_in_batches), then dropped.
// The steps, and so the trials run, are those of the run above.
[[nodiscard]] PrecisionOutcome simulate_to_precision(
    const CompiledModel& model, RunConfig config, const PrecisionTarget& target,
    const std::function<void(const RunResults&)>& consume, std::uint64_t batch_trials);

}  // namespace reliasim
