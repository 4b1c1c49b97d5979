// `reliasim fit EXPORT`: fit the incident lifecycle's durations and rates from an incident
// export (docs/fit.md), as a table, JSON, an HTML page with plots, or scenario YAML.
#include "reliasim/render/fit.hpp"

#include <iostream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/fit/calibration.hpp"
#include "reliasim/incidents/read_history.hpp"
#include "reliasim/scenario/units.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct FitOptions {
  std::string file;
  incidents::ReadSettings read;
  std::string resolution = "1s";
  std::vector<std::string> families;
  fit::FitSettings fit;
  bool blocks = false;
  std::string show_mapping;
  std::string format;
  std::string output;
};

std::string format_of(const FitOptions& options) {
  if (!options.format.empty()) return options.format;
  const auto extension = std::filesystem::path(options.output).extension().string();
  if (extension == ".yaml" || extension == ".yml") return "yaml";
  if (extension == ".json") return "json";
  if (extension == ".html" || extension == ".htm") return "html";
  return "table";
}

int show_mapping(const std::string& name) {
  if (const auto text = incidents::bundled_mapping(name)) {
    std::cout << *text;
    return exit_ok;
  }
  std::cerr << "reliasim: error: no bundled mapping " << scenario::quote(name) << "; bundled:";
  for (const auto& known : incidents::bundled_mappings()) std::cerr << ' ' << known;
  std::cerr << '\n';
  return exit_usage;
}

int fit_command(FitOptions options) {
  if (!options.show_mapping.empty()) return show_mapping(options.show_mapping);
  const auto resolution = scenario::parse_duration(options.resolution);
  if (const auto* error = std::get_if<scenario::UnitError>(&resolution)) {
    std::cerr << "reliasim: error: --resolution: " << error->message << '\n';
    return exit_usage;
  }
  options.read.resolution = std::get<double>(resolution);
  if (!options.families.empty()) {
    options.fit.families.clear();
    for (const auto& name : options.families)
      options.fit.families.push_back(*fit::family_named(name));
  }
  const std::string format = format_of(options);
  if (!output_usable(options.output, {options.file})) return exit_usage;
  try {
    const auto history = incidents::read_incident_history(options.file, options.read);
    const auto calibration = fit::calibrate(history, options.fit);
    write_output(render_fit(calibration, format, options.blocks), options.output, {options.file});
    return exit_ok;
  } catch (const scenario::ScenarioError& error) {
    print_diagnostics(error);
    return exit_invalid;
  }
}

}  // namespace

Command add_fit(CLI::App& app) {
  auto options = std::make_shared<FitOptions>();
  auto* command = app.add_subcommand(
      "fit",
      "Fit detection, engagement, mitigation and repair times and incident rates from an "
      "incident export, and write them as a scenario");
  auto* file = command->add_option("file", options->file, "Incident export (CSV or JSON)");
  command->add_option("--mapping", options->read.mapping,
                      "Which columns hold which times: a mapping file, or a bundled mapping "
                      "(pagerduty, pagerduty-analytics, opsgenie, incident.io, jira, statuspage); "
                      "default: the canonical names (started, detected, acknowledged, mitigated, "
                      "resolved, service, failure_mode, severity)");
  command->add_option("--column", options->read.columns,
                      "FIELD=COLUMN: the column of a field, over the mapping (repeatable)");
  command
      ->add_option("--group-by", options->read.group_by,
                   "Fit each group apart: fields or columns (service, failure_mode, "
                   "severity, or any column); default: service where the export has it")
      ->delimiter(',');
  command->add_flag("--one-group", options->read.one_group, "Fit all incidents as one group");
  command->add_option("--utc-offset", options->read.utc_offset,
                      "The UTC offset of times written without one, such as +01:00 (default: "
                      "the mapping's, else UTC)");
  command->add_option("--since", options->read.since,
                      "Start of the observation period (default: the first time in the export)");
  command->add_option("--until", options->read.until,
                      "End of the observation period, when the export was taken: incidents "
                      "still open are censored there (default: the last time in the export)");
  command->add_option("--resolution", options->resolution,
                      "Stages recorded as shorter than this ended within it (default 1s)");
  command
      ->add_option("--families", options->families,
                   "Families to fit (default all): exponential, lognormal, weibull, gamma")
      ->delimiter(',')
      ->check(CLI::IsMember({"exponential", "lognormal", "weibull", "gamma"}));
  command
      ->add_option("--bootstrap", options->fit.resamples,
                   "Parametric bootstrap samples per goodness-of-fit test (default 999)")
      ->check(CLI::Range(0, 100000));
  command->add_option("--seed", options->fit.seed, "Seed of the bootstrap (default 1)");
  command
      ->add_option("--confidence", options->fit.confidence, "Level of the intervals (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  command->add_flag("--blocks", options->blocks,
                    "With yaml: only the failure-mode blocks, to paste into a scenario");
  command->add_option("--show-mapping", options->show_mapping,
                      "Print a bundled mapping (to start a mapping file of your own), and stop");
  command
      ->add_option("--format", options->format,
                   "Output format: table, json, html or yaml (default: from -o's extension, "
                   "else table)")
      ->check(CLI::IsMember({"table", "json", "html", "yaml"}));
  command->add_option("--output,-o", options->output,
                      "Write to this file instead of stdout (whole or not at all)");
  command->parse_complete_callback([file, options] {
    if (file->empty() && options->show_mapping.empty()) throw CLI::RequiredError(file->get_name());
  });
  return [options] { return fit_command(*options); };
}

}  // namespace reliasim::cli
