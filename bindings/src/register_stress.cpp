// Stress tests from Python: a scenario's `stress:` tests and incidents given as text, run
// against the baseline on common random numbers (docs/stress.md).
#include <pybind11/stl.h>

#include <variant>

#include "interruptible.hpp"
#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/render/stress.hpp"
#include "reliasim/scenario/stress.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

StressRun stress_run(const Model& model, const std::vector<std::string>& tests,
                     const std::vector<std::string>& inject, std::uint64_t seed,
                     std::uint64_t trials, int threads, double confidence,
                     const py::object& progress, const std::string& command) {
  auto choice = scenario::choose_stress_tests(*model.compiled, tests, inject, "(inject)");
  if (const auto* error = std::get_if<scenario::StressRequestError>(&choice))
    throw py::value_error((error->part == scenario::StressRequestError::Part::test ? "tests: "
                           : error->part == scenario::StressRequestError::Part::inject
                               ? "inject "
                               : "the scenario ") +
                          error->message);
  const auto& chosen = std::get<std::vector<StressTestSpec>>(choice);
  RunConfig config;
  config.seed = seed, config.trials = trials, config.threads = threads;
  StressRun out{{}, model.record(seed, 0, command)};
  run_interruptibly(config, progress,
                    [&] { out.report = stress(*model.compiled, chosen, config, confidence); });
  out.record.trials = trials;
  return out;
}

}  // namespace

void register_stress(py::module_& m) {
  py::class_<StressRun>(m, "StressRun", "Stress tests against the baseline")
      .def(
          "render",
          [](const StressRun& run, const std::string& format) {
            return render_stress(run.report, run.record, format);
          },
          py::arg("format"))
      .def_property_readonly("tests",
                             [](const StressRun& run) {
                               std::vector<std::string> names;
                               for (const auto& r : run.report.results)
                                 names.push_back(r.test.name);
                               return names;
                             })
      .def(
          "comparison",
          [](const StressRun& run, std::size_t index) {
            if (index >= run.report.results.size()) throw py::index_error("no such stress test");
            return ComparisonRun{run.report.results[index].comparison, run.record, run.record};
          },
          py::arg("index"));
  m.def("stress", &stress_run, py::arg("model"), py::arg("tests"), py::arg("inject"),
        py::arg("seed"), py::arg("trials"), py::arg("threads"), py::arg("confidence"),
        py::arg("progress"), py::arg("command"));
  m.def("stress_test_names", [](const Model& model) {
    std::vector<std::string> names;
    for (const auto& test : model.compiled->stress_tests) names.push_back(test.name);
    return names;
  });
}

}  // namespace reliasim::python
