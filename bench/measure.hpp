#pragma once
// Timing with std::chrono::steady_clock, calibrated so that each measurement takes about the
// requested time, and the measurement of one scenario: engine on 1 and 2 threads, bare loop
// and, when asked, the SimPy reference.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "figures.hpp"

namespace reliasim::bench {

struct MeasureOptions {
  double seconds = 1.5;  // target duration of each timed run
  std::uint64_t seed = 1;
  bool keep_incidents = true;  // as `reliasim run`; false bounds memory for large runs
  int repeats = 3;  // timed runs of each measurement; the fastest counts (see bench/README.md)
  std::string simpy_python;  // when set, the SimPy reference is timed too, with this Python
};

// Runs `trials` trials and returns the events processed.
using Workload = std::function<std::uint64_t(std::uint64_t trials)>;

// One timed run of `trials` trials.
[[nodiscard]] Throughput timed(const Workload& work, std::uint64_t trials);

// Probes with 1, 2, 4, ... trials until a run takes a tenth of `seconds`, then times one run
// with the trial count expected to take `seconds`, rounded up to a multiple of `granule`.
[[nodiscard]] Throughput calibrated(const Workload& work, double seconds, std::uint64_t granule);

// Loads, compiles and measures one scenario. Throws on a bad scenario or a failed run.
[[nodiscard]] ScenarioFigures measure_scenario(const std::string& label,
                                               const std::filesystem::path& file,
                                               const MeasureOptions& options);

}  // namespace reliasim::bench
