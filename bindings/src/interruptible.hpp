#pragma once
// Running engine work from Python: without the GIL, with progress and Ctrl-C on this thread.

#include <pybind11/pybind11.h>

#include <atomic>
#include <memory>

#include "reliasim/simulate/run_config.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace reliasim::python {

// Runs `body` without the GIL. Progress is reported and Ctrl-C checked on this thread.
template <typename Body>
void run_interruptibly(RunConfig& config, const pybind11::object& progress, Body body) {
  std::atomic<bool> cancel{false};
  bool interrupted = false;
  std::unique_ptr<pybind11::error_already_set> callback_error;
  config.cancel = &cancel;
  config.on_progress = [&](std::uint64_t done) {
    pybind11::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() != 0) {
      interrupted = true;
      cancel = true;
      return;
    }
    if (progress.is_none() || callback_error) return;
    try {
      progress(done);
    } catch (pybind11::error_already_set& error) {
      callback_error = std::make_unique<pybind11::error_already_set>(std::move(error));
      cancel = true;
    }
  };
  try {
    pybind11::gil_scoped_release release;
    body();
  } catch (const RunCancelled&) {
    if (callback_error) throw std::move(*callback_error);
    if (interrupted) throw pybind11::error_already_set();  // KeyboardInterrupt, already set
    throw;
  }
}

}  // namespace reliasim::python
