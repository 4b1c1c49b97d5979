// `reliasim fmea FILE`: simulate a scenario and print its FMEA worksheet, ranked by
// simulated risk, as a table, CSV, Markdown, HTML or JSON; scored on the default bands or on
// a bands file's.
#include "reliasim/analysis/fmea.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/scenario/fmea_bands.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct FmeaOptions {
  std::string file;
  TrialOptions run;
  PrecisionOptions precision;
  bool streaming = false;
  std::uint64_t max_memory = 0;  // bytes; 0: half of what this process may use
  std::string scope;
  std::string rank_by = ranking_name(FmeaRanking::budget);
  std::string bands_file;
  bool print_bands = false;
  std::string format = "table";
  std::string output;
};

// The default bands, or those of --bands (the file read into `read`); nothing (the errors
// printed) when it is invalid.
std::optional<FmeaBands> load_bands(const std::string& file, InputFile& read) {
  if (file.empty()) return FmeaBands{};
  try {
    return scenario::load_fmea_bands_file(file, &read);
  } catch (const scenario::ScenarioError& error) {
    print_diagnostics(error);
    return std::nullopt;
  }
}

// The worksheet of all trials at once, or of batches summarised and dropped (--streaming, or
// trials that do not fit in memory at once: quantiles binned); of a fixed number of trials or
// of as many as --precision needs. Throws RunCancelled.
FmeaWorksheet simulate_worksheet(const CompiledModel& model, const RunConfig& config,
                                 const FmeaOptions& options, const FmeaBands& bands,
                                 const FmeaView& view, RunRecord& record) {
  const bool precise = options.precision.relative_half_width > 0;
  const std::uint64_t batch_trials =
      options.streaming
          ? streaming_batch(model, config)
          : batch_if_too_large(model, config,
                               precise ? options.precision.max_trials : config.trials);
  // The downtime of the scope the worksheet measures; with `all`, of the first journey.
  const std::string scope = view.scope == all_scopes ? std::string() : view.scope;
  if (batch_trials == 0) {
    if (!precise) return fmea_worksheet(simulate(model, config), model, bands, 0.95, view);
    const PrecisionRun run = simulate_to_precision(
        model, config, precision_target(options.precision, precision_metric(model, scope)));
    record_precision(record, run.outcome());
    return fmea_worksheet(run.results, model, bands, 0.95, view);
  }
  FmeaBuilder builder(model, false, bands, 0.95, view);
  const auto add = [&builder](const RunResults& batch) { builder.add(batch); };
  if (!precise) {
    simulate_in_batches(model, config, batch_trials, add);
    return builder.finish();
  }
  record_precision(record, simulate_to_precision(
                               model, config,
                               precision_target(options.precision, precision_metric(model, scope)),
                               add, batch_trials));
  return builder.finish();
}

int fmea(const FmeaOptions& options) {
  const std::vector<std::string> inputs{options.file, options.bands_file};
  if (!output_usable(options.output, inputs)) return exit_usage;
  InputFile bands_file;
  const std::optional<FmeaBands> bands = load_bands(options.bands_file, bands_file);
  if (!bands) return exit_invalid;
  if (options.print_bands) {
    write_output(scenario::fmea_bands_yaml(*bands), options.output, inputs);
    return exit_ok;
  }
  const std::optional<CompiledModel> model = load_model(options.file);
  if (!model) return exit_invalid;
  const FmeaView view{options.scope, parse_ranking(options.rank_by)};
  try {
    (void)fmea_scopes(*model, view.scope);
  } catch (const std::invalid_argument& error) {
    std::cerr << "reliasim: --scope: " << error.what() << '\n';
    return exit_usage;
  }
  RunConfig config = run_config(options.run);
  config.sla_attribution = true;  // to share each SLA window's credit among failure modes
  config.memory_limit = static_cast<double>(options.max_memory);
  RunRecord record = run_record(*model, options.run.seed, 0);
  if (!options.bands_file.empty()) record_bands(record, std::move(bands_file));
  const bool precise = options.precision.relative_half_width > 0;
  const std::optional<FmeaWorksheet> sheet =
      with_progress(config, precise ? options.precision.max_trials : config.trials, "FMEA",
                    [&](const RunConfig& run) {
                      return simulate_worksheet(*model, run, options, *bands, view, record);
                    });
  if (!sheet) return interrupted_exit();
  record.trials = sheet->trials;
  write_output(render_fmea(*sheet, record, options.format), options.output, inputs);
  return convergence_exit(options.precision, record);
}

}  // namespace

Command add_fmea(CLI::App& app) {
  auto options = std::make_shared<FmeaOptions>();
  auto* command = app.add_subcommand(
      "fmea", "Simulate a scenario and print its FMEA worksheet, ranked by simulated risk");
  auto* file = command->add_option("file", options->file,
                                   "Scenario file (YAML or JSON; - reads standard input)");
  auto* trials = add_trial_options(*command, options->run);
  add_precision_options(*command, options->precision, trials,
                        "the mean downtime of --scope (with all, of the first journey)");
  command->add_option("--scope", options->scope,
                      "Where downtime, degraded time and budget burn are measured: a journey, a "
                      "service an SLA or SLO names, or all (a row per failure mode and scope it "
                      "affects); default: the first journey");
  command
      ->add_option("--rank-by", options->rank_by,
                   "What ranks the rows: budget (error-budget burn: down and degraded time, the "
                   "default), downtime, bad-minutes (as the SLAs count them) or credit")
      ->check([](const std::string& name) {
        try {
          (void)parse_ranking(name);
          return std::string();
        } catch (const std::invalid_argument& error) {
          return std::string(error.what());
        }
      });
  command->add_flag("--streaming", options->streaming,
                    "Bounded memory for huge trial counts: batches of trials are summarised and "
                    "dropped; TTD and TTR medians are then exact to within 1 %");
  add_memory_option(*command, options->max_memory);
  command->add_option("--bands", options->bands_file,
                      "Score on the band tables of this YAML file (see --print-bands)");
  auto* print_bands = command->add_flag(
      "--print-bands", options->print_bands,
      "Write the bands in use (the defaults, or --bands over them) as a bands file to edit, "
      "and stop");
  add_output_options(*command, options->format, options->output,
                     {"table", "csv", "markdown", "html", "json"});
  // The scenario is needed for everything but --print-bands.
  command->parse_complete_callback([file, print_bands] {
    if (file->empty() && print_bands->empty()) throw CLI::RequiredError(file->get_name());
  });
  return [options] { return fmea(*options); };
}

}  // namespace reliasim::cli
