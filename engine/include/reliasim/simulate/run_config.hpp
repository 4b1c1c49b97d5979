#pragma once
// What a run covers and how: the trial range, the seed, threads, and when to stop.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "reliasim/simulate/biasing.hpp"

namespace reliasim {

struct RunConfig {
  std::uint64_t seed = 1;
  std::uint64_t first_trial = 0;  // runs over disjoint trial ranges merge exactly
  std::uint64_t trials = 1000;
  int threads = 0;                // 0: every core
  std::uint64_t chunk_size = 32;  // trials per parallel task, at most; does not change results
  bool keep_incidents = true;     // false: bounded memory for very large runs
  // Also split each SLA window's bad time by failure mode (RunResults::sla_attributed_down),
  // which the FMEA worksheet needs to share out credits; off by default for its memory.
  bool sla_attribution = false;
  // Called now and then (never concurrently) with the trials finished so far.
  std::function<void(std::uint64_t done)> on_progress;
  // Set from another thread (a signal handler, Python's KeyboardInterrupt) to stop early:
  // simulate() then throws RunCancelled.
  const std::atomic<bool>* cancel = nullptr;
  Biasing biasing;
  // When set (and the biasing active): each trial's BiasTrace, by row; sized by the run.
  std::vector<BiasTrace>* bias_traces = nullptr;
  // Bytes a run may hold (memory_estimate.hpp); 0: half of the memory this process may use
  // (the machine's, or its cgroup's limit under a batch system or container when lower).
  double memory_limit = 0.0;
  // How a run too large for memory is told to stream, in the words of its caller.
  const char* streaming_hint = "reliasim run --streaming";
};

// The per-trial metric a precision run watches: a scope's downtime, or an SLA's credit.
struct PrecisionMetric {
  enum class Kind : std::uint8_t { scope_downtime, sla_credit };
  Kind kind = Kind::scope_downtime;
  std::size_t index = 0;  // scope (journeys first) or SLA
};

// Stopping on precision: add batches of trials until the 95 % half-width of the metric's
// mean is below `relative_half_width` of the estimate, or `max_trials` is reached.
struct PrecisionTarget {
  double relative_half_width = 0.05;
  std::uint64_t min_trials = 200;
  std::uint64_t max_trials = 1'000'000;
  PrecisionMetric metric;
};

struct RunCancelled {};

}  // namespace reliasim
