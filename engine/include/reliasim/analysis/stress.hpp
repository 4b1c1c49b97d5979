#pragma once
// Stress tests (docs/stress.md): a scenario's scripted incidents injected on top of its random
// history. Each test runs against the baseline on common random numbers (the same seed and
// trials, every failure source drawing the same numbers), so the comparison of the two is the
// exposure the scripted incidents add, with the paired difference's interval.

#include <cstdint>
#include <string>
#include <vector>

#include "reliasim/analysis/compare.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/run_config.hpp"

namespace reliasim {

struct StressResult {
  StressTestSpec test;
  Comparison comparison;  // A: the baseline, B: under the test's incidents
};

struct StressReport {
  std::string scenario;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::vector<StressResult> results;  // in the order the tests were given
};

// The baseline with the test's incidents injected, named after both (with_stress_name).
[[nodiscard]] CompiledModel with_stress(const CompiledModel& model, const StressTestSpec& test);
[[nodiscard]] std::string with_stress_name(const CompiledModel& model, const StressTestSpec& test);

// Runs the baseline once per batch of trials and each test on the same trials, batch by batch:
// memory for a batch of each, whatever the trials. config.on_progress counts the trials of
// every run (up to (1 + tests) x config.trials). Throws std::invalid_argument when no test is
// given, RunCancelled when cancelled.
[[nodiscard]] StressReport stress(const CompiledModel& model,
                                  const std::vector<StressTestSpec>& tests, const RunConfig& config,
                                  double confidence = 0.95);

// One line for a test: what it adds to the first scope's downtime and to each contract's
// expected credits, with their intervals, or that its effect is not distinguishable from noise.
[[nodiscard]] std::string stress_verdict(const StressResult& result);

}  // namespace reliasim
