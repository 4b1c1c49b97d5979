// `reliasim sensitivity FILE`: vary each rate, duration and probability on common random
// numbers and rank them by their effect on downtime and SLA credit (a tornado).
#include "reliasim/analysis/sensitivity.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/sensitivity.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct SensitivityCommandOptions {
  std::string file;
  TrialOptions run;
  double low = 0.5;
  double high = 2.0;
  std::string scope;
  std::string format = "table";
  std::string output;
};

int run_sensitivity(const SensitivityCommandOptions& options) {
  if (!output_usable(options.output, {options.file})) return exit_usage;
  const std::optional<CompiledModel> model = load_model(options.file);
  if (!model) return exit_invalid;
  SensitivityOptions analysis{options.low, options.high, 0, 0.95};
  try {
    const PrecisionMetric metric = precision_metric(*model, options.scope);
    if (metric.kind != PrecisionMetric::Kind::scope_downtime)
      throw std::invalid_argument("'" + options.scope +
                                  "' is an SLA; name a journey or an SLA's service");
    analysis.scope = metric.index;
  } catch (const std::invalid_argument& error) {
    std::cerr << "reliasim: --scope: " << error.what() << '\n';
    return exit_usage;
  }
  Sensitivity result;
  try {
    result = sensitivity_with_progress(*model, options.run, analysis, "sensitivity");
  } catch (const RunCancelled&) {
    return interrupted_exit();
  }
  RunRecord record = run_record(*model, options.run.seed, 0);
  record.trials = options.run.trials;
  write_output(render_sensitivity(result, record, options.format), options.output, {options.file});
  return exit_ok;
}

}  // namespace

Command add_sensitivity(CLI::App& app) {
  auto options = std::make_shared<SensitivityCommandOptions>();
  auto* command = app.add_subcommand(
      "sensitivity",
      "Vary each rate, duration and probability and rank them by their effect (a tornado)");
  command->add_option("file", options->file, "Scenario file (YAML or JSON; - reads standard input)")
      ->required();
  add_trial_options(*command, options->run);
  command->add_option("--low", options->low, "Factor for the low setting (default 0.5)")
      ->check(CLI::Range(1e-3, 1e3));
  command->add_option("--high", options->high, "Factor for the high setting (default 2)")
      ->check(CLI::Range(1e-3, 1e3));
  command->add_option("--scope", options->scope,
                      "Whose downtime ranks the parameters: a journey or an SLA's service "
                      "(default: the first journey)");
  add_output_options(*command, options->format, options->output, {"table", "csv", "json"});
  return [options] { return run_sensitivity(*options); };
}

}  // namespace reliasim::cli
