// The reliability measures of a scope against closed forms: non-repairable parts (`repair:
// none`), MTTF and B lives, point availability A(t) and the outages, failures and repairs
// expected within the horizon. Every check asks the estimate's own interval to hold the exact
// value.
#include <cmath>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/summary.hpp"

namespace reliasim::test {
namespace {

constexpr double year = 365 * day;
// Each test checks a dozen figures: 99.9 % intervals keep the chance that any one misses its
// exact value by luck small.
constexpr double kConfidence = 0.999;

// When every trial gives the same count (each part failed once) the interval is one point;
// the exact value may then differ from it by e^-25 or so, far below 1e-9.
void check_holds(const Interval& estimate, double exact) {
  INFO("estimate " << estimate.estimate << " [" << estimate.lower << ", " << estimate.upper
                   << "], exact " << exact);
  CHECK(estimate.lower * (1 - 1e-9) <= exact);
  CHECK(exact <= estimate.upper * (1 + 1e-9));
}

// One service of `count` replicas, at least `needed` of them up; each replica fails at 1/y
// and is never restored.
std::string voting(int needed, const std::string& horizon, int count = 3) {
  return "scenario: voting\nhorizon: " + horizon +
         "\nservices:\n  db:\n    replicas: {count: " + std::to_string(count) +
         ", min_healthy: " + std::to_string(needed) +
         "}\n    failure_modes:\n"
         "      - {name: disk, scope: replica, occurs: {rate: 1/y}, repair: none}\n"
         "journeys: {reads: [db]}\n";
}

TEST_CASE("a part that is never repaired fails once: R, A, MTTF and B lives are exponential",
          "[reliability][non-repairable]") {
  // One replica (1-of-1) over 25 years: every trial fails (P(none) = e^-25), so the MTTF is
  // defined and equals 1/lambda; A(t) = R(t) = exp(-t / 1 y).
  const ModelRun run = model_run(voting(1, "25y", 1), 3000);
  const Summary s = summarize(run.results, run.model, kConfidence);
  const ScopeSummary& reads = s.scopes.front();
  check_holds(reads.mttf, year);
  CHECK(reads.restricted_mttf.estimate == reads.mttf.estimate);
  check_holds(reads.b_lives[0], -std::log(0.99) * year);
  check_holds(reads.b_lives[1], -std::log(0.90) * year);
  for (std::size_t k = 0; k < reliability_points; ++k) {
    const double t = reads.reliability[k].time;
    check_holds(reads.reliability[k].probability, std::exp(-t / year));
    check_holds(reads.point_availability[k].probability, std::exp(-t / year));
  }
  const FailureModeSummary& disk = s.failure_modes.front();
  check_holds(disk.failures_in_horizon, 1 - std::exp(-25.0));
  CHECK(disk.repairs_in_horizon.estimate == 0.0);
  check_holds(reads.outages_in_horizon, 1 - std::exp(-25.0));
}

TEST_CASE("a non-repairable 2-of-3 system: R(t) = 3e^-2lt - 2e^-3lt and MTTF = 5 / (6 lambda)",
          "[reliability][non-repairable]") {
  const ModelRun run = model_run(voting(2, "30y"), 3000);
  const Summary s = summarize(run.results, run.model, kConfidence);
  const ScopeSummary& reads = s.scopes.front();
  check_holds(reads.mttf, 5.0 / 6.0 * year);
  for (std::size_t k = 0; k < reliability_points; ++k) {
    const double x = reads.reliability[k].time / year;
    check_holds(reads.reliability[k].probability, 3 * std::exp(-2 * x) - 2 * std::exp(-3 * x));
  }
  // Three disks at most, each failing once: 3 (1 - e^-30) failures, none repaired.
  check_holds(s.failure_modes.front().failures_in_horizon, 3 * (1 - std::exp(-30.0)));
  CHECK(s.failure_modes.front().repairs_in_horizon.estimate == 0.0);
}

TEST_CASE("a horizon that censors the first outage leaves the MTTF undefined, B lives beyond it",
          "[reliability][non-repairable]") {
  // 2-of-3 over one year: R(1 y) = 3e^-2 - 2e^-3 = 0.31 of trials have no outage.
  const ModelRun run = model_run(voting(2, "1y"), 2000);
  const Summary s = summarize(run.results, run.model, kConfidence);
  const ScopeSummary& reads = s.scopes.front();
  CHECK(std::isnan(reads.mttf.estimate));
  // E[min(T, h)] = integral of R over [0, h] (in years): 3 (1 - e^-2) / 2 - 2 (1 - e^-3) / 3.
  check_holds(reads.restricted_mttf,
              (1.5 * (1 - std::exp(-2.0)) - 2.0 / 3.0 * (1 - std::exp(-3.0))) * year);
  // B10 within a year (R = 0.9 at t where 3e^-2x - 2e^-3x = 0.9); B lives at 1 % likewise.
  const auto b_life = [](double fraction) {  // bisection on the closed form
    double lo = 0, hi = 1;
    for (int i = 0; i < 60; ++i) {
      const double mid = (lo + hi) / 2;
      (3 * std::exp(-2 * mid) - 2 * std::exp(-3 * mid) > 1 - fraction ? lo : hi) = mid;
    }
    return lo * year;
  };
  check_holds(reads.b_lives[0], b_life(0.01));
  check_holds(reads.b_lives[1], b_life(0.10));
}

TEST_CASE("a B life beyond the horizon is infinite, not a made-up time",
          "[reliability][non-repairable]") {
  // 2-of-3 over a week: R(1 w) ~ 0.9996, so 1 % of systems fail only long after it.
  const ModelRun run = model_run(voting(2, "7d"), 500);
  const Summary s = summarize(run.results, run.model, kConfidence);
  CHECK(std::isinf(s.scopes.front().b_lives[0].estimate));
  CHECK(std::isinf(s.scopes.front().b_lives[1].upper));
}

TEST_CASE("point availability A(t) of a repairable part follows the two-state transient",
          "[reliability][availability]") {
  // Failures at 1/d, self-healing after an exponential 6 h: A(t) = mu/(l+mu) +
  // l/(l+mu) e^-(l+mu)t; outages expected in [0, T] = integral of l A(t) dt.
  const std::string text =
      "scenario: two-state\nhorizon: 2d\nservices:\n  api:\n    failure_modes:\n"
      "      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: {exponential: {mean: 6h}}}}\n"
      "journeys: {checkout: [api]}\n";
  const ModelRun run = model_run(text, 6000);
  const Summary s = summarize(run.results, run.model, kConfidence);
  const ScopeSummary& checkout = s.scopes.front();
  const double l = 1 / day, mu = 1 / (6 * hour), sum = l + mu, horizon = 2 * day;
  for (std::size_t k = 0; k < reliability_points; ++k) {
    const double t = checkout.point_availability[k].time;
    check_holds(checkout.point_availability[k].probability,
                mu / sum + l / sum * std::exp(-sum * t));
  }
  const double expected =
      l * (mu / sum * horizon + l / (sum * sum) * (1 - std::exp(-sum * horizon)));
  check_holds(checkout.outages_in_horizon, expected);
  // Repairs completed by T: the failures less the one still healing at T, if any (1 - A(T)).
  const FailureModeSummary& crash = s.failure_modes.front();
  check_holds(crash.failures_in_horizon, expected);
  check_holds(crash.repairs_in_horizon, expected - l / sum * (1 - std::exp(-sum * horizon)));
}

TEST_CASE("repair: none takes no crew member for ever and accepts no other words",
          "[reliability][non-repairable]") {
  // The crew of one is paged for the first incident; a second source on the same crew still
  // gets engaged (nobody is held by a repair that never comes).
  const std::string text =
      "scenario: crew\nhorizon: 30d\ncrews: {ops: {size: 1}}\ndefaults: {crew: ops}\n"
      "services:\n  api:\n    failure_modes:\n"
      "      - {name: dead, occurs: {rate: 1/d}, engage: 5m, repair: none}\n"
      "      - {name: slow, occurs: {rate: 1/d}, engage: 5m, repair: {manual: 1h}}\n"
      "journeys: {checkout: [api]}\n";
  const ModelRun run = model_run(text, 200);
  const Summary s = summarize(run.results, run.model, kConfidence);
  for (const FailureModeSummary& mode : s.failure_modes)
    if (mode.info.name == "slow") CHECK(mode.repairs_in_horizon.estimate > 20);
  const auto errors = errors_of(
      "scenario: x\nhorizon: 1d\nservices:\n  api:\n    failure_modes:\n"
      "      - {name: a, occurs: {rate: 1/d}, repair: never}\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().line == 6);
  CHECK_THAT(errors.front().message, Catch::Contains("none, {self_heal: DIST} or {manual"));
  CHECK_THAT(errors.front().message, Catch::Contains("never"));
}

}  // namespace
}  // namespace reliasim::test
