// Fuzz target: the scenario loader (YAML and JSON text, the pre-scan, the reader, every
// validation pass), the compiler for what it accepts and, for small models, the simulator with
// its invariants checked, also with each stress test's incidents injected. Files the text
// names are looked up in tests/fuzz/files, which holds a small CSV of incident durations.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/analysis/stress.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace {

// Events one trial expects: failures and maintenance windows. The validator allows ten million,
// far more than a fuzzer can afford per input.
double expected_events(const reliasim::CompiledModel& model) {
  double events = 0;
  for (const auto& source : model.sources)
    events += source.per_deploy
                  ? source.deploys_per_second * source.per_deploy_probability * model.horizon
                  : model.horizon / source.time_to_failure.mean();
  for (const auto& maintenance : model.maintenance) events += model.horizon / maintenance.every;
  return events;
}

bool small_enough_to_simulate(const reliasim::CompiledModel& model) {
  constexpr double ten_years = 10 * 365 * 86400.0;
  return model.sources.size() <= 200 && model.horizon <= ten_years &&
         expected_events(model) <= 1000;  // false for NaN too
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  reliasim::fuzz::expect_clear_errors(text, [&] {
    const auto scenario =
        reliasim::scenario::load_scenario_text(text, "fuzz.yaml", RELIASIM_FUZZ_FILES);
    // A scenario that passed validation must compile: compile() has no error path of its own.
    const auto model = reliasim::scenario::compile(scenario);
    if (!small_enough_to_simulate(model)) return;
    reliasim::RunConfig config;
    config.trials = 2;
    config.threads = 1;
    config.sla_attribution = true;
    static_cast<void>(reliasim::simulate(model, config));
    // Each stress test too: its injected incidents are events of their own.
    for (const auto& test : model.stress_tests)
      static_cast<void>(reliasim::simulate(reliasim::with_stress(model, test), config));
  });
  return 0;
}
