// The memory estimate against sizes counted by hand and the closed form of a renewal process's
// occurrences, and the message of a run it refuses.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <numeric>

#include "model_builder.hpp"
#include "reliasim/simulate/memory_estimate.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simulate/result_shape.hpp"
#include "simulate/topology.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

// A journey on api (3 replicas, 2 must serve) over db (1 replica), with 12 windows and an SLA
// over them. Incidents last an hour at most on average, against 100 h or more between them.
CompiledModel shop() {
  ModelBuilder b;
  b.windows(year / 12);
  const Index api = b.service("api", 3, 2);
  const Index db = b.service("db");
  b.depends(api, db);
  b.replica_sources(api, 1000 * hour, 1 * hour);
  b.replica_sources(db, 100 * hour, 0.5 * hour);
  b.journey("checkout", {api});
  b.sla(0.999, 1000.0);
  return b.build();
}

std::map<std::string, double> parts_of(const MemoryEstimate& estimate) {
  std::map<std::string, double> parts;
  for (const auto& part : estimate.parts) parts[part.name] = part.bytes;
  return parts;
}

}  // namespace

TEST_CASE("the estimate counts each per-trial array as allocated: its row width times trials") {
  RunConfig config;
  config.trials = 1000;
  config.sla_attribution = true;
  auto parts = parts_of(estimate_run_memory(shop(), config));
  // 1 scope (the journey; the SLA names it too), 12 windows, 4 failure modes, 2 services, one
  // SLA over the 12 windows.
  const std::map<std::string, double> doubles_per_trial{{"scope_down", 12},
                                                        {"scope_degraded", 12},
                                                        {"scope_error", 12},
                                                        {"scope_down_by_cause", 48},
                                                        {"scope_outages", 1},
                                                        {"scope_longest_outage", 1},
                                                        {"attributed_down", 4},
                                                        {"attributed_degraded", 4},
                                                        {"attributed_error", 4},
                                                        {"service_down", 2},
                                                        {"service_degraded", 2},
                                                        {"sla_uptime", 12},
                                                        {"sla_credit", 12},
                                                        {"sla_counted", 12},
                                                        {"sla_attributed_down", 12 * 5},
                                                        {"slo_spent", 0},
                                                        {"weights", 1}};
  for (const auto& [name, doubles] : doubles_per_trial) {
    INFO(name);
    CHECK(parts.at(name) == doubles * 8 * 1000);
  }
  // The same arrays as simulate() allocates, array by array.
  config.trials = 3;
  const RunResults results = simulate(shop(), config);
  config.trials = 1000;
  for (std::size_t a = 0; a < RunResults::simulated_arrays.size(); ++a) {
    INFO(RunResults::simulated_array_names[a]);
    CHECK(parts.at(RunResults::simulated_array_names[a]) ==
          static_cast<double>((results.*RunResults::simulated_arrays[a]).size() / 3 * 8 * 1000));
  }
}

TEST_CASE(
    "expected incidents are rate x horizon when incidents are short; outages those that "
    "take the journey down alone") {
  RunConfig config;
  config.trials = 1000;
  const MemoryEstimate estimate = estimate_run_memory(shop(), config);
  // 3 api replicas at 8.76 a year each, the db at 87.6: within 1 % (each cycle adds its repair).
  CHECK(estimate.incidents_per_trial == Approx(3 * 8.76 + 87.6).epsilon(0.01));
  // Only the db takes the journey down alone: one api replica down leaves 2 of 3 serving.
  CHECK(estimate.outages_per_trial == Approx(87.6).epsilon(0.01));
  const auto parts = parts_of(estimate);
  CHECK(parts.at("incidents") ==
        Approx(1000 * estimate.incidents_per_trial * sizeof(IncidentRecord)));
  CHECK(parts.at("outages") == Approx(1000 * estimate.outages_per_trial * sizeof(OutageRecord)));

  // The simulation agrees: incidents and outages per trial within 3 % of the estimate.
  config.trials = 400;
  const RunResults results = simulate(shop(), config);
  CHECK(static_cast<double>(results.incidents.size()) / 400 ==
        Approx(estimate.incidents_per_trial).epsilon(0.03));
  CHECK(static_cast<double>(results.outages.size()) / 400 ==
        Approx(estimate.outages_per_trial).epsilon(0.03));
}

TEST_CASE("without kept incidents the estimate has no records and smaller summary copies") {
  RunConfig config;
  config.trials = 1000;
  const auto kept = parts_of(estimate_run_memory(shop(), config));
  config.keep_incidents = false;
  const auto dropped = parts_of(estimate_run_memory(shop(), config));
  CHECK(kept.count("incidents") == 1);
  CHECK(dropped.count("incidents") == 0);
  CHECK(dropped.count("outages") == 0);
  CHECK(dropped.at("summary copies") < kept.at("summary copies"));
}

TEST_CASE(
    "the estimate's parts are largest first and describe() names the total and the "
    "largest") {
  MemoryEstimate estimate;
  estimate.parts = {{"incidents", 3.0 * (1 << 30)}, {"scope_down", 1 << 20}, {"weights", 512}};
  CHECK(estimate.describe(2) == "3.0 GiB (incidents 3.0 GiB, scope_down 1.0 MiB)");
  RunConfig config;
  config.trials = 1000;
  const MemoryEstimate computed = estimate_run_memory(shop(), config);
  CHECK(std::is_sorted(computed.parts.begin(), computed.parts.end(),
                       [](const auto& a, const auto& b) { return a.bytes > b.bytes; }));
}

TEST_CASE("a run that needs more than half the machine's memory is refused with the estimate") {
  RunConfig config;
  config.trials = std::uint64_t{1} << 39;
  const std::string estimate = estimate_run_memory(shop(), config).describe();
  CHECK_THROWS_WITH(
      simulate(shop(), config),
      Catch::StartsWith("a run of 549755813888 trials needs about " + estimate +
                        ", more than half of this machine's ") &&
          Catch::EndsWith(" GiB; run fewer trials, or stream them in batches (reliasim run "
                          "--streaming)"));
}

TEST_CASE("the cheap bound counts horizon / MTTF occurrences, never fewer than expected") {
  RunConfig config;
  config.trials = 1000;
  const CompiledModel model = shop();
  const auto topology = sim::build_topology(model);
  const MemoryEstimate expected = sim::estimate_run_memory(model, topology, config);
  const MemoryEstimate bound =
      sim::estimate_run_memory(model, topology, config, sim::Occurrences::upper_bound);
  // 3 api replicas failing every 1000 h and one db every 100 h, over a year of 8760 h.
  CHECK(bound.incidents_per_trial == Approx(3 * 8760.0 / 1000 + 8760.0 / 100));
  CHECK(bound.incidents_per_trial > expected.incidents_per_trial);
  CHECK(bound.total() >= expected.total());
}
