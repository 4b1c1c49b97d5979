// Model: a loaded, compiled scenario, and the runs made from it. Runs release the GIL; the
// calling thread checks for Ctrl-C and reports progress every 50 ms.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include "interruptible.hpp"
#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/analysis/compare.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/model/describe.hpp"
#include "reliasim/model/window_names.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/rare_event.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

Model load_text(const std::string& text, const std::string& name, const std::string& base_dir,
                bool trust_paths) {
  Model model;
  {
    py::gil_scoped_release release;
    model.compiled = std::make_shared<const CompiledModel>(scenario::compile(
        scenario::load_scenario_text(text, name, base_dir, {.anywhere = trust_paths})));
  }
  model.file = name;
  return model;
}

Model load_file(const std::string& path, bool trust_paths) {
  Model model;
  {
    py::gil_scoped_release release;
    model.compiled = std::make_shared<const CompiledModel>(
        scenario::compile(scenario::load_scenario_file(path, {.anywhere = trust_paths})));
  }
  model.file = path;
  return model;
}

// --rare-event as Python spells it: "off", "auto" or "is", with a scope name and, optionally,
// the two biases to use instead of pilot runs.
RareEventRequest rare_event_request(const Model& model, const std::string& mode,
                                    const std::string& scope, const std::vector<double>& bias) {
  RareEventRequest request;
  if (mode == "off" && bias.empty()) return request;
  if (mode != "off" && mode != "auto" && mode != "is")
    throw py::value_error("rare_event must be 'off', 'auto' or 'is', got '" + mode + "'");
  request.mode = mode == "auto" ? RareEventMode::automatic : RareEventMode::importance;
  if (!bias.empty()) {
    const bool valid = bias.size() <= bias_levels &&
                       std::ranges::all_of(bias, [](double b) { return b >= 1.0 && b <= 1e9; });
    if (!valid)
      throw py::value_error(
          "rare_event_bias must be 1 to 4 numbers in [1, 1e9]: the speed-ups "
          "with 0, 1, 2, 3 or more incidents open");
    request.given = biasing_of(bias);
  }
  request.scope = rare_event_scope(*model.compiled, scope);
  return request;
}

Results run(const Model& model, std::uint64_t seed, std::uint64_t trials, std::uint64_t first_trial,
            int threads, bool keep_incidents, bool credit_attribution, const py::object& progress,
            const std::string& command, const std::string& rare_event,
            const std::string& rare_event_scope, const std::vector<double>& rare_event_bias) {
  RunConfig config;
  config.sla_attribution = credit_attribution;
  config.seed = seed;
  config.trials = trials;
  config.first_trial = first_trial;
  config.threads = threads;
  config.keep_incidents = keep_incidents;
  config.streaming_hint = "Scenario.run(..., streaming=True)";
  const RareEventRequest request =
      rare_event_request(model, rare_event, rare_event_scope, rare_event_bias);
  auto results = std::make_shared<RunResults>();
  RareEventPlan plan;
  run_interruptibly(config, progress, [&] {
    plan = plan_rare_event(*model.compiled, request, config);
    config.biasing = plan.biasing;
    *results = simulate(*model.compiled, config);
  });
  // rare_event asked for, plain Monte Carlo chosen: say why, as the CLI does on stderr.
  if (request.mode != RareEventMode::off && !plan.biasing.active())
    py::module_::import("warnings").attr("warn")("rare_event: " + plan.chosen_by);
  Results out{model.compiled, results, model.record(seed, first_trial, command), plan.chosen_by};
  out.record.trials = results->trials;
  return out;
}

// What a precision run reached, in its record.
void record_outcome(RunRecord& record, const PrecisionOutcome& outcome) {
  record.trials = outcome.trials;
  record.precision_run = true;
  record.converged = outcome.converged;
  record.relative_half_width = outcome.relative_half_width;
}

Results run_to_precision(const Model& model, std::uint64_t seed, double relative_half_width,
                         const std::string& metric, std::uint64_t min_trials,
                         std::uint64_t max_trials, int threads, const py::object& progress,
                         const std::string& command) {
  RunConfig config;
  config.seed = seed;
  config.threads = threads;
  config.streaming_hint = "Scenario.run_to_precision(..., streaming=True)";
  const PrecisionTarget target{relative_half_width, min_trials, max_trials,
                               precision_metric(*model.compiled, metric)};
  PrecisionRun run;
  run_interruptibly(config, progress,
                    [&] { run = simulate_to_precision(*model.compiled, config, target); });
  Results out{model.compiled, nullptr, model.record(seed, 0, command), {}};
  record_outcome(out.record, run.outcome());
  out.results = std::make_shared<RunResults>(std::move(run.results));
  return out;
}

// A run to precision whose steps are summarised batch by batch and dropped (streaming).
SummaryRun run_to_precision_streaming(const Model& model, std::uint64_t seed,
                                      double relative_half_width, const std::string& metric,
                                      std::uint64_t min_trials, std::uint64_t max_trials,
                                      int threads, double confidence, const py::object& progress,
                                      const std::string& command) {
  RunConfig config;
  config.seed = seed, config.threads = threads;
  const PrecisionTarget target{relative_half_width, min_trials, max_trials,
                               precision_metric(*model.compiled, metric)};
  SummaryBuilder builder(*model.compiled, false, confidence);
  PrecisionOutcome outcome;
  run_interruptibly(config, progress, [&] {
    outcome = simulate_to_precision(
        *model.compiled, config, target, [&](const RunResults& batch) { builder.add(batch); },
        streaming_batch(*model.compiled, config));
  });
  SummaryRun out{builder.finish(), model.record(seed, 0, command)};
  record_outcome(out.record, outcome);
  return out;
}

// A run of trials [first_trial, first_trial + trials), as a task of a run split in ranges.
RunConfig range_config(std::uint64_t seed, std::uint64_t first_trial, std::uint64_t trials,
                       int threads) {
  RunConfig config;
  config.seed = seed, config.first_trial = first_trial, config.trials = trials;
  config.threads = threads;
  return config;
}

// The builders saved in `parts` (by `load`) merged into one.
template <typename Load>
auto merged_parts(const std::vector<py::bytes>& parts, const Load& load) {
  if (parts.empty()) throw std::invalid_argument("nothing to merge: no parts");
  auto merged = load(parts.front());
  for (std::size_t i = 1; i < parts.size(); ++i) merged.merge(load(parts[i]));
  return merged;
}

// Two designs on common random numbers, batch by batch (compare_designs): memory for one
// batch of each, whatever the trials.
ComparisonRun compare_models(const Model& a, const Model& b, std::uint64_t seed,
                             std::uint64_t trials, int threads, double confidence,
                             const py::object& progress, const std::string& command) {
  RunConfig config = range_config(seed, 0, trials, threads);
  ComparisonRun out{{}, a.record(seed, 0, command), b.record(seed, 0, command)};
  run_interruptibly(config, progress, [&] {
    out.comparison = compare_designs(*a.compiled, *b.compiled, config, confidence);
  });
  out.record_a.trials = out.record_b.trials = trials;
  return out;
}

// Trials [first_trial, first_trial + trials) of both designs, compared batch by batch: the
// comparison's state as bytes, for merge_comparisons (a Dask task's result).
py::bytes compare_partial(const Model& a, const Model& b, std::uint64_t seed,
                          std::uint64_t first_trial, std::uint64_t trials, int threads,
                          double confidence) {
  RunConfig config = range_config(seed, first_trial, trials, threads);
  std::string bytes;
  run_interruptibly(config, py::none(), [&] {
    bytes = compare_in_batches(*a.compiled, *b.compiled, config, confidence).save();
  });
  return py::bytes(bytes);
}

// Comparisons of disjoint trial ranges merged into one, with both designs' records.
ComparisonRun merge_comparisons(const std::vector<py::bytes>& parts, const Model& a, const Model& b,
                                const std::string& command) {
  const CompareBuilder merged = merged_parts(
      parts, [](const py::bytes& part) { return CompareBuilder::load(std::string(part)); });
  ComparisonRun out{merged.finish(), a.record(0, 0, command), b.record(0, 0, command)};
  out.record_a.seed = out.record_b.seed = out.comparison.seed;
  out.record_a.first_trial = out.record_b.first_trial = merged.ranges().front().first;
  out.record_a.trials = out.record_b.trials = out.comparison.trials;
  return out;
}

// Trials [first_trial, first_trial + trials) with SLA attribution, added to an FMEA worksheet
// batch by batch: its state as bytes, for merge_fmea (a Dask task's result).
py::bytes fmea_partial(const Model& model, std::uint64_t seed, std::uint64_t first_trial,
                       std::uint64_t trials, int threads) {
  RunConfig config = range_config(seed, first_trial, trials, threads);
  config.sla_attribution = true;
  FmeaBuilder builder(*model.compiled, false);
  std::string bytes;
  run_interruptibly(config, py::none(), [&] {
    simulate_in_batches(*model.compiled, config, streaming_batch(*model.compiled, config),
                        [&](const RunResults& batch) { builder.add(batch); });
    bytes = builder.save();
  });
  return py::bytes(bytes);
}

// FMEA worksheets of disjoint trial ranges merged, rendered in `format` for `scope` and
// `rank_by` as `reliasim fmea` renders it.
std::string merge_fmea(const std::vector<py::bytes>& parts, const Model& model,
                       const std::string& scope, const std::string& rank_by, double confidence,
                       const std::string& format, const std::string& command) {
  const FmeaView view{scope, parse_ranking(rank_by)};
  (void)fmea_scopes(*model.compiled, view.scope);
  const FmeaBuilder merged = merged_parts(parts, [&](const py::bytes& part) {
    return FmeaBuilder::load(std::string(part), *model.compiled, {}, confidence, view);
  });
  const FmeaWorksheet sheet = merged.finish();
  RunRecord record = model.record(sheet.seed, merged.summary().ranges().front().first, command);
  record.trials = sheet.trials;
  return render_fmea(sheet, record, format);
}

// Trials [first_trial, first_trial + trials) in batches summarised and dropped: memory for two
// batches, whatever the trial count. `batch` 0: as the engine sizes them (streaming_batch).
SummaryBuilder summarise_in_batches(const Model& model, std::uint64_t seed,
                                    std::uint64_t first_trial, std::uint64_t trials, int threads,
                                    std::uint64_t batch, double confidence,
                                    const py::object& progress, std::uint64_t keep_incidents = 0) {
  RunConfig run = range_config(seed, first_trial, trials, threads);
  if (batch == 0) batch = streaming_batch(*model.compiled, run);
  SummaryBuilder builder(*model.compiled, false, confidence);
  builder.keep_incidents(keep_incidents);
  run_interruptibly(run, progress, [&] {
    simulate_in_batches(*model.compiled, run, batch,
                        [&](const RunResults& results) { builder.add(results); });
  });
  return builder;
}

SummaryRun run_streaming(const Model& model, std::uint64_t seed, std::uint64_t trials, int threads,
                         std::uint64_t batch, double confidence, const py::object& progress,
                         const std::string& command, std::uint64_t keep_incidents) {
  SummaryRun out{summarise_in_batches(model, seed, 0, trials, threads, batch, confidence, progress,
                                      keep_incidents)
                     .finish(),
                 model.record(seed, 0, command)};
  out.record.trials = trials;
  return out;
}

// A partial result file's bytes (docs/partial-results.md).
py::bytes run_partial(const Model& model, std::uint64_t seed, std::uint64_t first_trial,
                      std::uint64_t trials, int threads, const py::object& progress,
                      const std::string& command) {
  RunRecord record = model.record(seed, first_trial, command);
  record.trials = trials;
  const SummaryBuilder summary =
      summarise_in_batches(model, seed, first_trial, trials, threads, 0, 0.95, progress);
  return py::bytes(write_partial(summary, record));
}

// The options of a sensitivity analysis of `scope` (a journey or an SLA's service).
SensitivityOptions sensitivity_options(const Model& model, double low, double high,
                                       const std::string& scope) {
  SensitivityOptions options{low, high, 0, 0.95};
  const PrecisionMetric metric = precision_metric(*model.compiled, scope);
  if (metric.kind != PrecisionMetric::Kind::scope_downtime)
    throw std::invalid_argument("'" + scope + "' is an SLA; name a journey or an SLA's service");
  options.scope = metric.index;
  return options;
}

// Trials [first_trial, first_trial + trials) of every setting: the sums as bytes, for
// merge_sensitivity (a Dask task's result).
py::bytes sensitivity_partial(const Model& model, std::uint64_t seed, std::uint64_t first_trial,
                              std::uint64_t trials, int threads, double low, double high,
                              const std::string& scope) {
  RunConfig config = range_config(seed, first_trial, trials, threads);
  const SensitivityOptions options = sensitivity_options(model, low, high, scope);
  std::string bytes;
  run_interruptibly(config, py::none(),
                    [&] { bytes = sensitivity_sums(*model.compiled, config, options).save(); });
  return py::bytes(bytes);
}

SensitivityRun merge_sensitivity(const std::vector<py::bytes>& parts, const Model& model,
                                 const std::string& command) {
  const SensitivitySums merged = merged_parts(
      parts, [](const py::bytes& part) { return SensitivitySums::load(std::string(part)); });
  SensitivityRun out{merged.finish(*model.compiled), model.record(0, 0, command)};
  out.record.seed = out.sensitivity.seed;
  out.record.trials = out.sensitivity.trials;
  return out;
}

SensitivityRun sensitivity_run(const Model& model, std::uint64_t seed, std::uint64_t trials,
                               int threads, double low, double high, const std::string& scope,
                               const py::object& progress, const std::string& command) {
  RunConfig config;
  config.seed = seed;
  config.trials = trials;
  config.threads = threads;
  const SensitivityOptions options = sensitivity_options(model, low, high, scope);
  SensitivityRun out{{}, model.record(seed, 0, command)};
  run_interruptibly(config, progress,
                    [&] { out.sensitivity = sensitivity(*model.compiled, config, options); });
  out.record.trials = trials;
  return out;
}

// NaN and infinities as None: what the JSON document has for them.
py::object finite_or_none(double value) {
  return std::isfinite(value) ? py::object(py::float_(value)) : py::object(py::none());
}

// Per scope: the long-run availability, and the exact measures over the horizon (None where
// the chain was not solved; `transient_note` says why).
py::list analytic(const Model& model) {
  const analytic::ModelEstimate estimate = analytic::estimate(*model.compiled);
  const analytic::TransientEstimate& transient = estimate.transient;
  py::list rows;
  for (std::size_t i = 0; i < estimate.scopes.size(); ++i) {
    const auto& scope = estimate.scopes[i];
    py::dict row(py::arg("scope") = scope.name, py::arg("availability") = scope.availability,
                 py::arg("downtime_per_year") = scope.downtime_per_year,
                 py::arg("exact") = estimate.exact(),
                 py::arg("method") = analytic::to_string(estimate.method));
    const bool solved = transient.solved() && i < transient.scopes.size();
    const auto at = [&](auto field) {
      return solved ? finite_or_none(field(transient.scopes[i])) : py::object(py::none());
    };
    using Scope = analytic::TransientScope;
    row["outage_in_horizon_probability"] =
        at([](const Scope& s) { return 1 - s.reliability.back(); });
    row["availability_at_end"] = at([](const Scope& s) { return s.availability.back(); });
    row["outages_in_horizon"] = at([](const Scope& s) { return s.outages_in_horizon; });
    row["mttf"] = at([](const Scope& s) { return s.mttf; });
    row["b1"] = at([](const Scope& s) { return s.b_lives[0]; });
    row["b10"] = at([](const Scope& s) { return s.b_lives[1]; });
    row["transient_note"] = transient.not_solved;
    rows.append(row);
  }
  return rows;
}

// R(t) and A(t) of every scope at the reliability times, exact; empty when not solved.
py::list analytic_reliability(const Model& model) {
  const analytic::TransientEstimate transient = analytic::transient_estimate(*model.compiled);
  py::list rows;
  for (const auto& scope : transient.scopes)
    for (std::size_t k = 0; k < scope.reliability.size(); ++k)
      rows.append(py::dict(py::arg("scope") = scope.name,
                           py::arg("time") = horizon_time(model.compiled->horizon, k),
                           py::arg("reliability") = scope.reliability[k],
                           py::arg("unreliability") = 1 - scope.reliability[k],
                           py::arg("availability") = scope.availability[k]));
  return rows;
}

}  // namespace

RunRecord Model::record(std::uint64_t seed, std::uint64_t first_trial,
                        const std::string& command) const {
  RunRecord r = record_of_inputs(compiled->inputs);
  r.seed = seed;
  r.first_trial = first_trial;
  r.command = command;
  return r;
}

void register_model(py::module_& m) {
  py::class_<Model>(m, "Model", "A validated, compiled scenario")
      .def_property_readonly("name", [](const Model& model) { return model.compiled->name; })
      .def_property_readonly("file", [](const Model& model) { return model.file; })
      .def_property_readonly(
          "hash",
          [](const Model& model) { return record_of_inputs(model.compiled->inputs).scenario_hash; })
      .def_property_readonly("horizon", [](const Model& model) { return model.compiled->horizon; })
      .def_property_readonly("inputs",
                             [](const Model& model) {
                               std::vector<std::tuple<std::string, std::string, std::string>> out;
                               for (const InputFile& f : model.compiled->inputs)
                                 out.emplace_back(f.role, f.path, f.sha256);
                               return out;
                             })
      .def_property_readonly("scope_names",
                             [](const Model& model) { return scope_names(*model.compiled); })
      .def_property_readonly("sla_names",
                             [](const Model& model) {
                               std::vector<std::string> names;
                               for (const auto& sla : model.compiled->slas)
                                 names.push_back(sla.name);
                               return names;
                             })
      .def_property_readonly("window_bounds",
                             [](const Model& model) { return model.compiled->windows.boundaries; })
      .def_property_readonly("start_month",
                             [](const Model& model) -> std::optional<std::string> {
                               const CompiledModel& c = *model.compiled;
                               if (c.windows.kind != WindowKind::calendar_month)
                                 return std::nullopt;
                               return start_month_text(c);
                             })
      .def("describe", [](const Model& model) { return describe(*model.compiled); })
      .def("run", &run, py::arg("seed"), py::arg("trials"), py::arg("first_trial"),
           py::arg("threads"), py::arg("keep_incidents"), py::arg("credit_attribution"),
           py::arg("progress"), py::arg("command"), py::arg("rare_event") = "off",
           py::arg("rare_event_scope") = "", py::arg("rare_event_bias") = std::vector<double>{})
      .def("run_to_precision", &run_to_precision, py::arg("seed"), py::arg("relative_half_width"),
           py::arg("metric"), py::arg("min_trials"), py::arg("max_trials"), py::arg("threads"),
           py::arg("progress"), py::arg("command"))
      .def("run_to_precision_streaming", &run_to_precision_streaming, py::arg("seed"),
           py::arg("relative_half_width"), py::arg("metric"), py::arg("min_trials"),
           py::arg("max_trials"), py::arg("threads"), py::arg("confidence"), py::arg("progress"),
           py::arg("command"))
      .def("compare", &compare_models, py::arg("other"), py::arg("seed"), py::arg("trials"),
           py::arg("threads"), py::arg("confidence"), py::arg("progress"), py::arg("command"))
      .def("fmea_partial", &fmea_partial, py::arg("seed"), py::arg("first_trial"),
           py::arg("trials"), py::arg("threads"))
      .def("sensitivity_partial", &sensitivity_partial, py::arg("seed"), py::arg("first_trial"),
           py::arg("trials"), py::arg("threads"), py::arg("low"), py::arg("high"), py::arg("scope"))
      .def("compare_partial", &compare_partial, py::arg("other"), py::arg("seed"),
           py::arg("first_trial"), py::arg("trials"), py::arg("threads"), py::arg("confidence"))
      .def("analytic", &analytic)
      .def("analytic_reliability", &analytic_reliability)
      .def("run_streaming", &run_streaming, py::arg("seed"), py::arg("trials"), py::arg("threads"),
           py::arg("batch"), py::arg("confidence"), py::arg("progress"), py::arg("command"),
           py::arg("keep_incidents"))
      .def("run_partial", &run_partial, py::arg("seed"), py::arg("first_trial"), py::arg("trials"),
           py::arg("threads"), py::arg("progress"), py::arg("command"))
      .def("sensitivity_runs", [](const Model& model) { return sensitivity_runs(*model.compiled); })
      .def("sensitivity", &sensitivity_run, py::arg("seed"), py::arg("trials"), py::arg("threads"),
           py::arg("low"), py::arg("high"), py::arg("scope"), py::arg("progress"),
           py::arg("command"));
  m.def("load_text", &load_text, py::arg("text"), py::arg("name"), py::arg("base_dir"),
        py::arg("trust_paths") = false);
  m.def("load_file", &load_file, py::arg("path"), py::arg("trust_paths") = false);
  m.def("merge_fmea", &merge_fmea, py::arg("parts"), py::arg("model"), py::arg("scope"),
        py::arg("rank_by"), py::arg("confidence"), py::arg("format"), py::arg("command"));
  m.def("merge_sensitivity", &merge_sensitivity, py::arg("parts"), py::arg("model"),
        py::arg("command"));
  m.def("merge_comparisons", &merge_comparisons, py::arg("parts"), py::arg("a"), py::arg("b"),
        py::arg("command"));
}

}  // namespace reliasim::python
