// Fuzz target: incident exports read by `reliasim fit` and `reliasim replay` (docs/fit.md,
// docs/replay.md). The first byte picks how the export is read (canonical CSV, a bundled CSV
// or JSON mapping), the rest is the file; what reads is then fitted, so the numeric code sees
// whatever durations the bytes give, and replayed against a small scenario's contracts.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/analysis/replay.hpp"
#include "reliasim/fit/calibration.hpp"
#include "reliasim/incidents/read_history.hpp"
#include "reliasim/incidents/replay_input.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"

namespace {

struct Reading {
  const char* name;
  const char* mapping;
};
constexpr std::array<Reading, 5> readings{{{"export.csv", ""},
                                           {"export.csv", "pagerduty"},
                                           {"export.csv", "jira"},
                                           {"export.json", "statuspage"},
                                           {"export.json", "incident.io"}}};

// Services named as the canonical exports in the corpus name them, each SLA rule once.
const reliasim::CompiledModel& contracts() {
  static const reliasim::CompiledModel model =
      reliasim::scenario::compile(reliasim::scenario::load_scenario_text(R"(scenario: fuzz
horizon: 1y
services:
  search: {failure_modes: [{name: crash, occurs: {rate: 2/y}, repair: {self_heal: 1h}}]}
  checkout-api: {depends_on: [search], failure_modes: [{name: crash, occurs: {rate: 2/y}, repair: {self_heal: 1h}}]}
journeys:
  shop: [checkout-api]
slos:
  - {journey: shop, target: 99.9%, window: 7d-rolling}
slas:
  - {name: minutes, journey: shop, target: 99.9%, measure: {bad_minutes: {granularity: 5m, min_run: 1m}},
     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 100, currency: EUR}, exclusions: [third_party, maintenance]}
  - {name: rate, service: search, target: 99%, window: 30d, measure: {interval_error_rate: {interval: 5m}}}
  - {name: weighted, journey: shop, target: 99%, measure: weighted_outage}
)",
                                                                         "fuzz.yaml"));
  return model;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  try {
    static_cast<void>(contracts());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    reliasim::fuzz::defect("the target's own scenario does not load");
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Reading& reading = readings[data[0] % readings.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  reliasim::incidents::ReadSettings settings;
  settings.mapping = reading.mapping;
  reliasim::fuzz::expect_clear_errors(text, [&] {
    const auto history =
        reliasim::incidents::read_incident_history_text(text, reading.name, settings);
    reliasim::fit::FitSettings fit;
    fit.resamples = 3;
    static_cast<void>(reliasim::fit::calibrate(history, fit));
    const auto input = reliasim::incidents::replay_input(contracts(), history);
    static_cast<void>(reliasim::replay_history(input.model, input.impacts));
  });
  return 0;
}
