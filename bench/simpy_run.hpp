#pragma once
// One timed run of the SimPy reference (simpy_reference.py) in a Python subprocess, so that
// reliasim_bench can time it in turns with the engine: both then see the same machine.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "figures.hpp"

namespace reliasim::bench {

struct SimpyRun {
  std::string python;                // interpreter with SimPy installed
  std::filesystem::path model_json;  // from export_model
};

// Times `trials` trials, or when `trials` is 0 as many as take about `seconds`. Returns
// nothing when SimPy is not installed; throws std::runtime_error when the run fails.
[[nodiscard]] std::optional<Throughput> run_simpy(const SimpyRun& run, double seconds,
                                                  std::uint64_t trials);

}  // namespace reliasim::bench
