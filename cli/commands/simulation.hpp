#pragma once
// What the simulating commands (`run`, `fmea`) share: loading a scenario with its
// diagnostics, the run record, and stopping on Ctrl-C.

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"

namespace reliasim::cli {

// Loads and compiles a scenario file; prints every diagnostic to stderr and returns nothing
// when it is invalid.
[[nodiscard]] std::optional<CompiledModel> load_model(const std::string& file);

// "fnv1a64:" and 16 hex digits of the file's bytes.
[[nodiscard]] std::string file_hash(const std::string& path);

// The record of a run of `file`: engine version, file and hash, seed, first trial and the
// command line as typed (trials and precision are filled in when the run is done).
[[nodiscard]] RunRecord run_record(const std::string& file, std::uint64_t seed,
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

// Adds --format (one of `formats`, the first the default) and --output/-o.
void add_output_options(CLI::App& command, std::string& format, std::string& output,
                        const std::vector<std::string>& formats);

// A run of those trials that stops on Ctrl-C (RunConfig::cancel).
[[nodiscard]] RunConfig run_config(const TrialOptions& options);

// simulate() with a progress bar; nothing when Ctrl-C stopped it (the message is printed).
[[nodiscard]] std::optional<RunResults> simulate_with_progress(const CompiledModel& model,
                                                               RunConfig config);

// The message and exit code of a run that Ctrl-C stopped.
[[nodiscard]] int interrupted_exit();

}  // namespace reliasim::cli
