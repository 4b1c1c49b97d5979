// The analyses on top of runs: a design comparison and a sensitivity analysis, each
// rendered in the CLI's formats (Python builds its DataFrames from the JSON).
#include <stdexcept>

#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/render/compare.hpp"
#include "reliasim/render/sensitivity.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

ComparisonRun compare_runs(const Results& a, const Results& b, double confidence) {
  ComparisonRun out{compare(*a.model, *a.results, *b.model, *b.results, confidence), a.record,
                    b.record};
  return out;
}

std::string render_comparison(const ComparisonRun& run, const std::string& format) {
  if (format == "json") return render_compare_json(run.comparison, run.record_a, run.record_b);
  if (format == "table") return render_compare_table(run.comparison, run.record_a, run.record_b);
  throw std::invalid_argument("format '" + format + "': choose json or table");
}

std::string render_sensitivity(const SensitivityRun& run, const std::string& format) {
  if (format == "json") return render_sensitivity_json(run.sensitivity, run.record);
  if (format == "csv") return render_sensitivity_csv(run.sensitivity, run.record);
  if (format == "table") return render_sensitivity_table(run.sensitivity, run.record);
  throw std::invalid_argument("format '" + format + "': choose json, csv or table");
}

}  // namespace

void register_analyses(py::module_& m) {
  py::class_<ComparisonRun>(m, "ComparisonRun", "Two designs compared on common random numbers")
      .def("render", &render_comparison, py::arg("format"));
  py::class_<SensitivityRun>(m, "SensitivityRun", "Parameters ranked by their effect")
      .def("render", &render_sensitivity, py::arg("format"));
  m.def("compare", &compare_runs, py::arg("a"), py::arg("b"), py::arg("confidence"));
}

}  // namespace reliasim::python
