// `reliasim replay HISTORY SCENARIO`: what a real incident history meant under the scenario's
// SLAs and SLOs (docs/replay.md), and how often a simulated year is as bad.
#include "reliasim/analysis/replay.hpp"

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/incidents/read_history.hpp"
#include "reliasim/incidents/replay_input.hpp"
#include "reliasim/render/replay.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct ReplayOptions {
  std::string history;
  std::string scenario;
  incidents::ReadSettings read;
  TrialOptions run;
  bool no_simulation = false;
  std::string format = "table";
  std::string output;
};

int replay_command(ReplayOptions options) {
  if (!output_usable(options.output, {options.history, options.scenario})) return exit_usage;
  const auto model = load_model(options.scenario);
  if (!model) return exit_invalid;
  options.read.one_group = true;
  options.read.whole_months = true;
  options.read.keep_overlapping = true;
  try {
    const auto input = incidents::replay_input(
        *model, incidents::read_incident_history(options.history, options.read));
    const Replay replay = replay_history(input.model, input.impacts);
    std::optional<ReplayOdds> odds;
    if (!options.no_simulation) {
      const auto run = simulate_with_progress(*model, run_config(options.run), "simulation");
      if (!run) return exit_interrupted;
      odds = replay_odds(*model, replay, *run);
    }
    const ReplayReport report{input.model,
                              replay,
                              odds ? &*odds : nullptr,
                              options.history,
                              input.history.sha256,
                              options.scenario,
                              input.history.period_start,
                              input.history.incidents.size(),
                              options.run.seed};
    write_output(render_replay(report, options.format), options.output,
                 {options.history, options.scenario});
    return exit_ok;
  } catch (const scenario::ScenarioError& error) {
    print_diagnostics(error);
    return exit_invalid;
  }
}

}  // namespace

Command add_replay(CLI::App& app) {
  auto options = std::make_shared<ReplayOptions>();
  auto* command = app.add_subcommand(
      "replay",
      "Measure a real incident history against a scenario's SLAs and SLOs, beside "
      "the simulated years");
  command
      ->add_option("history", options->history,
                   "Incident export (CSV or JSON) naming the journey or service each hit")
      ->required();
  command->add_option("scenario", options->scenario, "Scenario file with the SLAs and SLOs")
      ->required();
  command->add_option("--mapping", options->read.mapping,
                      "Which columns hold what: a mapping file or a bundled mapping (as for "
                      "reliasim fit); default: the canonical names");
  command->add_option("--column", options->read.columns,
                      "FIELD=COLUMN: the column of a field, over the mapping (repeatable)");
  command->add_option("--utc-offset", options->read.utc_offset,
                      "The UTC offset of times written without one (default: the mapping's, "
                      "else UTC)");
  command->add_option("--since", options->read.since,
                      "Start of the history's period (default: the first day of the month of "
                      "its first time)");
  command->add_option("--until", options->read.until,
                      "End of the period, when the export was taken: incidents still open end "
                      "there (default: the end of the month of its last time)");
  add_trial_options(*command, options->run)
      ->description("Simulated trials to set the history beside (default 2000)");
  command->add_flag("--no-simulation", options->no_simulation,
                    "Measure the history alone, without simulated years beside it");
  add_output_options(*command, options->format, options->output, {"table", "csv", "json", "html"});
  return [options] { return replay_command(*options); };
}

}  // namespace reliasim::cli
