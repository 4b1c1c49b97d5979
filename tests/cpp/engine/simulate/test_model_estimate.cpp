// The analytic estimate of a whole model against the simulation, on a model inside its exact
// domain: detection races with a customer fallback, engagement, mitigation then repair, a
// common cause over two services, degradation (which never takes a scope down).
#include <catch2/catch.hpp>

#include "model_builder.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "run_helpers.hpp"

using namespace reliasim;
using namespace reliasim::testing;

TEST_CASE("analytic estimate of a lifecycle model agrees with the simulation") {
  ModelBuilder b;
  const Index api = b.service("api", 3, 2), db = b.service("db"), search = b.service("search");
  b.depends(api, db);
  b.replica_sources(api, 60 * hour, 2 * hour);
  b.source("db/disk", {{}, {db}}, 300 * hour, 1);
  LifecycleSpec& life = b.last_source().lifecycle;
  life.detectors = {{DetectionChannel::alert, 0.8, DistributionSpec::exponential_mean(600)},
                    {DetectionChannel::probe, 0.5, DistributionSpec::fixed_value(900)}};
  life.customer_report =
      DistributionSpec{DistributionKind::lognormal, std::log(2700.0), 1.0, 0, {}};
  life.engage = DistributionSpec::exponential_mean(300);
  life.mitigation = MitigationKind::manual;
  life.mitigate = DistributionSpec{DistributionKind::gamma, 2.0, 900.0, 0, {}};
  life.repair = DistributionSpec::fixed_value(4 * hour);
  b.source("common-cause/push", {{}, {api, search}}, 500 * hour, 1 * hour);
  b.source("search/slow", {{}, {search}}, 50 * hour, 3 * hour);
  b.last_source().down = false;
  b.last_source().degrade = 0.4;
  b.journey("checkout", {api});
  b.journey("browse", {search});
  const CompiledModel model = b.build();
  const analytic::ModelEstimate estimate = analytic::estimate(model);
  REQUIRE(estimate.exact());
  RunConfig config;
  config.seed = 11;
  config.trials = 600;
  const RunResults r = simulate(model, config);
  CHECK_COVERS(availability(r, 0), estimate.scopes[0].availability);
  CHECK_COVERS(availability(r, 1), estimate.scopes[1].availability);
}

TEST_CASE("the estimate names what it leaves out") {
  // Two replicas share one crew and repairs are lognormal: no exact chain, so the estimate
  // is the approximation without queues.
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index api = b.service("api", 2, 1);
  b.replica_sources(api, 60 * hour, 2 * hour, crew);
  for (Index s = 0; s < 2; ++s)
    b.source_at(s).lifecycle.repair =
        DistributionSpec{DistributionKind::lognormal, 8.0, 1.0, 0, {}};
  b.journey("use", {api});
  const auto estimate = analytic::estimate(b.build());
  CHECK_FALSE(estimate.exact());
  REQUIRE(estimate.assumptions.size() == 1);
  CHECK_THAT(estimate.assumptions.front(), Catch::Contains("crew"));
  CHECK_THAT(estimate.markov_fallback, Catch::Contains("lognormal"));
}
