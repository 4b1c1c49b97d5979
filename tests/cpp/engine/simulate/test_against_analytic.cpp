// The simulator against exact answers (docs/simulation.md, Exact answers): closed forms, the exact
// structure function and Markov chains, each within the simulation's own 99.9 % interval.
#include <catch2/catch.hpp>
#include <cmath>
#include <iostream>

#include "model_builder.hpp"
#include "reliasim/analytic/closed_forms.hpp"
#include "reliasim/analytic/markov_models.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/analytic/structure.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "run_helpers.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

RunResults run(const CompiledModel& model, std::uint64_t trials = 400, std::uint64_t seed = 7) {
  return run_trials(model, trials, seed);
}

double finite_horizon_availability(double mttf, double mttr, double horizon) {
  return 1.0 - finite_horizon_unavailability(mttf, mttr, horizon);
}

}  // namespace

TEST_CASE("simulated: one repairable component, A = MTTF / (MTTF + MTTR)", "[simulate]") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 50 * hour, 5 * hour);
  b.journey("use", {s});
  const Interval simulated = availability(run(b.build()));
  CHECK_COVERS(simulated, finite_horizon_availability(50 * hour, 5 * hour, year));
  CHECK_COVERS(simulated, analytic::availability(50 * hour, 5 * hour));
}

TEST_CASE("any distributions: A = MTTF / (MTTF + MTTR) for Weibull failures, lognormal repairs") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/wear", {{}, {s}}, 1, 1);
  b.last_source().time_to_failure = {DistributionKind::weibull, 2.0, 60 * hour, 0, {}};
  b.last_source().lifecycle.repair = {DistributionKind::lognormal, std::log(3 * hour), 1.0, 0, {}};
  b.journey("use", {s});
  const double mttf = 60 * hour * std::tgamma(1.5);
  const double mttr = 3 * hour * std::exp(0.5);
  CHECK_COVERS(availability(run(b.build())), analytic::availability(mttf, mttr));
}

TEST_CASE("series: a service and its hard dependency") {
  ModelBuilder b;
  const Index api = b.service("api"), db = b.service("db");
  b.depends(api, db);
  b.source("api/crash", {{}, {api}}, 40 * hour, 2 * hour);
  b.source("db/crash", {{}, {db}}, 100 * hour, 8 * hour);
  b.journey("use", {api});
  const double exact = analytic::series_availability(
      {analytic::availability(40 * hour, 2 * hour), analytic::availability(100 * hour, 8 * hour)});
  CHECK_COVERS(availability(run(b.build())), exact);
}

TEST_CASE("parallel: two replicas, one needed") {
  ModelBuilder b;
  const Index s = b.service("api", 2, 1);
  b.replica_sources(s, 20 * hour, 6 * hour);
  b.journey("use", {s});
  const double a = analytic::availability(20 * hour, 6 * hour);
  CHECK_COVERS(availability(run(b.build())), analytic::parallel_availability({a, a}));
}

TEST_CASE("k-of-n: two of three replicas") {
  ModelBuilder b;
  const Index s = b.service("api", 3, 2);
  b.replica_sources(s, 20 * hour, 4 * hour);
  b.journey("use", {s});
  const double a = analytic::availability(20 * hour, 4 * hour);
  CHECK_COVERS(availability(run(b.build())), analytic::k_of_n_availability(2, 3, a));
}

TEST_CASE("shared repair crew: two of three replicas, one repairer (Markov chain)") {
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index s = b.service("api", 3, 2);
  b.replica_sources(s, 20 * hour, 5 * hour, crew);
  b.journey("use", {s});
  const auto chain = analytic::k_of_n_with_crews(2, 3, 1 / (20 * hour), 1 / (5 * hour), 1);
  const double exact = analytic::solve(chain).availability;
  // The whole-model chain of the same scenario finds it too.
  CHECK(analytic::estimate(b.build()).scopes[0].availability == Approx(exact).epsilon(1e-10));
  const Interval simulated = availability(run(b.build()));
  CHECK_COVERS(simulated, exact);
  // The queue matters: without it the answer is visibly different.
  CHECK_FALSE(simulated.contains(
      analytic::k_of_n_availability(2, 3, analytic::availability(20 * hour, 5 * hour))));
}

TEST_CASE("failover pair: warm standby, imperfect switch, one crew (Markov chain)") {
  ModelBuilder b;
  const Index crew = b.crew("dba", 1);
  const Index primary = b.service("db-a"), standby = b.service("db-b");
  FailoverSpec failover;
  failover.delay = DistributionSpec::fixed_value(0.0);
  failover.success = 0.8;
  failover.standby = StandbyMode::warm;
  failover.dormant_failure_factor = 0.4;
  const Index group = b.failover_group("db", {primary, standby}, failover);
  b.source("db-a/crash", {{}, {primary}}, 30 * hour, 6 * hour, crew);
  b.source("db-b/crash", {{}, {standby}}, 30 * hour, 6 * hour, crew);
  b.journey("use", {group});
  analytic::FailoverPairSpec spec;
  spec.failure_rate = 1 / (30 * hour);
  spec.repair_rate = 1 / (6 * hour);
  spec.standby = analytic::StandbyMode::warm;
  spec.warm_factor = 0.4;
  spec.switchover_success = 0.8;
  spec.crews = 1;
  const double exact = analytic::solve(analytic::failover_pair(spec)).availability;
  CHECK_COVERS(availability(run(b.build())), exact);
  CHECK(analytic::estimate(b.build()).scopes[0].availability == Approx(exact).epsilon(1e-10));
}

TEST_CASE("common cause: a shock that takes out both replicas of a pair") {
  ModelBuilder b;
  const Index s = b.service("api", 2, 1);
  b.replica_sources(s, 20 * hour, 5 * hour);
  b.source("common-cause/zone", {{}, {s}}, 200 * hour, 3 * hour);
  b.journey("use", {s});
  // Up = shock absent AND (replica 1 OR replica 2): three independent renewal processes.
  analytic::Structure structure;
  const int pair = structure.any_of({structure.component(0), structure.component(1)});
  const int root = structure.all_of({pair, structure.component(2)});
  const double a = analytic::availability(20 * hour, 5 * hour);
  const double exact =
      analytic::solve(structure, root, {a, a, analytic::availability(200 * hour, 3 * hour)})
          .availability;
  const Interval simulated = availability(run(b.build()));
  CHECK_COVERS(simulated, exact);
  CHECK_FALSE(simulated.contains(analytic::parallel_availability({a, a})));
}

TEST_CASE("deep dependency chain with a shared database (exact structure function)") {
  ModelBuilder b;
  const Index db = b.service("db");
  b.source("db/crash", {{}, {db}}, 400 * hour, 4 * hour);
  Index below = db;
  std::vector<double> availabilities{analytic::availability(400 * hour, 4 * hour)};
  analytic::Structure structure;
  int chain = structure.component(0);
  const int db_node = chain;
  for (int level = 1; level <= 8; ++level) {
    const Index s = b.service("tier-" + std::to_string(level));
    b.depends(s, below);
    const double mttf = (100.0 + 20 * level) * hour;
    b.source("tier-" + std::to_string(level) + "/crash", {{}, {s}}, mttf, 2 * hour);
    availabilities.push_back(analytic::availability(mttf, 2 * hour));
    chain = structure.all_of({structure.component(level), chain});
    below = s;
  }
  // A second path to the same database: a journey through both.
  const Index reports = b.service("reports");
  b.depends(reports, db);
  b.source("reports/crash", {{}, {reports}}, 80 * hour, 1 * hour);
  availabilities.push_back(analytic::availability(80 * hour, 1 * hour));
  const int reports_node = structure.all_of({structure.component(9), db_node});
  const int root = structure.all_of({chain, reports_node});
  b.journey("use", {below, reports});
  const double exact = analytic::solve(structure, root, availabilities).availability;
  CHECK_COVERS(availability(run(b.build())), exact);
}

TEST_CASE("CRE estimate: bad minutes per year = (TTD + TTR) x impact x failures per year") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/bad-deploy", {{}, {s}}, 30 * 86400.0, 1);
  FailureSourceSpec& source = b.last_source();
  source.down = false;
  source.degrade = 0.5;
  source.lifecycle.detectors = {{DetectionChannel::alert, 1.0, DistributionSpec::fixed_value(600)}};
  source.lifecycle.engage = DistributionSpec::fixed_value(300);
  source.lifecycle.mitigation = MitigationKind::rollback;
  source.lifecycle.mitigate = DistributionSpec::exponential_mean(1800);
  source.lifecycle.repair = DistributionSpec::fixed_value(7200);
  b.journey("use", {s});
  const RunResults r = run(b.build(), 1000);
  // Time to restore service from the start: 10 m + 5 m + 30 m; a cycle adds the repair.
  const double ttd = 600, ttr = 300 + 1800, cycle = 30 * 86400.0 + 600 + 300 + 1800 + 7200;
  const double cre = (ttd + ttr) * 0.5 * (year / cycle);
  CHECK_COVERS(error_time(r), cre);
  CHECK(availability(r).estimate == 1.0);  // degraded, never down
}
