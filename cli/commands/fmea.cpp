// `reliasim fmea FILE`: simulate a scenario and print its FMEA worksheet, ranked by
// simulated risk, as a table, CSV, Markdown, HTML or JSON.
#include "reliasim/analysis/fmea.hpp"

#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/fmea.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct FmeaOptions {
  std::string file;
  TrialOptions run;
  std::string format = "table";
  std::string output;
};

int fmea(const FmeaOptions& options) {
  const std::optional<CompiledModel> model = load_model(options.file);
  if (!model) return exit_invalid;
  RunConfig config = run_config(options.run);
  config.sla_attribution = true;
  const std::optional<RunResults> results = simulate_with_progress(*model, config);
  if (!results) return interrupted_exit();
  RunRecord record = run_record(options.file, options.run.seed, 0);
  const FmeaWorksheet sheet = fmea_worksheet(*results, *model);
  record.trials = sheet.trials;
  write_output(render_fmea(sheet, record, options.format), options.output);
  return exit_ok;
}

}  // namespace

Command add_fmea(CLI::App& app) {
  auto options = std::make_shared<FmeaOptions>();
  auto* command = app.add_subcommand(
      "fmea", "Simulate a scenario and print its FMEA worksheet, ranked by simulated risk");
  command->add_option("file", options->file, "Scenario file (YAML or JSON)")->required();
  add_trial_options(*command, options->run);
  add_output_options(*command, options->format, options->output,
                     {"table", "csv", "markdown", "html", "json"});
  return [options] { return fmea(*options); };
}

}  // namespace reliasim::cli
