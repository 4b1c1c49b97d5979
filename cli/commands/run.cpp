// `reliasim run FILE`: simulate a scenario and print its summary as a table or JSON.
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

constexpr std::uint64_t streaming_batch = 2000;

struct RunOptions {
  std::string file;
  std::uint64_t trials = 2000;
  double precision = 0.0;
  std::string precision_metric;
  std::uint64_t max_trials = 200000;
  std::uint64_t seed = 1;
  std::uint64_t first_trial = 0;
  int threads = 0;
  std::string format = "table";
  std::string output;
  bool analytic = false;
  bool streaming = false;
};

int run(const RunOptions& options) {
  const std::optional<CompiledModel> loaded = load_model(options.file);
  if (!loaded) return exit_invalid;
  const CompiledModel& model = *loaded;
  PrecisionMetric metric;
  try {
    metric = precision_metric(model, options.precision_metric);
  } catch (const std::invalid_argument& error) {
    std::cerr << "reliasim: --precision-metric: " << error.what() << '\n';
    return exit_usage;
  }
  RunConfig config;
  config.seed = options.seed;
  config.first_trial = options.first_trial;
  config.trials = options.trials;
  config.threads = options.threads;
  const std::uint64_t total = options.precision > 0 ? options.max_trials : options.trials;
  Progress progress(total);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  config.cancel = watch_interrupt();

  RunRecord record = run_record(options.file, options.seed, options.first_trial);
  std::optional<SummaryBuilder> builder;
  RunResults results;
  try {
    if (options.precision > 0) {
      PrecisionTarget target{options.precision, std::min<std::uint64_t>(options.max_trials, 200),
                             options.max_trials, metric};
      PrecisionRun run = simulate_to_precision(model, config, target);
      results = std::move(run.results);
      record.precision_run = true;
      record.converged = run.converged;
      record.relative_half_width = run.relative_half_width;
    } else if (options.streaming) {
      builder.emplace(model, false);
      simulate_in_batches(model, config, streaming_batch,
                          [&](const RunResults& batch) { builder->add(batch); });
    } else {
      results = simulate(model, config);
    }
  } catch (const RunCancelled&) {
    std::cerr << "reliasim: interrupted; no results written\n";
    return exit_interrupted;
  }
  Summary summary = builder ? builder->finish() : summarize(results, model);
  record.trials = summary.trials;
  if (options.analytic) summary.analytic = analytic::estimate(model);
  write_output(
      options.format == "json" ? render_json(summary, record) : render_table(summary, record),
      options.output);
  return exit_ok;
}

}  // namespace

Command add_run(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  auto* command =
      app.add_subcommand("run", "Simulate a scenario and report availability, incidents and SLAs");
  command->add_option("file", options->file, "Scenario file (YAML or JSON)")->required();
  auto* trials =
      command->add_option("--trials,-n", options->trials, "Number of trials (default 2000)")
          ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command
      ->add_option("--precision", options->precision,
                   "Stop when the 95% half-width of the mean of --precision-metric is below "
                   "this fraction of it, e.g. 0.05")
      ->check(CLI::Range(1e-6, 1.0))
      ->excludes(trials);
  command->add_option(
      "--precision-metric", options->precision_metric,
      "What --precision watches: a journey's (or SLA scope's) downtime, or an SLA's "
      "credit, by name (default: the first journey)");
  command
      ->add_option("--max-trials", options->max_trials,
                   "Trial cap for --precision (default 200000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command->add_option("--seed", options->seed, "Random seed (default 1)");
  command->add_option("--first-trial", options->first_trial,
                      "First trial index: runs over disjoint ranges combine exactly");
  command->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}));
  command->add_option("--output,-o", options->output, "Write to this file instead of stdout");
  command
      ->add_flag("--streaming", options->streaming,
                 "Bounded memory for huge trial counts: batches of trials are summarised and "
                 "dropped; quantiles are then exact to within 1 %")
      ->excludes("--precision");
  command->add_flag(
      "--analytic", options->analytic,
      "Also show the analytic long-run availability of each scope beside the simulation");
  return [options] { return run(*options); };
}

}  // namespace reliasim::cli
