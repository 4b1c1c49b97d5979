// `reliasim run FILE`: simulate a scenario and print its summary as a table or JSON, or write
// the HTML report with its charts.
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/simulate/rare_event.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulation.hpp"

namespace reliasim::cli {
namespace {

struct RunOptions {
  std::string file;
  std::uint64_t trials = 2000;
  PrecisionOptions precision;
  std::string precision_metric;
  std::uint64_t seed = 1;
  std::uint64_t first_trial = 0;
  int threads = 0;
  std::string format = "table";
  std::string output;
  bool analytic = false;
  bool streaming = false;
  std::string rare_event = "off";
  std::string rare_event_scope;
  std::vector<double> rare_event_bias;
  std::uint64_t tornado_trials = 500;
  std::uint64_t max_memory = 0;      // bytes; 0: half of what this process may use
  std::uint64_t keep_incidents = 0;  // records of the first incidents in the JSON
};

// The HTML report draws distributions over trials and the FMEA ranking, so it needs each SLA
// window's bad time split by failure mode.
bool wants_report(const RunOptions& options) {
  return options.format == "html";
}

// A partial result (docs/partial-results.md) is the summary state of a streaming run.
bool wants_partial(const RunOptions& options) {
  return options.format == "partial";
}

RunConfig config_for(const RunOptions& options, Progress& progress) {
  RunConfig config;
  config.seed = options.seed;
  config.first_trial = options.first_trial;
  config.trials = options.trials;
  config.threads = options.threads;
  config.sla_attribution = wants_report(options);
  config.memory_limit = static_cast<double>(options.max_memory);
  config.on_progress = [&progress](std::uint64_t done) { progress.update(done); };
  config.cancel = watch_interrupt();
  return config;
}

// The simulated trials: all of them, or (streaming) only their summary, and for the report
// its worksheet and samples.
struct Simulated {
  RunResults results;
  std::optional<SummaryBuilder> builder;
  std::optional<FmeaBuilder> fmea;
  std::optional<ReportSamplesBuilder> samples;
  std::optional<Sensitivity> tornado;  // for the HTML report
};

// The report's tornado: a sensitivity analysis on the run's seed, with fewer trials per
// setting than the run (it makes two runs per parameter). Nothing with --tornado-trials 0.
std::optional<Sensitivity> tornado(const CompiledModel& model, const RunOptions& options) {
  if (options.tornado_trials < 2) return std::nullopt;
  const TrialOptions run{std::min(options.trials, options.tornado_trials), options.seed,
                         options.threads};
  return sensitivity_with_progress(model, run, {}, "tornado");
}

// --rare-event: the biases of the run, from pilots or as given (docs/rare-events.md). Throws
// RunCancelled on Ctrl-C.
RareEventPlan rare_event_plan(const CompiledModel& model, const RunOptions& options,
                              const RunConfig& config) {
  RareEventRequest request;
  request.mode = options.rare_event == "off"  ? RareEventMode::off
                 : options.rare_event == "is" ? RareEventMode::importance
                                              : RareEventMode::automatic;
  if (!options.rare_event_bias.empty()) {
    request.mode = RareEventMode::importance;
    request.given = biasing_of(options.rare_event_bias);
  }
  if (request.mode == RareEventMode::off) return {};
  request.scope = rare_event_scope(model, options.rare_event_scope);
  return plan_rare_event(model, request, config);
}

// A bias is a number from 1 to 1e9 (CLI::Range lets NaN through: it fails no comparison).
CLI::Validator bias_factor() {
  return CLI::Validator(
      [](const std::string& input) {
        double value = 0.0;
        const bool number = CLI::detail::lexical_cast(input, value);
        return number && value >= 1.0 && value <= 1e9 ? std::string()
                                                      : "must be a number from 1 to 1e9";
      },
      "BIAS");
}

// Why an option cannot go with --rare-event, or empty.
std::string rare_event_conflict(const RunOptions& options) {
  if (options.rare_event == "off" && options.rare_event_bias.empty()) return {};
  if (options.precision.relative_half_width > 0) return "--precision";
  if (options.streaming) return "--streaming";
  if (wants_report(options)) return "--format html";
  if (wants_partial(options)) return "--format partial";
  return {};
}

// The trials per batch when the run streams (--streaming, --format partial, or a run that
// does not fit in memory at once), else 0. Importance sampling needs every trial: simulate()
// refuses it with the estimate instead.
std::uint64_t streamed_batch(const CompiledModel& model, const RunConfig& config,
                             const RunOptions& options) {
  if (options.streaming || wants_partial(options)) return streaming_batch(model, config);
  if (config.biasing.active()) return 0;
  const bool precise = options.precision.relative_half_width > 0;
  return batch_if_too_large(model, config, precise ? options.precision.max_trials : config.trials,
                            wants_report(options) ? report_trial_bytes(model) : 0.0);
}

// Throws RunCancelled on Ctrl-C.
Simulated simulate_run(const CompiledModel& model, const RunConfig& config,
                       const RunOptions& options, const PrecisionMetric& metric,
                       RunRecord& record) {
  Simulated out;
  const std::uint64_t batch_trials = streamed_batch(model, config, options);
  const auto summarise = [&out](const RunResults& batch) {
    if (out.builder) out.builder->add(batch);
    if (out.fmea) out.fmea->add(batch), out.samples->add(batch);
  };
  if (batch_trials > 0 && wants_report(options)) {
    out.fmea.emplace(model, false, FmeaBands{}, 0.95, FmeaView{all_scopes});
    out.samples.emplace(false);
  } else if (batch_trials > 0) {
    out.builder.emplace(model, false);
    if (options.keep_incidents > 0) out.builder->keep_incidents(options.keep_incidents);
  }
  if (options.precision.relative_half_width > 0) {
    const PrecisionTarget target = precision_target(options.precision, metric);
    if (batch_trials > 0) {
      record_precision(record,
                       simulate_to_precision(model, config, target, summarise, batch_trials));
    } else {
      PrecisionRun run = simulate_to_precision(model, config, target);
      record_precision(record, run.outcome());
      out.results = std::move(run.results);
    }
  } else if (batch_trials > 0) {
    simulate_in_batches(model, config, batch_trials, summarise);
  } else {
    out.results = simulate(model, config);
  }
  if (wants_report(options)) out.tornado = tornado(model, options);
  return out;
}

// The report of the run: its worksheet and samples from every trial, or as streamed.
std::string render_report(const CompiledModel& model, const Summary& summary,
                          const Simulated& simulated, const RunRecord& record) {
  const bool streamed = simulated.fmea.has_value();
  const FmeaWorksheet sheet =
      streamed ? simulated.fmea->finish()
               : fmea_worksheet(simulated.results, model, {}, 0.95, {all_scopes});
  const ReportSamples samples =
      streamed ? simulated.samples->finish() : report_samples(simulated.results);
  const Sensitivity* tornado = simulated.tornado ? &*simulated.tornado : nullptr;
  return render_report_html({model, summary, samples, &sheet, tornado, record});
}

std::string render(const RunOptions& options, const CompiledModel& model, const Summary& summary,
                   const Simulated& simulated, const RunRecord& record) {
  if (wants_partial(options)) return write_partial(*simulated.builder, record);
  if (wants_report(options)) return render_report(model, summary, simulated, record);
  return render_summary(summary, record, options.format);
}

// The summary of the run: of every trial, or as streamed.
Summary summary_of(const CompiledModel& model, const Simulated& simulated,
                   const RunOptions& options) {
  if (simulated.builder) return simulated.builder->finish();
  if (simulated.fmea) return simulated.fmea->summary().finish();
  return summarize(simulated.results, model, 0.95, options.keep_incidents);
}

int run(const RunOptions& options) {
  if (wants_partial(options) && options.precision.relative_half_width > 0) {
    std::cerr << "reliasim: --format partial needs a fixed --trials: ranges of a precision run "
                 "depend on each other\n";
    return exit_usage;
  }
  if (options.keep_incidents > 0 && options.format != "json") {
    std::cerr << "reliasim: --keep-incidents writes the records in the JSON document: give "
                 "--format json\n";
    return exit_usage;
  }
  if (wants_partial(options) && options.output.empty()) {
    std::cerr << "reliasim: --format partial writes a binary file: give -o FILE (or -o - for "
                 "standard output)\n";
    return exit_usage;
  }
  if (const std::string conflict = rare_event_conflict(options); !conflict.empty()) {
    std::cerr << "reliasim: --rare-event cannot be combined with " << conflict
              << " yet: use --format table or json with a fixed --trials (docs/rare-events.md)\n";
    return exit_usage;
  }
  if (!output_usable(options.output, {options.file})) return exit_usage;
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
  Progress progress(
      options.precision.relative_half_width > 0 ? options.precision.max_trials : options.trials,
      "run");
  if (options.rare_event != "off" || !options.rare_event_bias.empty()) {
    try {
      static_cast<void>(rare_event_scope(model, options.rare_event_scope));
    } catch (const std::invalid_argument& error) {
      std::cerr << "reliasim: --rare-event-scope: " << error.what() << '\n';
      return exit_usage;
    }
  }
  RunConfig config = config_for(options, progress);
  RunRecord record = run_record(model, options.seed, options.first_trial);
  Simulated simulated;
  RareEventPlan plan;
  try {
    plan = rare_event_plan(model, options, config);
    config.biasing = plan.biasing;
    simulated = simulate_run(model, config, options, metric, record);
  } catch (const RunCancelled&) {
    std::cerr << "reliasim: interrupted; no results written\n";
    return exit_interrupted;
  }
  Summary summary = summary_of(model, simulated, options);
  if (summary.rare_event)
    summary.rare_event->chosen_by = plan.chosen_by;
  else if (!plan.chosen_by.empty())
    std::cerr << "reliasim: --rare-event: " << plan.chosen_by << '\n';
  record.trials = summary.trials;
  if (options.analytic) summary.analytic = analytic::estimate(model);
  write_output(render(options, model, summary, simulated, record), options.output, {options.file});
  return convergence_exit(options.precision, record);
}

}  // namespace

Command add_run(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  auto* command =
      app.add_subcommand("run", "Simulate a scenario and report availability, incidents and SLAs");
  command->add_option("file", options->file, "Scenario file (YAML or JSON; - reads standard input)")
      ->required();
  auto* trials =
      command->add_option("--trials,-n", options->trials, "Number of trials (default 2000)")
          ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 32));
  add_precision_options(*command, options->precision, trials, "the mean of --precision-metric");
  command->add_option(
      "--precision-metric", options->precision_metric,
      "What --precision watches: a journey's (or SLA scope's) downtime, or an SLA's "
      "credit, by name (default: the first journey)");
  command->add_option("--seed", options->seed, "Random seed (default 1)")->check(whole_number());
  command
      ->add_option("--first-trial", options->first_trial,
                   "First trial index: runs over disjoint ranges combine exactly")
      ->check(whole_number());
  command->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  command
      ->add_option("--format", options->format,
                   "Output format: table, json, html (a self-contained report with charts), or "
                   "partial (this trial range's results, for reliasim merge)")
      ->check(CLI::IsMember({"table", "json", "html", "partial"}));
  command->add_option("--output,-o", options->output, "Write to this file instead of stdout");
  command->add_flag("--streaming", options->streaming,
                    "Bounded memory for huge trial counts: batches of trials are summarised and "
                    "dropped; quantiles are then exact to within 1 %");
  add_memory_option(*command, options->max_memory);
  command
      ->add_option("--keep-incidents", options->keep_incidents,
                   "Put the records of the first N incidents (in trial order) in the JSON "
                   "document: T0..T4, failure mode, how detected (default 0: none; the run "
                   "holds N records, streamed or not)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1'000'000}));
  command
      ->add_option("--tornado-trials", options->tornado_trials,
                   "Trials per setting for the HTML report's tornado (default 500, at most "
                   "--trials; 0 leaves it out)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1} << 32));
  command->add_flag(
      "--analytic", options->analytic,
      "Also show the analytic long-run availability of each scope beside the simulation, and "
      "for a Markovian model the exact R(t), A(t), MTTF and outages over the horizon");
  command
      ->add_option("--rare-event", options->rare_event,
                   "Importance sampling for rare outages (docs/rare-events.md): is (always), "
                   "auto (where pilot runs show it pays) or off (default)")
      ->check(CLI::IsMember({"off", "auto", "is"}));
  command->add_option("--rare-event-scope", options->rare_event_scope,
                      "The journey (or SLA/SLO scope) whose outages --rare-event makes frequent "
                      "(default: the first journey)");
  command
      ->add_option("--rare-event-bias", options->rare_event_bias,
                   "B0,B1,B2,B3: failure-clock speed-ups with 0, 1, 2, 3 or more incidents "
                   "open, instead of choosing them by pilot runs (as a run reported them; "
                   "missing ones repeat the last); implies --rare-event is")
      ->expected(1, static_cast<int>(bias_levels))
      ->delimiter(',')
      ->check(bias_factor());
  return [options] { return run(*options); };
}

}  // namespace reliasim::cli
