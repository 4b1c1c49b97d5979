#pragma once
// What the simulating commands (`run`, `fmea`, `compare`) share: loading a scenario with its
// diagnostics, the run record, trial and precision options, progress, and stopping on Ctrl-C.

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"
#include "progress.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace reliasim::cli {

// Which files scenarios may read: under their own folder, or anywhere with the environment
// variable RELIASIM_TRUST_PATHS=1 (docs/scenario-format.md).
[[nodiscard]] scenario::FileAccess file_access();

// Every diagnostic of a file, one "file:line:column: error: ..." line each, to stderr.
void print_diagnostics(const scenario::ScenarioError& error);

// How messages name a scenario read from standard input (the file argument `-`).
inline constexpr const char* stdin_name = "<stdin>";

// Loads a scenario file, or standard input for `-` (files it names are then looked up from
// the current folder). Throws ScenarioError.
[[nodiscard]] scenario::Scenario load_scenario(const std::string& file);

// Loads and compiles a scenario file (or `-`); prints every diagnostic to stderr and returns
// nothing when it is invalid.
[[nodiscard]] std::optional<CompiledModel> load_model(const std::string& file);

// The record of a run of `model`: engine version, platform, every file it was read from with
// its SHA-256, seed, first trial and the command line as typed (trials and precision are
// filled in when the run is done).
[[nodiscard]] RunRecord run_record(const CompiledModel& model, std::uint64_t seed,
                                   std::uint64_t first_trial);

// Installs the Ctrl-C handler and returns the flag it sets, for RunConfig::cancel: the run
// then throws RunCancelled, and the command exits with exit_interrupted, writing nothing.
[[nodiscard]] const std::atomic<bool>* watch_interrupt();

// What every simulating command takes: how many trials, the seed and the threads.
struct TrialOptions {
  std::uint64_t trials = 2000;
  std::uint64_t seed = 1;
  int threads = 0;
};

// Adds --trials/-n, --seed and --threads/-j; returns the --trials option.
CLI::Option* add_trial_options(CLI::App& command, TrialOptions& options);

// Adds --max-memory (e.g. 4GiB, 500MB; 0, the default: half of what this process may use),
// read into `bytes` for RunConfig::memory_limit.
void add_memory_option(CLI::App& command, std::uint64_t& bytes);

// A validator for --seed and --first-trial: digits only, so that -1 is a usage error rather
// than 2^64 - 1.
[[nodiscard]] CLI::Validator whole_number();

// Running until a mean is precise enough rather than for a fixed number of trials.
struct PrecisionOptions {
  double relative_half_width = 0.0;  // 0: a fixed number of trials
  std::uint64_t max_trials = 200000;
  bool require_convergence = false;  // exit_not_converged when the cap stopped the run
};

// Adds --precision (which excludes `trials`; `watched` names the mean it watches, for the
// help) and --max-trials; returns the --precision option.
CLI::Option* add_precision_options(CLI::App& command, PrecisionOptions& options,
                                   CLI::Option* trials, const std::string& watched);

// At least 200 trials (fewer when --max-trials is lower), then until precise or capped.
[[nodiscard]] PrecisionTarget precision_target(const PrecisionOptions& options,
                                               const PrecisionMetric& metric);

// Says in the record whether the run reached its precision, and what it reached.
void record_precision(RunRecord& record, const PrecisionOutcome& run);

// The trials per batch to stream a run of config that may make up to `most_trials` trials,
// when they do not fit in memory at once (docs/simulation.md, Memory), saying so on stderr;
// 0 when they fit, or when even streaming would not (simulate() then refuses with the
// estimate). Streamed, the run also keeps `kept_per_trial` bytes a trial beside the summary's.
[[nodiscard]] std::uint64_t batch_if_too_large(const CompiledModel& model, const RunConfig& config,
                                               std::uint64_t most_trials,
                                               double kept_per_trial = 0.0);

// The exit code of a finished run: exit_not_converged, with a message, when the user required
// the precision and the trial cap stopped the run first; exit_ok otherwise.
[[nodiscard]] int convergence_exit(const PrecisionOptions& options, const RunRecord& record);

// Adds --format (one of `formats`, the first the default) and --output/-o.
void add_output_options(CLI::App& command, std::string& format, std::string& output,
                        const std::vector<std::string>& formats);

// A run of those trials that stops on Ctrl-C (RunConfig::cancel).
[[nodiscard]] RunConfig run_config(const TrialOptions& options);

// `run(config)` (simulate() or any run built on it) with a progress line for `phase` counting
// up to `total` trials; nothing when Ctrl-C stopped it (RunCancelled).
template <typename Run>
[[nodiscard]] auto with_progress(RunConfig config, std::uint64_t total, const std::string& phase,
                                 const Run& run) -> std::optional<decltype(run(config))> {
  Progress progress(total, phase);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  try {
    return run(config);
  } catch (const RunCancelled&) {
    return std::nullopt;
  }
}

// simulate() with a progress line for `phase`; nothing when Ctrl-C stopped it.
[[nodiscard]] std::optional<RunResults> simulate_with_progress(const CompiledModel& model,
                                                               const RunConfig& config,
                                                               const std::string& phase);

// sensitivity() with a progress line for `phase` over all its runs; throws RunCancelled on
// Ctrl-C.
[[nodiscard]] Sensitivity sensitivity_with_progress(const CompiledModel& model,
                                                    const TrialOptions& run,
                                                    const SensitivityOptions& analysis,
                                                    const std::string& phase);

// The message and exit code of a run that Ctrl-C stopped.
[[nodiscard]] int interrupted_exit();

}  // namespace reliasim::cli
