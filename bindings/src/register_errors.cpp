// Scenario errors become reliasim.ScenarioError (a ValueError) carrying every diagnostic as
// (file, line, column, message); invalid arguments become ValueError. Nothing reaches
// Python as a crash.
#include <stdexcept>

#include "registrations.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/scenario/diagnostics.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

PyObject* scenario_error_type = nullptr;

void raise_scenario_error(const scenario::ScenarioError& error) {
  py::list diagnostics;
  for (const auto& d : error.diagnostics())
    diagnostics.append(py::make_tuple(d.file, d.line, d.column, d.message));
  py::object instance = py::reinterpret_borrow<py::object>(scenario_error_type)(error.what());
  instance.attr("diagnostics") = diagnostics;
  PyErr_SetObject(scenario_error_type, instance.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  static py::exception<scenario::ScenarioError> type(m, "ScenarioError", PyExc_ValueError);
  scenario_error_type = type.ptr();
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const scenario::ScenarioError& error) {
      raise_scenario_error(error);
    } catch (const std::invalid_argument& error) {
      PyErr_SetString(PyExc_ValueError, error.what());
    } catch (const PartialResultError& error) {
      PyErr_SetString(PyExc_ValueError, error.what());
    }
  });
}

}  // namespace reliasim::python
