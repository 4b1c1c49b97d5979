// reliasim._core: registers the engine for the `reliasim` Python package; no logic here.
#include "registrations.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "reliasim engine (use the `reliasim` package, not this module)";
  m.attr("__version__") = RELIASIM_VERSION;
  reliasim::python::register_errors(m);
  reliasim::python::register_model(m);
  reliasim::python::register_results(m);
  reliasim::python::register_analyses(m);
  reliasim::python::register_fit(m);
  reliasim::python::register_replay(m);
  reliasim::python::register_stress(m);
}
