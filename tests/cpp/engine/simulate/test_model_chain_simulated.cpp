// The simulator against the Markov chain of the whole model (analytic::estimate), within the
// simulation's own 99.9 % interval, on models where incidents queue for a shared crew,
// including one where acknowledging takes time and a busy member cannot acknowledge.
#include <catch2/catch.hpp>

#include "model_builder.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "run_helpers.hpp"

using namespace reliasim;
using namespace reliasim::testing;

TEST_CASE("simulated: two sub-clusters sharing one repair unit, against the exact chain") {
  ModelBuilder b;
  const Index crew = b.crew("repair-unit", 1);
  const Index a = b.service("a", 2, 1), c = b.service("b", 2, 1);
  b.replica_sources(a, 20 * hour, 4 * hour, crew);
  b.replica_sources(c, 50 * hour, 10 * hour, crew);
  b.journey("both", {a, c});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  const Interval simulated = availability(run_trials(model, 400, 7));
  CHECK_COVERS(simulated, estimate.scopes[0].availability);
  // The approximation without queues lies outside the interval.
  CHECK_FALSE(simulated.contains(analytic::estimate(model, 1).scopes[0].availability));
}

TEST_CASE("simulated: alert or customer report, then mitigation and repair by one member") {
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index api = b.service("api", 2, 1), db = b.service("db");
  b.depends(api, db);
  b.replica_sources(api, 30 * hour, 2 * hour, crew);
  b.source("db/disk", {{}, {db}}, 200 * hour, 3 * hour, crew);
  b.alert_then_mitigate(3, crew);
  b.journey("use", {api});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  CHECK_COVERS(availability(run_trials(model, 400, 7)), estimate.scopes[0].availability);
}

TEST_CASE("simulated: failover with delay, failed switches, manual switch, cold standby") {
  // api: three replicas, two needed, each self-healing; a zone outage takes one of them out
  // (the zone picked at random) until a third party recovers it; api needs the db group,
  // whose members share one repairer and whose cold standby cannot fail while it waits.
  ModelBuilder b;
  const Index crew = b.crew("dba", 1);
  const Index db_a = b.service("db-a"), db_b = b.service("db-b");
  FailoverSpec failover;
  failover.delay = DistributionSpec::exponential_mean(600);
  failover.success = 0.7;
  failover.manual = DistributionSpec::exponential_mean(1800);
  failover.standby = StandbyMode::cold;
  failover.dormant_failure_factor = 0.0;
  const Index db = b.failover_group("db", {db_a, db_b}, failover);
  const Index api = b.service("api", 3, 2);
  b.depends(api, db);
  b.source("db-a/crash", {{}, {db_a}}, 40 * hour, 6 * hour, crew);
  b.source("db-b/crash", {{}, {db_b}}, 40 * hour, 6 * hour, crew);
  b.replica_sources(api, 30 * hour, 1200);
  for (Index s = 2; s < 5; ++s) b.source_at(s).lifecycle.self_heal = true;
  b.source("common-cause/zone", {{0}, {}}, 100 * hour, 2 * hour);
  b.last_source().alternatives = {{{0}, {}}, {{1}, {}}, {{2}, {}}};
  b.last_source().lifecycle.mitigation = MitigationKind::wait;
  b.last_source().lifecycle.mitigate = DistributionSpec::exponential_mean(3600);
  b.journey("checkout", {api});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  REQUIRE(estimate.exact());
  CHECK_COVERS(availability(run_trials(model, 400, 7)), estimate.scopes[0].availability);
}

TEST_CASE("simulated: degradations that only together reach a journey's down_at") {
  // checkout is down from 60 % failing requests: the cache down alone fails 50 % of api's
  // requests (soft dependency), api's own slowness 30 %; both together 1 - 0.5 x 0.7 = 65 %.
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index cache = b.service("cache"), api = b.service("api");
  b.soft_depends(api, cache, 0.5);
  b.source("cache/crash", {{}, {cache}}, 30 * hour, 2 * hour, crew);
  b.source("api/slow", {{}, {api}}, 40 * hour, 3 * hour, crew);
  b.last_source().down = false;
  b.last_source().degrade = 0.3;
  b.journey("checkout", {api}, 0.6);
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  REQUIRE(estimate.scopes[0].availability < 1.0);
  CHECK_COVERS(availability(run_trials(model, 400, 7)), estimate.scopes[0].availability);
}

TEST_CASE("simulated: a busy member cannot acknowledge, against the exact chain") {
  // Two replicas, one needed, one on-call member: each incident is paged at detection, waits
  // for the member, who acknowledges (15 min), mitigates (30 min) and then repairs (2 h). A
  // member who acknowledged while busy, or an acknowledgement that took no one, would give
  // 99.853 % instead of the chain's 99.845 %, outside the interval.
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index api = b.service("api", 2, 1);
  b.replica_sources(api, 30 * hour, 2 * hour, crew);
  b.alert_then_mitigate(2, crew, 900);
  b.journey("use", {api});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  CHECK_COVERS(availability(run_trials(model, 3000, 7)), estimate.scopes[0].availability);
}
