// The analyses on top of runs: a design comparison and a sensitivity analysis, each
// rendered in the CLI's formats (Python builds its DataFrames from the JSON), and the HTML
// report.
#include <pybind11/stl.h>

#include <optional>
#include <stdexcept>

#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/render/compare.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/render/sensitivity.hpp"
#include "reliasim/render/text_safety.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

ComparisonRun compare_runs(const Results& a, const Results& b, double confidence) {
  ComparisonRun out{compare(*a.model, *a.results, *b.model, *b.results, confidence), a.record,
                    b.record};
  return out;
}

// The HTML report of a run, with the FMEA section when the run attributed SLA credits to
// failure modes, and the tornado when a sensitivity analysis is given.
std::string report_html(const Results& r, const SensitivityRun* sensitivity, double confidence) {
  std::optional<FmeaWorksheet> sheet;
  Summary summary;
  {
    py::gil_scoped_release release;
    summary = summarize(*r.results, *r.model, confidence);
    if (r.results->slas.empty() || !r.results->sla_attributed_down.empty())
      sheet = fmea_worksheet(*r.results, *r.model, FmeaBands{}, confidence, {all_scopes});
  }
  const ReportSamples samples = report_samples(*r.results);
  return render_report_html({*r.model, summary, samples, sheet ? &*sheet : nullptr,
                             sensitivity ? &sensitivity->sensitivity : nullptr, r.record});
}

// Partial results' bytes (`names` say where each came from, for messages) merged into one
// summary. The record takes its paths from `model` when given and its inputs' hashes match:
// parts run on other machines name their own copies of the files.
PartialResult merged_partials(const std::vector<py::bytes>& parts,
                              const std::vector<std::string>& names) {
  std::vector<PartialResult> read;
  for (std::size_t i = 0; i < parts.size() && i < names.size(); ++i)
    read.push_back(read_partial(std::string_view(parts[i]), names[i]));
  py::gil_scoped_release release;
  return merge_partials(std::move(read), names);
}

// `converged` set: the parts are the steps of a precision run, which reached
// `relative_half_width`.
SummaryRun merge_partial_results(const std::vector<py::bytes>& parts,
                                 const std::vector<std::string>& names, const std::string& command,
                                 const Model* model, std::optional<bool> converged,
                                 double relative_half_width) {
  const std::optional<PartialResult> merged = merged_partials(parts, names);
  RunRecord record = merged->record;
  if (converged) {
    record.precision_run = true;
    record.converged = *converged;
    record.relative_half_width = relative_half_width;
  }
  record.command = command;
  if (model) {
    const RunRecord local = record_of_inputs(model->compiled->inputs);
    if (same_inputs(local, record))
      record.inputs = local.inputs, record.scenario_file = local.scenario_file;
  }
  return {merged->summary.finish(), record};
}

}  // namespace

void register_analyses(py::module_& m) {
  py::class_<ComparisonRun>(m, "ComparisonRun", "Two designs compared on common random numbers")
      .def(
          "render",
          [](const ComparisonRun& run, const std::string& format) {
            return render_compare(run.comparison, run.record_a, run.record_b, format);
          },
          py::arg("format"));
  py::class_<SensitivityRun>(m, "SensitivityRun", "Parameters ranked by their effect")
      .def(
          "render",
          [](const SensitivityRun& run, const std::string& format) {
            return render_sensitivity(run.sensitivity, run.record, format);
          },
          py::arg("format"));
  py::class_<SummaryRun>(m, "SummaryRun", "The summary of a streamed run")
      .def(
          "render",
          [](const SummaryRun& run, const std::string& format) {
            return render_summary(run.summary, run.record, format);
          },
          py::arg("format"));
  m.attr("max_partial_bytes") = max_partial_bytes;
  m.def("merge_partials", &merge_partial_results, py::arg("parts"), py::arg("names"),
        py::arg("command"), py::arg("model").none(true), py::arg("converged") = py::none(),
        py::arg("relative_half_width") = 0.0);
  m.def(
      "merge_partials_to_bytes",
      [](const std::vector<py::bytes>& parts, const std::vector<std::string>& names) {
        const PartialResult merged = merged_partials(parts, names);
        return py::bytes(write_partial(merged.summary, merged.record));
      },
      py::arg("parts"), py::arg("names"));
  m.def(
      "partials_half_width",
      [](const std::vector<py::bytes>& parts, const std::vector<std::string>& names,
         const Model& model, const std::string& metric) {
        return merged_partials(parts, names)
            .summary.relative_half_width(precision_metric(*model.compiled, metric));
      },
      py::arg("parts"), py::arg("names"), py::arg("model"), py::arg("metric"));
  m.def(
      "precision_step",
      [](std::uint64_t have, double reached, double relative_half_width, std::uint64_t min_trials,
         std::uint64_t max_trials) {
        return precision_step(have, reached, {relative_half_width, min_trials, max_trials, {}});
      },
      py::arg("have"), py::arg("reached"), py::arg("relative_half_width"), py::arg("min_trials"),
      py::arg("max_trials"));
  m.def("compare", &compare_runs, py::arg("a"), py::arg("b"), py::arg("confidence"));
  m.def("report_html", &report_html, py::arg("results"), py::arg("sensitivity").none(true),
        py::arg("confidence"));
  // The engine's rule for text in HTML, so notebooks show what the reports show.
  m.def(
      "html_text", [](const std::string& text) { return html_escape(text); }, py::arg("text"));
}

}  // namespace reliasim::python
