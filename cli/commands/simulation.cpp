#include "simulation.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "exit_codes.hpp"
#include "invocation.hpp"
#include "output.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace reliasim::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) {
  interrupted = true;
}

}  // namespace

scenario::FileAccess file_access() {
  const char* trust = std::getenv("RELIASIM_TRUST_PATHS");
  return {.anywhere = trust != nullptr && std::string_view(trust) == "1"};
}

void print_diagnostics(const scenario::ScenarioError& error) {
  for (const auto& diagnostic : error.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
}

scenario::Scenario load_scenario(const std::string& file) {
  if (file != "-") return scenario::load_scenario_file(file, file_access());
  // One byte past the limit is enough for the loader to refuse a larger input.
  std::string text(scenario::max_scenario_bytes + 1, '\0');
  std::cin.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::cin.gcount()));
  return scenario::load_scenario_text(text, stdin_name, std::filesystem::current_path(),
                                      file_access());
}

std::optional<CompiledModel> load_model(const std::string& file) {
  scenario::Scenario scenario;
  try {
    scenario = load_scenario(file);
  } catch (const scenario::ScenarioError& error) {
    print_diagnostics(error);
    return std::nullopt;
  }
  return scenario::compile(scenario);
}

RunRecord run_record(const CompiledModel& model, std::uint64_t seed, std::uint64_t first_trial) {
  RunRecord record = record_of_inputs(model.inputs);
  record.seed = seed;
  record.first_trial = first_trial;
  record.command = invocation();
  return record;
}

const std::atomic<bool>* watch_interrupt() {
  std::signal(SIGINT, on_interrupt);
  return &interrupted;
}

// Unsigned options would take -1 as 2^64 - 1: only digits are accepted.
CLI::Validator whole_number() {
  return CLI::Validator(
      [](const std::string& input) {
        const bool digits = !input.empty() && input.size() <= 19 &&
                            input.find_first_not_of("0123456789") == std::string::npos;
        return digits ? std::string() : "must be a whole number from 0 to 10^19 - 1";
      },
      "WHOLE");
}

CLI::Option* add_trial_options(CLI::App& command, TrialOptions& options) {
  auto* trials =
      command.add_option("--trials,-n", options.trials, "Number of trials (default 2000)")
          ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command.add_option("--seed", options.seed, "Random seed (default 1)")->check(whole_number());
  command.add_option("--threads,-j", options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  return trials;
}

void add_memory_option(CLI::App& command, std::uint64_t& bytes) {
  command
      .add_option("--max-memory", bytes,
                  "Memory a run may hold, e.g. 4GiB or 500MB (default: half of what this "
                  "process may use); a run needing more streams its trials, as --streaming")
      ->transform(CLI::AsSizeValue(true));
}

CLI::Option* add_precision_options(CLI::App& command, PrecisionOptions& options,
                                   CLI::Option* trials, const std::string& watched) {
  auto* precision = command
                        .add_option("--precision", options.relative_half_width,
                                    "Stop when the 95% half-width of " + watched +
                                        " is below this fraction of it, e.g. 0.05")
                        ->check(CLI::Range(1e-6, 1.0))
                        ->excludes(trials);
  command
      .add_option("--max-trials", options.max_trials, "Trial cap for --precision (default 200000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command
      .add_flag("--require-convergence", options.require_convergence,
                "Exit with 3 when --precision is not reached within --max-trials")
      ->needs(precision);
  return precision;
}

PrecisionTarget precision_target(const PrecisionOptions& options, const PrecisionMetric& metric) {
  return {options.relative_half_width, std::min<std::uint64_t>(options.max_trials, 200),
          options.max_trials, metric};
}

void record_precision(RunRecord& record, const PrecisionOutcome& run) {
  record.precision_run = true;
  record.converged = run.converged;
  record.relative_half_width = run.relative_half_width;
}

std::uint64_t batch_if_too_large(const CompiledModel& model, const RunConfig& config,
                                 std::uint64_t most_trials, double kept_per_trial) {
  RunConfig all = config;
  all.trials = most_trials;
  if (fits_in_memory(model, all)) return 0;
  // Streamed, a run holds two batches (one simulated, one summarised) and the summary's
  // per-trial credits.
  const std::uint64_t trials = streaming_batch(model, config);
  RunConfig batch = config;
  batch.trials = std::min(most_trials, 2 * trials);
  batch.memory_limit = run_memory_limit(config) - summary_trial_bytes(model, most_trials) -
                       kept_per_trial * static_cast<double>(most_trials);
  if (!(batch.memory_limit > 0.0) || !fits_in_memory(model, batch)) return 0;
  if (!quiet())
    std::cerr << "reliasim: " << (most_trials > config.trials ? "up to " : "") << most_trials
              << " trials do not fit in memory at once: streaming them in batches of " << trials
              << " (quantiles within 1 %, as with --streaming)\n";
  return trials;
}

int convergence_exit(const PrecisionOptions& options, const RunRecord& record) {
  if (!options.require_convergence || !record.precision_run || record.converged) return exit_ok;
  std::cerr << "reliasim: --precision " << options.relative_half_width << " not reached within "
            << record.trials << " trials (--max-trials): the half-width is "
            << record.relative_half_width << " of the mean; results written, exit code "
            << exit_not_converged << '\n';
  return exit_not_converged;
}

void add_output_options(CLI::App& command, std::string& format, std::string& output,
                        const std::vector<std::string>& formats) {
  format = formats.front();
  command.add_option("--format", format, "Output format (default " + formats.front() + ")")
      ->check(CLI::IsMember(formats));
  command.add_option("--output,-o", output,
                     "Write to this file instead of stdout (whole or not at all)");
}

RunConfig run_config(const TrialOptions& options) {
  RunConfig config;
  config.seed = options.seed;
  config.trials = options.trials;
  config.threads = options.threads;
  config.cancel = watch_interrupt();
  return config;
}

std::optional<RunResults> simulate_with_progress(const CompiledModel& model,
                                                 const RunConfig& config,
                                                 const std::string& phase) {
  return with_progress(config, config.trials, phase,
                       [&model](const RunConfig& run) { return simulate(model, run); });
}

Sensitivity sensitivity_with_progress(const CompiledModel& model, const TrialOptions& run,
                                      const SensitivityOptions& analysis,
                                      const std::string& phase) {
  Progress progress(run.trials * sensitivity_runs(model), phase);
  RunConfig config = run_config(run);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  return sensitivity(model, config, analysis);
}

int interrupted_exit() {
  std::cerr << "reliasim: interrupted; no results written\n";
  return exit_interrupted;
}

}  // namespace reliasim::cli
