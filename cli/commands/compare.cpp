// `reliasim compare A B`: run two designs on common random numbers and print their paired
// differences with intervals, a verdict, and running cost against the credits saved.
#include "reliasim/analysis/compare.hpp"

#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/compare.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct CompareOptions {
  std::string file_a;
  std::string file_b;
  TrialOptions run;
  double confidence = 0.95;
  std::string format = "table";
  std::string output;
};

int compare_designs(const CompareOptions& options) {
  const std::vector<std::string> inputs{options.file_a, options.file_b};
  if (!output_usable(options.output, inputs)) return exit_usage;
  const std::optional<CompiledModel> model_a = load_model(options.file_a);
  const std::optional<CompiledModel> model_b = load_model(options.file_b);
  if (!model_a || !model_b) return exit_invalid;
  const RunConfig config = run_config(options.run);
  // The same seed and trials for both: named failure sources draw the same numbers. The
  // designs run batch by batch, so memory does not grow with the trials.
  const std::optional<Comparison> comparison =
      with_progress(config, 2 * config.trials, "designs A and B", [&](const RunConfig& run) {
        return compare_designs(*model_a, *model_b, run, options.confidence);
      });
  if (!comparison) return interrupted_exit();
  RunRecord record_a = run_record(*model_a, options.run.seed, 0);
  RunRecord record_b = run_record(*model_b, options.run.seed, 0);
  record_a.trials = record_b.trials = comparison->trials;
  write_output(render_compare(*comparison, record_a, record_b, options.format), options.output,
               inputs);
  return exit_ok;
}

}  // namespace

Command add_compare(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  auto* command = app.add_subcommand(
      "compare",
      "Run two designs on common random numbers and show their paired differences (B - A)");
  command->add_option("a", options->file_a, "Scenario of design A (YAML or JSON)")->required();
  command->add_option("b", options->file_b, "Scenario of design B (YAML or JSON)")->required();
  add_trial_options(*command, options->run);
  command->add_option("--confidence", options->confidence, "Interval level (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  add_output_options(*command, options->format, options->output, {"table", "json"});
  return [options] { return compare_designs(*options); };
}

}  // namespace reliasim::cli
