// `reliasim stress FILE`: inject a scenario's scripted incidents (its `stress:` tests, or
// --inject) on top of the random history and show what they add against the baseline, paired
// on common random numbers.
#include "reliasim/analysis/stress.hpp"

#include <iostream>
#include <memory>
#include <optional>
#include <variant>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/stress.hpp"
#include "reliasim/scenario/stress.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct StressOptions {
  std::string file;
  std::vector<std::string> tests;
  std::vector<std::string> injections;
  TrialOptions run;
  double confidence = 0.95;
  std::string format = "table";
  std::string output;
};

// The tests to run (choose_stress_tests), or nothing after saying what is wrong.
std::optional<std::vector<StressTestSpec>> chosen_tests(const CompiledModel& model,
                                                        const StressOptions& options) {
  auto chosen =
      scenario::choose_stress_tests(model, options.tests, options.injections, "(--inject)");
  if (auto* tests = std::get_if<std::vector<StressTestSpec>>(&chosen)) return std::move(*tests);
  const auto& error = std::get<scenario::StressRequestError>(chosen);
  using Part = scenario::StressRequestError::Part;
  std::cerr << "reliasim: "
            << (error.part == Part::test     ? "--test: "
                : error.part == Part::inject ? "--inject "
                                             : options.file + " ")
            << error.message << '\n';
  return std::nullopt;
}

int run_stress(const StressOptions& options) {
  if (!output_usable(options.output, {options.file})) return exit_usage;
  const std::optional<CompiledModel> model = load_model(options.file);
  if (!model) return exit_invalid;
  const auto tests = chosen_tests(*model, options);
  if (!tests) return exit_usage;
  const RunConfig config = run_config(options.run);
  const std::optional<StressReport> report = with_progress(
      config, (1 + tests->size()) * config.trials, "baseline and stress tests",
      [&](const RunConfig& run) { return stress(*model, *tests, run, options.confidence); });
  if (!report) return interrupted_exit();
  RunRecord record = run_record(*model, options.run.seed, 0);
  record.trials = report->trials;
  write_output(render_stress(*report, record, options.format), options.output, {options.file});
  return exit_ok;
}

}  // namespace

Command add_stress(CLI::App& app) {
  auto options = std::make_shared<StressOptions>();
  auto* command = app.add_subcommand(
      "stress",
      "Inject scripted incidents on top of the random history and show what they add against "
      "the baseline (paired on common random numbers)");
  command->add_option("file", options->file, "Scenario file (YAML or JSON; - reads standard input)")
      ->required();
  command->add_option("--test", options->tests,
                      "A stress test of the scenario's `stress:` section (repeatable; default: "
                      "all of them unless --inject is given)");
  command->add_option("--inject", options->injections,
                      "An incident to inject, as 'FAILURE at TIME for DURATION [on TARGET]', e.g. "
                      "'zone-outage at 2027-02 for 6h' (repeatable; together they form one test)");
  add_trial_options(*command, options->run);
  command->add_option("--confidence", options->confidence, "Interval level (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  add_output_options(*command, options->format, options->output, {"table", "json", "html"});
  return [options] { return run_stress(*options); };
}

}  // namespace reliasim::cli
