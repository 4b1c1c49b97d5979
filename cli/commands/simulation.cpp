#include "simulation.hpp"

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "exit_codes.hpp"
#include "invocation.hpp"
#include "output.hpp"
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

std::optional<CompiledModel> load_model(const std::string& file) {
  scenario::Scenario scenario;
  try {
    scenario = scenario::load_scenario_file(file);
  } catch (const scenario::ScenarioError& error) {
    for (const auto& diagnostic : error.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    return std::nullopt;
  }
  return scenario::compile(scenario);
}

std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return scenario_hash(bytes.str());
}

RunRecord run_record(const std::string& file, std::uint64_t seed, std::uint64_t first_trial) {
  RunRecord record;
  record.scenario_file = file;
  record.scenario_hash = file_hash(file);
  record.seed = seed;
  record.first_trial = first_trial;
  record.command = invocation();
  return record;
}

const std::atomic<bool>* watch_interrupt() {
  std::signal(SIGINT, on_interrupt);
  return &interrupted;
}

CLI::Option* add_trial_options(CLI::App& command, TrialOptions& options) {
  auto* trials =
      command.add_option("--trials,-n", options.trials, "Number of trials (default 2000)")
          ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command.add_option("--seed", options.seed, "Random seed (default 1)");
  command.add_option("--threads,-j", options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  return trials;
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

std::optional<RunResults> simulate_with_progress(const CompiledModel& model, RunConfig config) {
  Progress progress(config.trials);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  try {
    return simulate(model, config);
  } catch (const RunCancelled&) {
    return std::nullopt;
  }
}

int interrupted_exit() {
  std::cerr << "reliasim: interrupted; no results written\n";
  return exit_interrupted;
}

}  // namespace reliasim::cli
