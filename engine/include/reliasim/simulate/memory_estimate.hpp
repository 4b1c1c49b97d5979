#pragma once
// How much memory a run needs, counted before it starts: every per-trial array from the layout
// the allocation uses, the incident and outage records the model is expected to produce, each
// thread's working state, and the copies a whole-run summary makes (docs/simulation.md,
// "Memory"). simulate() refuses a run that needs more than half the machine's memory.

#include <cstdint>
#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/run_config.hpp"

namespace reliasim {

struct MemoryPart {
  std::string name;  // a RunResults field, or what else holds the bytes
  double bytes = 0.0;
};

struct MemoryEstimate {
  // Expected per trial: a renewal source occurs horizon / (mean time to failure + mean
  // incident cycle) times; an outage starts at most once per occurrence that alone takes a
  // scope down, and per maintenance window.
  double incidents_per_trial = 0.0;
  double outages_per_trial = 0.0;
  std::vector<MemoryPart> parts;  // largest first

  [[nodiscard]] double total() const;
  // "12.3 GiB (incidents 8.1 GiB, summary copies 2.0 GiB, scope_down_by_cause 1.1 GiB)": the
  // total and the `count` largest parts.
  [[nodiscard]] std::string describe(std::size_t count = 3) const;
};

// What simulate(model, config) and a summary of its results (summarize()) need at their peak.
[[nodiscard]] MemoryEstimate estimate_run_memory(const CompiledModel& model,
                                                 const RunConfig& config);

// Expected occurrences of one failure source over the model's horizon.
[[nodiscard]] double expected_occurrences(const FailureSourceSpec& source, double horizon);
// The same, given the source's mean incident cycle T0 -> T4 (mean_incident_durations).
[[nodiscard]] double expected_occurrences(const FailureSourceSpec& source, double horizon,
                                          double cycle);

}  // namespace reliasim
