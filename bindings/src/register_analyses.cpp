// The analyses on top of runs: a design comparison and a sensitivity analysis, each
// rendered in the CLI's formats (Python builds its DataFrames from the JSON), and the HTML
// report.
#include <optional>
#include <stdexcept>

#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/render/compare.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/render/sensitivity.hpp"
#include "reliasim/render/text_safety.hpp"

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
  return render_report_html({*r.model, summary, *r.results, sheet ? &*sheet : nullptr,
                             sensitivity ? &sensitivity->sensitivity : nullptr, r.record});
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
  m.def("compare", &compare_runs, py::arg("a"), py::arg("b"), py::arg("confidence"));
  m.def("report_html", &report_html, py::arg("results"), py::arg("sensitivity").none(true),
        py::arg("confidence"));
  // The engine's rule for text in HTML, so notebooks show what the reports show.
  m.def(
      "html_text", [](const std::string& text) { return html_escape(text); }, py::arg("text"));
}

}  // namespace reliasim::python
