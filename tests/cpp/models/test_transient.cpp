// The exact measures over the horizon (analytic::transient_estimate: uniformisation of the
// whole-model chain) against closed forms, and the simulator against them on six Markovian
// models: a two-state part, a non-repairable and a repairable 2-of-3 voting system, a warm
// spare behind a failover group, a cluster sharing one repair crew and a journey over two
// services with detection, engagement, mitigation and repair.
#include <cmath>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"

namespace reliasim::test {
namespace {

constexpr double year = 365 * day;
constexpr double kConfidence = 0.999;

// Failures at 1/d, each healing by itself after an exponential 6 h.
const std::string kTwoState =
    "scenario: two-state\nhorizon: 2d\nservices:\n  api:\n    failure_modes:\n"
    "      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: {exponential: {mean: 6h}}}}\n"
    "journeys: {checkout: [api]}\n";

// Three replicas, two needed, each failing at 1/y for good.
std::string never_repaired_voting(const std::string& horizon) {
  return "scenario: voting\nhorizon: " + horizon +
         "\nservices:\n  db:\n    replicas: {count: 3, min_healthy: 2}\n    failure_modes:\n"
         "      - {name: disk, scope: replica, occurs: {rate: 1/y}, repair: none}\n"
         "journeys: {reads: [db]}\n";
}

analytic::TransientEstimate solved(const CompiledModel& model) {
  const analytic::TransientEstimate t = analytic::transient_estimate(model);
  INFO(t.not_solved);
  REQUIRE(t.solved());
  return t;
}

// ---- closed forms ---------------------------------------------------------------------------

TEST_CASE("transient: a two-state part, A(t), R(t), MTTF, outages and B lives in closed form",
          "[transient]") {
  const CompiledModel model = compile_ok(kTwoState);
  const analytic::TransientScope s = solved(model).scopes.front();
  const double l = 1 / day, mu = 1 / (6 * hour), sum = l + mu, horizon = 2 * day;
  REQUIRE(s.availability.size() == horizon_points);
  for (std::size_t k = 0; k < horizon_points; ++k) {
    const double t = horizon_time(horizon, k);
    CHECK(s.availability[k] == Approx(mu / sum + l / sum * std::exp(-sum * t)).epsilon(1e-9));
    CHECK(s.reliability[k] == Approx(std::exp(-l * t)).epsilon(1e-9));
  }
  CHECK(s.mttf == Approx(day).epsilon(1e-9));
  CHECK(s.outages_in_horizon ==
        Approx(l * (mu / sum * horizon + l / (sum * sum) * (1 - std::exp(-sum * horizon))))
            .epsilon(1e-9));
  // Interpolated on a grid of a thousandth of the horizon: well within 1e-4 relative.
  CHECK(s.b_lives[0] == Approx(-std::log(0.99) * day).epsilon(1e-4));
  CHECK(s.b_lives[1] == Approx(-std::log(0.90) * day).epsilon(1e-4));
}

TEST_CASE("transient: a non-repairable 2-of-3 system, R(t) and MTTF = 5 / (6 lambda)",
          "[transient]") {
  const CompiledModel model = compile_ok(never_repaired_voting("3y"));
  const analytic::TransientScope s = solved(model).scopes.front();
  for (std::size_t k = 0; k < horizon_points; ++k) {
    const double x = horizon_time(3 * year, k) / year;
    CHECK(s.reliability[k] == Approx(3 * std::exp(-2 * x) - 2 * std::exp(-3 * x)).epsilon(1e-9));
    CHECK(s.availability[k] == Approx(s.reliability[k]).epsilon(1e-9));  // it never comes back
  }
  CHECK(s.mttf == Approx(5.0 / 6.0 * year).epsilon(1e-9));
  // Once down it stays down: at most one outage, with probability 1 - R(T).
  CHECK(s.outages_in_horizon == Approx(1 - s.reliability.back()).epsilon(1e-9));
}

TEST_CASE("transient: a parallel pair with two repairers, MTTF = (3 l + mu) / (2 l^2)",
          "[transient]") {
  // Both replicas of a 1-of-2 service fail at l and are repaired independently at mu: the
  // mean time until both are down at once is (3 l + mu) / (2 l^2) (e.g. Trivedi, Probability
  // and Statistics with Reliability, Queuing and Computer Science Applications, 2002, 8.4).
  const CompiledModel model = compile_ok(
      "scenario: pair\nhorizon: 30d\nservices:\n  db:\n    replicas: 2\n    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {rate: 1/d}, repair: {self_heal: "
      "{exponential: {mean: 4h}}}}\njourneys: {reads: [db]}\n");
  const analytic::TransientScope s = solved(model).scopes.front();
  const double l = 1 / day, mu = 1 / (4 * hour);
  CHECK(s.mttf == Approx((3 * l + mu) / (2 * l * l)).epsilon(1e-9));
}

TEST_CASE("transient: a part that never fails is always up and has no MTTF", "[transient]") {
  const CompiledModel model = compile_ok(
      "scenario: never\nhorizon: 1y\nservices:\n  db:\n    replicas: 2\n    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {rate: 1/y}, repair: none}\n"
      "journeys: {reads: [db]}\n");
  // Both replicas fail for good eventually, so reads does go down: MTTF = 1.5 y. With a
  // mitigation ending the impact of each failure, it would never go down for good.
  CHECK(solved(model).scopes.front().mttf == Approx(1.5 * year).epsilon(1e-9));
  const CompiledModel mitigated = compile_ok(
      "scenario: mitigated\nhorizon: 1y\nservices:\n  db:\n    failure_modes:\n"
      "      - {name: crash, occurs: {rate: 1/y}, mitigate: {restart: {exponential: {mean: "
      "1h}}}, repair: none}\njourneys: {reads: [db]}\n");
  const analytic::TransientScope s = solved(mitigated).scopes.front();
  CHECK(s.mttf == Approx(year).epsilon(1e-9));  // the first outage still comes, at 1/y
  // A(t) = 1 - P(the one failure came within the last restart): P(up at t) < 1 only a little.
  CHECK(s.availability.back() > 0.9998);
}

TEST_CASE("transient: no answer, with the reason, for a model that is not Markovian",
          "[transient]") {
  const CompiledModel model = compile_ok(
      "scenario: lognormal\nhorizon: 30d\nservices:\n  api:\n    failure_modes:\n"
      "      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: {lognormal: {median: 5m, "
      "p95: 30m}}}}\njourneys: {checkout: [api]}\n");
  const analytic::TransientEstimate t = analytic::transient_estimate(model);
  CHECK_FALSE(t.solved());
  CHECK_THAT(t.not_solved, Catch::Contains("lognormal"));
  // Nor when the work would take minutes.
  const analytic::TransientEstimate slow = analytic::transient_estimate(
      compile_ok("scenario: x\nhorizon: 1y\nservices:\n  api:\n    failure_modes:\n"
                 "      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: {exponential: "
                 "{mean: 1s}}}}\njourneys: {checkout: [api]}\n"),
      100, 1e6);
  CHECK_THAT(slow.not_solved, Catch::Contains("too long"));
}

// ---- the simulator against the exact values --------------------------------------------------

// When every trial gave the same value (each had its one outage) the interval is a point:
// then the exact value may differ from it by what n trials cannot see, below 6.9 / n at
// 99.9 % (the rule of three's bound, -ln(0.001) / n).
void check_holds(const Interval& estimate, double exact, const char* what, std::uint64_t n) {
  INFO(what << ": simulated " << estimate.estimate << " [" << estimate.lower << ", "
            << estimate.upper << "], exact " << exact);
  if (estimate.lower == estimate.upper) {
    CHECK(std::abs(exact - estimate.estimate) <= 6.9 / static_cast<double>(n));
    return;
  }
  CHECK(estimate.lower <= exact);
  CHECK(exact <= estimate.upper);
}

// Every measure of the first scope inside the simulation's 99.9 % interval.
void simulation_agrees(const std::string& text, std::uint64_t n) {
  const auto check_holds = [n](const Interval& estimate, double exact, const char* what) {
    test::check_holds(estimate, exact, what, n);
  };
  const std::uint64_t trials = n;
  const ModelRun run = model_run(text, trials);
  const analytic::TransientScope exact = solved(run.model).scopes.front();
  const ScopeSummary sim = summarize(run.results, run.model, kConfidence).scopes.front();
  for (std::size_t k = 0; k < horizon_points; ++k) {
    check_holds(sim.reliability[k].probability, exact.reliability[k], "R(t)");
    check_holds(sim.point_availability[k].probability, exact.availability[k], "A(t)");
  }
  check_holds(sim.outage_in_horizon_probability, 1 - exact.reliability.back(), "P(outage)");
  check_holds(sim.outages_in_horizon, exact.outages_in_horizon, "outages in horizon");
  if (std::isfinite(sim.mttf.estimate)) check_holds(sim.mttf, exact.mttf, "MTTF");
  if (std::isfinite(exact.b_lives[1])) check_holds(sim.b_lives[1], exact.b_lives[1], "B10");
}

TEST_CASE("simulated against transient: a two-state part", "[transient][simulated]") {
  simulation_agrees(kTwoState, 4000);
}

TEST_CASE("simulated against transient: a non-repairable 2-of-3 voting system",
          "[transient][simulated]") {
  simulation_agrees(never_repaired_voting("8y"), 3000);
}

TEST_CASE("simulated against transient: a repairable 2-of-3 system with one repairer",
          "[transient][simulated]") {
  simulation_agrees(
      "scenario: voting with a crew\nhorizon: 60d\ncrews: {ops: {size: 1}}\n"
      "defaults: {crew: ops}\nservices:\n  db:\n    replicas: {count: 3, min_healthy: 2}\n"
      "    failure_modes:\n      - {name: disk, scope: replica, occurs: {mtbf: 5d}, "
      "repair: {manual: {exponential: {mean: 1d}}}}\njourneys: {reads: [db]}\n",
      3000);
}

TEST_CASE("simulated against transient: a warm spare behind a failover group",
          "[transient][simulated]") {
  simulation_agrees(
      "scenario: warm spare\nhorizon: 90d\ncrews: {dba: {size: 1}}\ndefaults: {crew: dba}\n"
      "services:\n  db:\n    any_of: [primary, spare]\n"
      "    failover: {delay: {exponential: {mean: 5m}}, success: 0.9, manual: {exponential: "
      "{mean: 30m}}}\n    standby: {mode: warm, dormant_failure_factor: 0.5}\n"
      "  primary:\n    failure_modes:\n      - {name: crash, occurs: {mtbf: 10d}, repair: "
      "{manual: {exponential: {mean: 8h}}}}\n  spare:\n    like: primary\n"
      "journeys: {orders: [db]}\n",
      3000);
}

TEST_CASE("simulated against transient: a cluster sharing one repair crew",
          "[transient][simulated]") {
  simulation_agrees(
      "scenario: cluster\nhorizon: 30d\ncrews: {ops: {size: 1}}\ndefaults: {crew: ops}\n"
      "services:\n  nodes:\n    replicas: {count: 4, min_healthy: 3}\n    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {mtbf: 4d}, detect: {alert: "
      "{probability: 1, delay: {exponential: {mean: 5m}}}}, engage: {exponential: {mean: "
      "10m}}, repair: {manual: {exponential: {mean: 12h}}}}\njourneys: {jobs: [nodes]}\n",
      3000);
}

TEST_CASE("simulated against transient: a journey over two services with the whole lifecycle",
          "[transient][simulated]") {
  simulation_agrees(
      "scenario: two services\nhorizon: 20d\ncrews: {oncall: {size: 1}}\n"
      "defaults: {crew: oncall}\nservices:\n  api:\n    replicas: 2\n    depends_on: [db]\n"
      "    failure_modes:\n      - {name: crash, scope: replica, occurs: {rate: 1/d}, repair: "
      "{self_heal: {exponential: {mean: 10m}}}}\n  db:\n    failure_modes:\n"
      "      - {name: disk, occurs: {mtbf: 4d}, detect: {alert: {probability: 0.9, delay: "
      "{exponential: {mean: 3m}}}, fallback: {customer_report: {exponential: {mean: 30m}}}}, "
      "engage: {exponential: {mean: 15m}}, mitigate: {restart: {exponential: {mean: 20m}}}, "
      "repair: {manual: {exponential: {mean: 4h}}}}\njourneys: {checkout: [api]}\n",
      3000);
}

}  // namespace
}  // namespace reliasim::test
