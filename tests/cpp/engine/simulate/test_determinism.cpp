// Results depend only on (model, seed, trial range): not on threads, chunking or how a trial
// range is split; and two models sharing a named source draw the same numbers for it.
#include <catch2/catch.hpp>
#include <limits>
#include <vector>

#include "model_builder.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

// A model that exercises every mechanism: replicas, a failover group, a crew queue, a common
// cause, degradation and per-deploy failures.
CompiledModel busy_model() {
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index api = b.service("api", 3, 2);
  b.replica_sources(api, 200 * hour, 3 * hour, crew);
  const Index db_a = b.service("db-a"), db_b = b.service("db-b");
  b.source("db-a/crash", {{}, {db_a}}, 500 * hour, 5 * hour, crew);
  b.source("db-b/crash", {{}, {db_b}}, 500 * hour, 5 * hour, crew);
  FailoverSpec failover;
  failover.delay = DistributionSpec::exponential_mean(60);
  failover.success = 0.9;
  failover.standby = StandbyMode::warm;
  failover.dormant_failure_factor = 0.5;
  const Index db = b.failover_group("db", {db_a, db_b}, failover);
  b.depends(api, db);
  b.source("common-cause/push", {{}, {api, db}}, 2000 * hour, 1 * hour);
  b.source("api/deploy", {{}, {api}}, 1, 1800);
  b.last_source().per_deploy = true;
  b.last_source().deploys_per_second = 10.0 / (7 * 86400.0);
  b.last_source().per_deploy_probability = 0.05;
  b.last_source().down = false;
  b.last_source().degrade = 0.3;
  b.journey("use", {api});
  b.windows(30 * 86400.0);
  b.sla(0.999, 1000.0);
  b.rolling_slo(0.999, 28);
  return b.build();
}

RunResults run(const CompiledModel& model, int threads, std::uint64_t first, std::uint64_t trials,
               std::uint64_t chunk = 32) {
  RunConfig config;
  config.seed = 2024;
  config.first_trial = first;
  config.trials = trials;
  config.threads = threads;
  config.chunk_size = chunk;
  config.sla_attribution = true;
  return simulate(model, config);
}

bool same_incidents(const std::vector<IncidentRecord>& a, const std::vector<IncidentRecord>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    if (a[i].trial != b[i].trial || a[i].source != b[i].source || !same(a[i].start, b[i].start) ||
        !same(a[i].detected, b[i].detected) || !same(a[i].mitigated, b[i].mitigated) ||
        !same(a[i].repaired, b[i].repaired) || a[i].user_facing != b[i].user_facing)
      return false;
  }
  return true;
}

void require_identical(const RunResults& a, const RunResults& b) {
  REQUIRE(a.trials == b.trials);
  for (const auto array : RunResults::simulated_arrays) {
    CHECK(!(a.*array).empty());
    CHECK(a.*array == b.*array);
  }
  CHECK(a.weights == b.weights);
  CHECK(a.events == b.events);
  CHECK(same_incidents(a.incidents, b.incidents));
}

}  // namespace

TEST_CASE("1, 2 and 8 threads give bit-identical results") {
  const CompiledModel model = busy_model();
  const RunResults one = run(model, 1, 0, 300);
  REQUIRE(one.incidents.size() > 1000);
  require_identical(one, run(model, 2, 0, 300));
  require_identical(one, run(model, 8, 0, 300));
  // Chunking does not matter either: these ran in chunks of 32, 5 and 2 trials (a short run
  // gives each thread 32 chunks), and this one in chunks of 3.
  require_identical(one, run(model, 2, 0, 300, 3));
}

TEST_CASE("runs over disjoint trial ranges join into exactly the run over their union") {
  const CompiledModel model = busy_model();
  RunResults joined = run(model, 2, 0, 130);
  joined.append(run(model, 1, 130, 170));
  require_identical(joined, run(model, 2, 0, 300));
  CHECK_THROWS_AS(joined.append(run(model, 1, 1000, 5)), std::invalid_argument);
}

TEST_CASE("results do not depend on what the memory of the per-trial arrays held before") {
  // The arrays are allocated uninitialised and every trial zeroes its own rows: fill freed
  // memory of the same sizes with NaN, so that a row left unzeroed would show.
  const CompiledModel model = busy_model();
  const RunResults clean = run(model, 1, 0, 40);
  for (int round = 0; round < 3; ++round) {
    std::vector<TrialArray> garbage;
    for (const auto array : RunResults::simulated_arrays)
      garbage.emplace_back((clean.*array).size(), std::numeric_limits<double>::quiet_NaN());
    garbage.clear();
    require_identical(clean, run(model, 1, 0, 40));
  }
}

TEST_CASE("a different seed gives a different history") {
  const CompiledModel model = busy_model();
  RunConfig config;
  config.trials = 50;
  config.seed = 1;
  const RunResults a = simulate(model, config);
  config.seed = 2;
  CHECK(simulate(model, config).scope_down != a.scope_down);
}

TEST_CASE("common random numbers: a source shared by two designs draws the same numbers") {
  ModelBuilder a;
  const Index api_a = a.service("api");
  a.source("api/crash", {{}, {api_a}}, 100 * hour, 2 * hour);
  a.journey("use", {api_a});
  ModelBuilder b;  // design B adds a database with its own failures
  const Index db = b.service("db");
  b.source("db/crash", {{}, {db}}, 300 * hour, 4 * hour);
  const Index api_b = b.service("api");
  b.source("api/crash", {{}, {api_b}}, 100 * hour, 2 * hour);
  b.depends(api_b, db);
  b.journey("use", {api_b});
  const RunResults ra = run(a.build(), 2, 0, 20);
  const RunResults rb = run(b.build(), 2, 0, 20);
  std::vector<double> starts_a, starts_b;
  for (const auto& i : ra.incidents) starts_a.push_back(i.start);
  for (const auto& i : rb.incidents)
    if (i.source == 1) starts_b.push_back(i.start);
  REQUIRE(starts_a.size() > 100);
  CHECK(starts_a == starts_b);
}

TEST_CASE("a cancelled run stops and says so") {
  const CompiledModel model = busy_model();
  std::atomic<bool> cancel{true};
  RunConfig config;
  config.trials = 100;
  config.cancel = &cancel;
  CHECK_THROWS_AS(simulate(model, config), RunCancelled);
}

TEST_CASE("a precision run stops once the interval is tight enough, or at its cap") {
  const CompiledModel model = busy_model();
  RunConfig config;
  const PrecisionRun loose = simulate_to_precision(model, config, {0.10, 50, 100000, {}});
  CHECK(loose.converged);
  CHECK(loose.relative_half_width <= 0.10);
  const PrecisionRun capped = simulate_to_precision(model, config, {1e-4, 50, 400, {}});
  CHECK_FALSE(capped.converged);
  CHECK(capped.results.trials == 400);
}
