// The simulator against the Markov chain of the whole model (analytic::estimate), within the
// simulation's own 99.9 % interval, on models where incidents queue for a shared crew.
// Engagement takes no time in both, so the check holds whether or not the member is held
// while engaging.
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
  for (Index s = 0; s < 3; ++s) {
    LifecycleSpec& life = b.source_at(s).lifecycle;
    life.detectors = {{DetectionChannel::alert, 0.7, DistributionSpec::exponential_mean(600)}};
    life.customer_report = DistributionSpec::exponential_mean(3600);
    life.mitigation = MitigationKind::manual;
    life.mitigate = DistributionSpec::exponential_mean(1800);
    life.mitigate_crew = crew;
  }
  b.journey("use", {api});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.method == analytic::EstimateMethod::markov_chain);
  CHECK_COVERS(availability(run_trials(model, 400, 7)), estimate.scopes[0].availability);
}
