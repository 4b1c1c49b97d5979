// Importance sampling by failure biasing (docs/rare-events.md) against exact answers: the
// transient solution of Markovian models whose probability of an outage within the horizon
// lies between 1e-4 and 1e-9 (k-of-n with repair crews, a cluster with one shared repair
// unit). The estimate must hold the exact value inside its 99.9 % interval, its intervals
// must cover at their nominal rate over 100 seeds, and the weights must not depend on the
// thread count or on how the trials are split.
#include <cmath>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/simulate/rare_event.hpp"

namespace reliasim::test {
namespace {

constexpr double kConfidence = 0.999;

// k of n replicas needed, each failing after `mtbf` and repaired in `repair` by a crew of `crew`.
std::string k_of_n(int n, int k, const std::string& mtbf, const std::string& repair, int crew,
                   const std::string& horizon,
                   const std::string& repair_law = "exponential: {mean") {
  return "scenario: k-of-n\nhorizon: " + horizon + "\ncrews: {ops: {size: " + std::to_string(crew) +
         "}}\ndefaults: {crew: ops}\nservices:\n  db:\n    replicas: {count: " + std::to_string(n) +
         ", min_healthy: " + std::to_string(k) +
         "}\n    failure_modes:\n      - {name: disk, scope: replica, occurs: {mtbf: " + mtbf +
         "}, repair: {manual: {" + repair_law + ": " + repair + "}}}}\njourneys: {reads: [db]}\n";
}

// Four nodes, two needed, one repair unit for all of them; detection and engagement first.
const std::string kCluster =
    "scenario: cluster\nhorizon: 30d\ncrews: {ops: {size: 1}}\ndefaults: {crew: ops}\n"
    "services:\n  nodes:\n    replicas: {count: 4, min_healthy: 2}\n    failure_modes:\n"
    "      - {name: crash, scope: replica, occurs: {mtbf: 200d}, detect: {alert: {probability: "
    "1, delay: {exponential: {mean: 5m}}}}, engage: {exponential: {mean: 10m}}, repair: "
    "{manual: {exponential: {mean: 12h}}}}\njourneys: {jobs: [nodes]}\n";

// A primary and a warm spare behind an automatic failover; each crash is alerted on and
// repaired by the one DBA: an outage needs both down at once.
const std::string kFailoverPair =
    "scenario: failover pair\nhorizon: 1y\ncrews: {dba: {size: 1}}\ndefaults: {crew: dba}\n"
    "services:\n  db:\n    any_of: [primary, spare]\n    failover: {success: 1}\n"
    "    standby: {mode: warm, dormant_failure_factor: 0.5}\n  primary:\n    failure_modes:\n"
    "      - {name: crash, occurs: {mtbf: 2y}, detect: {alert: {probability: 1, delay: "
    "{exponential: {mean: 5m}}}}, repair: {manual: {exponential: {mean: 4h}}}}\n"
    "  spare:\n    like: primary\njourneys: {orders: [db]}\n";

double exact_outage(const CompiledModel& model) {
  const analytic::TransientEstimate t = analytic::transient_estimate(model);
  INFO(t.not_solved);
  REQUIRE(t.solved());
  return 1 - t.scopes.front().reliability.back();
}

RunConfig config_of(std::uint64_t trials, std::uint64_t seed) {
  RunConfig config;
  config.seed = seed;
  config.trials = trials;
  return config;
}

RareEventPlan plan(const CompiledModel& model, std::uint64_t seed = 7) {
  RareEventRequest request;
  request.mode = RareEventMode::importance;
  return plan_rare_event(model, request, config_of(2, seed));
}

RareEventSummary estimate(const CompiledModel& model, const Biasing& biasing, std::uint64_t trials,
                          std::uint64_t seed, double confidence) {
  RunConfig config = config_of(trials, seed);
  config.biasing = biasing;
  const Summary s = summarize(simulate(model, config), model, confidence);
  REQUIRE(s.rare_event);
  return *s.rare_event;
}

void holds_exact(const std::string& text, std::uint64_t trials) {
  const CompiledModel model = compile_ok(text);
  const double exact = exact_outage(model);
  const RareEventPlan chosen = plan(model);
  const RareEventSummary e = estimate(model, chosen.biasing, trials, 7, kConfidence);
  INFO("exact " << exact << ", estimate " << e.outage_probability.estimate << " ["
                << e.outage_probability.lower << ", " << e.outage_probability.upper
                << "], relative error " << e.relative_error << "; " << chosen.chosen_by);
  CHECK(e.outage_probability.lower <= exact);
  CHECK(exact <= e.outage_probability.upper);
  CHECK(e.warnings.empty());
  // Far fewer trials than plain Monte Carlo would need for the same precision.
  CHECK(e.plain_trials_needed > 10.0 * static_cast<double>(trials));
}

TEST_CASE("rare events: a 2-of-3 system with one repairer, P(outage in 30 d) about 2e-4",
          "[rare]") {
  holds_exact(k_of_n(3, 2, "1y", "4h", 1, "30d"), 20000);
}

TEST_CASE("rare events: a 1-of-3 system with one repairer, P(outage in a year) about 1e-6",
          "[rare]") {
  holds_exact(k_of_n(3, 1, "1y", "4h", 1, "1y"), 20000);
}

TEST_CASE("rare events: a cluster sharing one repair unit, P(outage in 30 d) about 2e-5",
          "[rare]") {
  holds_exact(kCluster, 20000);
}

TEST_CASE("rare events: a failover pair with a warm spare, P(outage in a year) about 2e-4",
          "[rare]") {
  holds_exact(kFailoverPair, 20000);
}

TEST_CASE("rare events: a 1-of-4 system with two repairers, P(outage in 30 d) about 4e-10",
          "[rare]") {
  holds_exact(k_of_n(4, 1, "1y", "8h", 2, "30d"), 100000);
}

TEST_CASE("rare events: a 1-of-3 system, P(outage in 30 d) about 1e-9", "[rare]") {
  holds_exact(k_of_n(3, 1, "3y", "2h", 1, "30d"), 20000);
}

TEST_CASE("rare events: over-biasing is flagged by the weights' Pareto tail", "[rare]") {
  // Failures 5000 times likelier while at risk: far above the repair rate, so surviving a
  // repair weighs exp((b - 1) dH) and the weights' variance is infinite; the estimate falls
  // short of the exact value with a deceptively small relative error.
  const CompiledModel model = compile_ok(k_of_n(4, 1, "1y", "8h", 2, "30d"));
  const double exact = exact_outage(model);
  Biasing over;
  over.biases = {8, 5000, 5000, 5000};
  const RareEventSummary e = estimate(model, over, 50000, 1, 0.95);  // docs/rare-events.md
  INFO("exact " << exact << ", estimate " << e.outage_probability.estimate << ", relative error "
                << e.relative_error << ", largest share " << e.largest_weight_share << ", Pareto k "
                << e.pareto_k);
  CHECK(e.outage_probability.upper < exact);
  CHECK(e.relative_error < 0.3);
  CHECK(e.largest_weight_share < 0.1);
  CHECK(e.pareto_k > 0.7);
  REQUIRE(e.warnings.size() == 1);
  CHECK_THAT(e.warnings.front(), Catch::Contains("Pareto k"));
  // The chosen biases keep it finite.
  CHECK(estimate(model, plan(model).biasing, 50000, 7, 0.95).pareto_k < 0.7);
}

TEST_CASE("rare events: 95 % intervals cover the exact value at their rate over 100 seeds",
          "[rare]") {
  const CompiledModel model = compile_ok(k_of_n(3, 1, "1y", "4h", 1, "1y"));
  const double exact = exact_outage(model);
  const Biasing biasing = plan(model).biasing;
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const Interval p = estimate(model, biasing, 2000, seed, 0.95).outage_probability;
    covered += p.lower <= exact && exact <= p.upper;
  }
  // Binomial(100, 0.95): fewer than 86 happens with probability 0.0015.
  CHECK(covered >= 86);
}

TEST_CASE("rare events: the weights are the same bits for any thread count and trial split",
          "[rare]") {
  const CompiledModel model = compile_ok(kCluster);
  RunConfig config = config_of(600, 3);
  config.biasing = plan(model, 3).biasing;
  config.threads = 1;
  const RunResults one = simulate(model, config);
  config.threads = 2;
  const RunResults two = simulate(model, config);
  config.trials = 250;
  RunResults joined = simulate(model, config);
  config.first_trial = 250, config.trials = 350;
  joined.append(simulate(model, config));
  CHECK(one.weights == two.weights);
  CHECK(one.weights == joined.weights);
  CHECK(one.scope_outages == joined.scope_outages);
  // A plan is deterministic too: the pilots' seed derives from the run's.
  CHECK(plan(model, 3).biasing == config.biasing);
  // Results of different biases do not join.
  RunConfig other = config;
  other.biasing.biases[0] *= 2;
  CHECK_THROWS_AS(joined.append(simulate(model, other)), std::invalid_argument);
}

// Importance sampling against a plain run of 400,000 trials of the same model: two
// independent estimates, their difference within 99.9 % of its own spread (3.29 sd).
void agrees_with_plain(const std::string& text) {
  const CompiledModel model = compile_ok(text);
  const RareEventSummary is = estimate(model, plan(model).biasing, 20000, 7, kConfidence);
  const Summary plain = summarize(testing::run_trials(model, 400000, 11), model, kConfidence);
  const Interval p = plain.scopes.front().outage_in_horizon_probability;
  INFO("importance sampling " << is.outage_probability.estimate << " +- "
                              << is.relative_error * is.outage_probability.estimate << ", plain "
                              << p.estimate << " [" << p.lower << ", " << p.upper << "]");
  CHECK(is.warnings.empty());
  const double plain_sd = (p.upper - p.lower) / (2 * 3.29);
  const double is_sd = is.relative_error * is.outage_probability.estimate;
  CHECK(std::abs(is.outage_probability.estimate - p.estimate) <=
        3.29 * std::hypot(plain_sd, is_sd));
}

TEST_CASE("rare events: lognormal repairs against a long plain run", "[rare]") {
  agrees_with_plain(k_of_n(3, 2, "1y", "12h", 1, "30d", "lognormal: {median: 3h, p95"));
}

TEST_CASE("rare events: wear-out lives, lognormal detection and repairs against a plain run",
          "[rare]") {
  // Weibull lives (shape 1.5) are biased on their hazard; detection and repair are not biased.
  agrees_with_plain(
      "scenario: wear-out\nhorizon: 30d\ncrews: {ops: {size: 1}}\ndefaults: {crew: ops}\n"
      "services:\n  db:\n    replicas: {count: 3, min_healthy: 2}\n    failure_modes:\n"
      "      - {name: disk, scope: replica, occurs: {weibull: {shape: 1.5, scale: 200d}}, "
      "detect: {alert: {probability: 1, delay: {lognormal: {median: 5m, p95: 30m}}}}, repair: "
      "{manual: {lognormal: {median: 3h, p95: 12h}}}}\njourneys: {reads: [db]}\n");
}

// The 1-of-3 system with an SLA that any bad minute breaches (99.999 % of a month is 26 s):
// P(a breach within the year) is P(an outage within the year).
const std::string kStrictSla =
    "slas:\n  - {name: strict, journey: reads, target: 99.999%, window: calendar-month, measure: "
    "{bad_minutes: {granularity: 1m}}}\n";

TEST_CASE("rare events: SLA breaches and the unavailability of the biased scope", "[rare]") {
  const CompiledModel model = compile_ok(k_of_n(3, 1, "1y", "4h", 1, "1y") + kStrictSla);
  const double exact = exact_outage(model);
  RunConfig config = config_of(20000, 7);
  config.biasing = plan(model).biasing;
  const Summary s = summarize(simulate(model, config), model, kConfidence);
  const SlaSummary& sla = s.slas.front();
  INFO("exact " << exact << ", breach in the year " << sla.breach_in_horizon_probability.estimate
                << ", per window " << sla.breach_probability.estimate);
  CHECK(sla.breach_in_horizon_probability.lower <= exact);
  CHECK(exact <= sla.breach_in_horizon_probability.upper);
  // Twelve windows: the expected breached windows are P(outage) times 1 and a little (an
  // outage across a month's end, a second one: together under 1 % of the first).
  CHECK(12 * sla.breach_probability.lower <= 1.01 * exact);
  CHECK(exact <= 12 * sla.breach_probability.upper);
  // The long-run unavailability (exact Markov chain) differs from the year's, which starts
  // with everything up, by the start-up transient: hours in a year, far inside the interval.
  const double unavailable = 1 - analytic::estimate(model).scopes.front().availability;
  const Interval a = s.scopes.front().availability;
  INFO("unavailability exact " << unavailable << ", estimate " << 1 - a.estimate);
  CHECK(1 - a.upper <= unavailable);
  CHECK(unavailable <= 1 - a.lower);
}

// Annual credit per trial of the only SLA, and the CVaR's standard error at `level` from its
// per-trial terms: CVaR = VaR + mean(w (A - VaR)+) / (1 - level).
double cvar_standard_error(const RunResults& r, double var, double level) {
  MeanAccumulator excess;
  const std::size_t windows = r.sla_windows(0);
  for (std::size_t t = 0; t < r.trials; ++t) {
    double annual = 0.0;
    for (std::size_t w = 0; w < windows; ++w) annual += r.sla_credit[t * windows + w];
    excess.add(r.weights[t] * std::max(0.0, annual - var));
  }
  return excess.summary(0.95).std_error / (1 - level);
}

TEST_CASE("rare events: the 99.9 % credit tail against a long plain run", "[rare]") {
  const CompiledModel model = compile_ok(
      k_of_n(3, 2, "1y", "4h", 1, "1y") +
      "slas:\n  - {name: gold, journey: reads, target: 99.9%, window: calendar-month, measure: "
      "{bad_minutes: {granularity: 1m}}, fee: {monthly: 10000, currency: EUR}, credits: "
      "[{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}]}\n");
  RunConfig config = config_of(20000, 7);
  config.biasing = plan(model).biasing;
  const RunResults biased = simulate(model, config);
  const RunResults plain = testing::run_trials(model, 400000, 11);
  const SlaSummary is = summarize(biased, model).slas.front();
  const SlaSummary mc = summarize(plain, model).slas.front();
  INFO("VaR 99.9 %: " << is.var999.var << " against " << mc.var999.var << "; CVaR "
                      << is.var999.cvar << " against " << mc.var999.cvar);
  // About 3e-3 of the years pay a credit: the 99.9 % VaR is a one-window 10 % credit.
  CHECK(mc.var999.var == 1000.0);
  CHECK(is.var999.var == mc.var999.var);
  const double sd = std::hypot(cvar_standard_error(biased, is.var999.var, 0.999),
                               cvar_standard_error(plain, mc.var999.var, 0.999));
  CHECK(std::abs(is.var999.cvar - mc.var999.cvar) <= 3.29 * sd);
  // And far more precisely than the plain run of twenty times the trials.
  CHECK(cvar_standard_error(biased, is.var999.var, 0.999) <
        cvar_standard_error(plain, mc.var999.var, 0.999));
}

}  // namespace
}  // namespace reliasim::test
