// `reliasim fmea FILE`: simulate a scenario and print its FMEA worksheet, ranked by
// simulated risk, as a table, CSV, Markdown, HTML or JSON.
#include "reliasim/analysis/fmea.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct FmeaOptions {
  std::string file;
  std::uint64_t trials = 2000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string format = "table";
  std::string output;
};

int fmea(const FmeaOptions& options) {
  const std::optional<CompiledModel> model = load_model(options.file);
  if (!model) return exit_invalid;
  RunConfig config;
  config.seed = options.seed;
  config.trials = options.trials;
  config.threads = options.threads;
  config.sla_attribution = true;
  Progress progress(options.trials);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  config.cancel = watch_interrupt();
  RunRecord record = run_record(options.file, options.seed, 0);
  RunResults results;
  try {
    results = simulate(*model, config);
  } catch (const RunCancelled&) {
    std::cerr << "reliasim: interrupted; no results written\n";
    return exit_interrupted;
  }
  const FmeaWorksheet sheet = fmea_worksheet(results, *model);
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
  command->add_option("--trials,-n", options->trials, "Number of trials (default 2000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  command->add_option("--seed", options->seed, "Random seed (default 1)");
  command->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  command->add_option("--format", options->format, "Output format (default table)")
      ->check(CLI::IsMember({"table", "csv", "markdown", "html", "json"}));
  command->add_option("--output,-o", options->output,
                      "Write to this file instead of stdout (whole or not at all)");
  return [options] { return fmea(*options); };
}

}  // namespace reliasim::cli
