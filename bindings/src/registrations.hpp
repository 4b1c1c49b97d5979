#pragma once
// Registration of the engine's types with Python. pybind11 stays inside bindings/.

#include <pybind11/pybind11.h>

namespace reliasim::python {

void register_errors(pybind11::module_& m);
void register_model(pybind11::module_& m);
void register_results(pybind11::module_& m);
void register_analyses(pybind11::module_& m);
void register_fit(pybind11::module_& m);
void register_replay(pybind11::module_& m);
void register_stress(pybind11::module_& m);

}  // namespace reliasim::python
