// Stress tests (docs/stress.md): scripted incidents on top of the random history, checked
// against what they must add, worked out by hand: a fixed 6-hour outage in a 28-day February
// and the credit tier it reaches; a random start in a month and the share that spills into the
// next; exclusions; the targets a test picks; common random numbers; and every input error.
#include <catch2/catch.hpp>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/stress.hpp"
#include "reliasim/render/stress.hpp"
#include "reliasim/scenario/stress.hpp"

namespace reliasim::test {
namespace {

// Failures occur once in a billion years: in these runs only injected incidents impair anything.
// Its SLA pays 10 % of 1000 EUR below 99.9 % in a calendar month, 25 % below 99 %.
std::string quiet_scenario(const std::string& stress) {
  return R"(scenario: stress
horizon: 1y
start: 2027-01
zones: [a, b, c]
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}
  pay:
    external: true
    failure_modes:
      - {name: outage, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}
  wa: {replicas: {count: 1, zones: [a]}}
  wb: {replicas: {count: 1, zones: [b]}}
  web:
    replicas: {count: 2, zones: [a, b], min_healthy: 2}
    failure_modes:
      - {name: oom, scope: replica, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}
common_causes:
  - {name: zone-outage, hits: {zone: any}, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}
journeys:
  shop: [api]
  paying: [pay]
  in-a: [wa]
  in-b: [wb]
slas:
  - name: gold
    journey: shop
    target: 99.9%
    window: calendar-month
    measure: {bad_minutes: {granularity: 1m}}
    credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}]
    fee: {monthly: 1000, currency: EUR}
  - name: payments
    journey: paying
    target: 99.9%
    window: calendar-month
    measure: {bad_minutes: {granularity: 1m}}
    credits: [{below: 99.9%, credit: 10%}]
    fee: {monthly: 1000, currency: EUR}
    exclusions: [third_party]
stress:
)" + stress;
}

RunConfig config_of(std::uint64_t trials, int threads = 2) {
  RunConfig config;
  config.trials = trials;
  config.seed = 11;
  config.threads = threads;
  return config;
}

const ScopeComparison& scope_named(const Comparison& c, const std::string& name) {
  for (const auto& s : c.scopes)
    if (s.name == name) return s;
  FAIL("no scope " << name);
  return c.scopes.front();
}

const SlaComparison& sla_named(const Comparison& c, const std::string& name) {
  for (const auto& s : c.slas)
    if (s.name == name) return s;
  FAIL("no SLA " << name);
  return c.slas.front();
}

constexpr double february = 28 * day;

}  // namespace

TEST_CASE("a fixed injected outage adds its downtime and the credit tier its window reaches",
          "[stress]") {
  const CompiledModel model = compile_ok(quiet_scenario(R"(
  six-hours:
    inject: [{failure: api/crash, at: "2027-02-10T08:00Z", duration: 6h}]
  nine-hours:
    inject: [{failure: api/crash, at: "2027-02-10T08:00:00+01:00", duration: 9h}]
)"));
  const StressReport report = stress(model, model.stress_tests, config_of(20));
  REQUIRE(report.results.size() == 2);
  // February 2027 has 28 days: 6 h is 0.893 % of it (uptime 99.107 %: below 99.9 %, above 99 %),
  // 9 h is 1.34 % (below 99 %). Every trial is the same: the intervals have no width.
  const double uptime_6h = 1.0 - 6 * hour / february;
  const double uptime_9h = 1.0 - 9 * hour / february;
  REQUIRE(uptime_6h < 0.999);
  REQUIRE(uptime_6h > 0.99);
  REQUIRE(uptime_9h < 0.99);
  for (const auto& [result, hours, credit] :
       {std::tuple{&report.results[0], 6.0, 100.0}, std::tuple{&report.results[1], 9.0, 250.0}}) {
    const Comparison& c = result->comparison;
    const ScopeComparison& shop = scope_named(c, "shop");
    CHECK(shop.downtime_per_year.a.estimate == 0.0);
    CHECK(shop.downtime_per_year.difference.estimate == Approx(hours * hour).epsilon(1e-12));
    CHECK(shop.outages_per_year.difference.estimate == Approx(1.0));
    CHECK(shop.longest_outage.b.estimate == Approx(hours * hour).epsilon(1e-12));
    const SlaComparison& gold = sla_named(c, "gold");
    CHECK(gold.credit_per_year.difference.estimate == Approx(credit).epsilon(1e-12));
    CHECK(gold.breaches_per_year.difference.estimate == Approx(1.0));
    CHECK(gold.breach_probability.difference.estimate == Approx(1.0 / 12.0));
    CHECK(scope_named(c, "paying").downtime_per_year.difference.estimate == 0.0);
  }
  CHECK(report.results[0].comparison.verdict.find("+6.0 h a year") != std::string::npos);
  CHECK(report.results[0].comparison.verdict.find("gold credits +100 EUR a year") !=
        std::string::npos);
}

TEST_CASE("a month as the time draws a uniform start: the share that spills into the next month",
          "[stress]") {
  const CompiledModel model = compile_ok(quiet_scenario(R"(
  february:
    inject: [{failure: api/crash, at: 2027-02, duration: 6h}]
)"));
  const RunResults r = simulate(with_stress(model, model.stress_tests[0]), config_of(4000));
  // Start U uniform on [0, M) in February (M = 28 days), duration D = 6 h: March gets
  // max(0, U + D - M), whose mean is D^2 / 2M, with probability D / M; January gets nothing.
  constexpr double D = 6 * hour;
  const Interval february_down =
      mean_over_trials(r, [&](std::size_t t) { return r.scope_down[at_scope(r, t, 0, 1)]; });
  const Interval march_down =
      mean_over_trials(r, [&](std::size_t t) { return r.scope_down[at_scope(r, t, 0, 2)]; });
  CHECK(february_down.lower <= D - D * D / (2 * february));
  CHECK(february_down.upper >= D - D * D / (2 * february));
  CHECK(march_down.lower <= D * D / (2 * february));
  CHECK(march_down.upper >= D * D / (2 * february));
  std::uint64_t spilled = 0;
  for (std::size_t t = 0; t < r.trials; ++t) {
    CHECK(r.scope_down[at_scope(r, t, 0, 0)] == 0.0);
    CHECK(total(r, r.scope_down, 0, t) == Approx(D).epsilon(1e-12));
    spilled += r.scope_down[at_scope(r, t, 0, 2)] > 0.0;
  }
  const Interval share = wilson_interval(spilled, r.trials, testing::check_confidence);
  CHECK(share.lower <= D / february);
  CHECK(share.upper >= D / february);
}

TEST_CASE("an injected incident keeps its failure's attribution: exclusions apply", "[stress]") {
  const CompiledModel model = compile_ok(quiet_scenario(R"(
  provider:
    inject: [{failure: pay/outage, at: "2027-03-01T00:00Z", duration: 12h}]
)"));
  const Comparison c = stress(model, model.stress_tests, config_of(10)).results[0].comparison;
  // 12 h of a 31-day March is well below 99.9 %, but `payments` excludes third parties.
  CHECK(scope_named(c, "paying").downtime_per_year.difference.estimate == Approx(12 * hour));
  CHECK(sla_named(c, "payments").credit_per_year.difference.estimate == 0.0);
  CHECK(sla_named(c, "payments").breaches_per_year.difference.estimate == 0.0);
}

TEST_CASE("a target picks the zone or replica; without one each trial picks uniformly",
          "[stress]") {
  const CompiledModel model = compile_ok(quiet_scenario(R"(
  zone-b:
    inject: [{failure: zone-outage, target: b, at: "2027-05-01T00:00Z", duration: 1h}]
  any-zone:
    inject: [{failure: zone-outage, at: "2027-05-01T00:00Z", duration: 1h}]
  second-replica:
    inject: [{failure: web/oom, target: replica-2, at: "2027-05-01T00:00Z", duration: 1h}]
  empty-zone:
    inject: [{failure: zone-outage, target: c, at: "2027-05-01T00:00Z", duration: 1h}]
)"));
  const auto& tests = model.stress_tests;
  REQUIRE(tests[2].injections[0].targets.size() == 1);
  CHECK(model.sources[static_cast<std::size_t>(tests[2].injections[0].targets[0].source)].name ==
        "web/oom/replica-2");
  CHECK(tests[1].injections[0].targets.size() == 3);  // zones a, b and c
  const StressReport report = stress(model, tests, config_of(3000));
  const Comparison& zone_b = report.results[0].comparison;
  CHECK(scope_named(zone_b, "in-b").downtime_per_year.difference.estimate == Approx(hour));
  CHECK(scope_named(zone_b, "in-a").downtime_per_year.difference.estimate == 0.0);
  // Zone a in a third of the trials: in-a's mean added downtime is 1 h / 3.
  // Zone c holds no replica: nothing changes, and the verdict says so.
  CHECK_THAT(report.results[3].comparison.verdict,
             Catch::StartsWith("No change in shop downtime is distinguishable from noise"));
  const Comparison& any = report.results[1].comparison;
  const Interval in_a = scope_named(any, "in-a").downtime_per_year.difference;
  CHECK(in_a.lower <= hour / 3);
  CHECK(in_a.upper >= hour / 3);
}

TEST_CASE("injected incidents leave the random history's numbers alone", "[stress]") {
  // With random crashes, each trial under stress is its baseline trial plus the injected
  // hour: the paired difference in every trial lies in [0, 1 h] (overlaps count once).
  std::string text = quiet_scenario(R"(
  hour:
    inject: [{failure: api/crash, at: 2027-06, duration: 1h}]
)");
  text.replace(text.find("{rate: 1e-9/y}, repair: {self_heal: 1h}"),
               std::string("{rate: 1e-9/y}, repair: {self_heal: 1h}").size(),
               "{rate: 12/y}, repair: {self_heal: 2h}");
  const CompiledModel model = compile_ok(text);
  const RunResults base = simulate(model, config_of(500));
  const RunResults hit = simulate(with_stress(model, model.stress_tests[0]), config_of(500, 1));
  std::size_t whole_hour = 0;
  for (std::size_t t = 0; t < base.trials; ++t) {
    const double added = total(hit, hit.scope_down, 0, t) - total(base, base.scope_down, 0, t);
    CHECK(added >= -1e-6);
    CHECK(added <= hour + 1e-6);
    whole_hour += std::abs(added - hour) < 1e-6;
  }
  // A 1-hour stretch meets one of 12 two-hour crashes a year in about 0.4 % of trials.
  CHECK(whole_hour > base.trials * 9 / 10);
}

TEST_CASE("stress results are the same bits for any thread count", "[stress]") {
  const CompiledModel model = compile_ok(quiet_scenario(R"(
  february:
    inject: [{failure: zone-outage, at: 2027-02, duration: 6h}, {failure: api/crash, at: 2027-02-14, duration: 2h}]
)"));
  const auto text = [&](int threads) {
    return render_stress_json(stress(model, model.stress_tests, config_of(300, threads)), {});
  };
  CHECK(text(1) == text(2));
}

TEST_CASE("stress tests' errors name the line, the column and what is valid", "[stress]") {
  // The names and times resolve against the model once the rest of the file is valid.
  const std::string yaml = quiet_scenario(R"(
  typo:
    inject:
      - {failure: api/crahs, at: 2027-02, duration: 1h}
      - {failure: api, at: 2027-02, duration: 1h}
      - {failure: web/oom, target: replica-7, at: 2027-02, duration: 1h}
      - {failure: api/crash, target: a, at: 2027-02, duration: 1h}
      - {failure: api/crash, at: 2028-02, duration: 1h}
      - {failure: api/crash, at: 2027-13-01, duration: 1h}
      - {failure: api/crash, at: "2026-12-31T23:00Z", duration: 1h}
      - {failure: api/crash, at: "2027-02-01 25:00", duration: 1h}
)");
  const auto errors = errors_of(yaml);
  INFO(listing(errors));
  CHECK(count_at(errors, at(yaml, "api/crahs"), "did you mean 'api/crash'") == 1);
  CHECK(count_at(errors, at(yaml, "api, at"), "'service/mode', e.g. 'api/...'") == 1);
  CHECK(count_at(errors, at(yaml, "replica-7"), "valid: replica-1, replica-2") == 1);
  CHECK(count_at(errors, at(yaml, "a, at"), "does not apply") == 1);
  CHECK(count_at(errors, at(yaml, "2028-02"), "not within the horizon") == 1);
  CHECK(count_at(errors, at(yaml, "2027-13-01"), "is not a time") == 1);
  CHECK(count_at(errors, at(yaml, "\"2026-12-31T23:00Z\""), "not within the horizon") == 1);
  CHECK(count_at(errors, at(yaml, "\"2027-02-01 25:00\""), "is not a time") == 1);
  CHECK(errors.size() == 8);

  const std::string structure = quiet_scenario(R"(
  broken:
    inject:
      - {failure: api/crash, at: 2027-02}
      - {failure: "api/crash/x", at: 2027-02, duration: 1h}
      - {failure: api/crash, at: 2027-02, duration: -1h}
  empty: {inject: []}
)");
  const auto structural = errors_of(structure);
  INFO(listing(structural));
  CHECK(count_at(structural, at(structure, "{failure: api/crash, at: 2027-02}"), "duration") == 1);
  CHECK(count_at(structural, at(structure, "\"api/crash/x\""), "'service/mode'") == 1);
  CHECK(count_at(structural, at(structure, "-1h"), "duration") == 1);
  CHECK(count_at(structural, at(structure, "[]"), "at least one incident") == 1);
  CHECK(structural.size() == 4);

  std::string crowd = "  crowd:\n    inject:\n";
  for (int i = 0; i < 1001; ++i)
    crowd += "      - {failure: api/crash, at: 2027-02, duration: 1h}\n";
  const std::string full = quiet_scenario(crowd);
  CHECK(count_at(errors_of(full), at(full, "- {failure"), "at most 1000 incidents") == 1);

  std::string many;
  for (int t = 0; t < 101; ++t)
    many += "  t" + std::to_string(t) +
            ": {inject: [{failure: api/crash, at: 2027-02, duration: 1h}]}\n";
  const std::string crowded = quiet_scenario(many);
  CHECK(count_at(errors_of(crowded), at(crowded, "t0:"), "at most 100 stress tests") == 1);
}

TEST_CASE("the command line's form of an injected incident", "[stress]") {
  const CompiledModel model = compile_ok(
      quiet_scenario("  none: {inject: [{failure: api/crash, at: 2027-02, duration: 1h}]}\n"));
  scenario::InjectionKeys keys;
  const auto ok = scenario::parse_injection(model, "zone-outage on b at 2027-02-03 for 90m", keys);
  REQUIRE(std::holds_alternative<InjectionSpec>(ok));
  const InjectionSpec& spec = std::get<InjectionSpec>(ok);
  CHECK(spec.duration == 90 * minute);
  CHECK(spec.earliest == (31 + 2) * day);
  CHECK(spec.latest == (31 + 3) * day);
  CHECK(spec.targets.size() == 1);
  CHECK(spec.label == "zone-outage on b at 2027-02-03 for 1.5h");
  const auto error = [&](const std::string& text) {
    const auto parsed = scenario::parse_injection(model, text, keys);
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
  };
  CHECK_THAT(error("zone-outage at 2027-02"), Catch::Contains("a failure, a time and a duration"));
  CHECK_THAT(error("zone-outage at 2027-02 for 1h at 2027-03"), Catch::Contains("given twice"));
  CHECK_THAT(error("zone-outage at 2027-02 for 1h with x"), Catch::Contains("unexpected 'with'"));
  CHECK_THAT(error("zone-outage at 2027-02 for soon"), Catch::Contains("for:"));
  CHECK_THAT(error("zone-outage on d at 2027-02 for 1h"), Catch::Contains("on 'd' is not one of"));
  CHECK_THAT(error("api/crash at 2029-01 for 1h"), Catch::Contains("at '2029-01' is not within"));
  CHECK_THAT(error("db/crash at 2027-01 for 1h"),
             Catch::Contains("failure 'db/crash' names no failure mode"));
  CHECK_THAT(error("api/crash at 2027-02-10 08:00 for 1h"), Catch::Contains("unexpected '08:00'"));

  // The same incident given twice draws two times, as two lines of a `stress:` test do.
  const auto chosen = scenario::choose_stress_tests(
      model, {}, {"api/crash at 2027-02 for 1h", "api/crash at 2027-02 for 1h"}, "(--inject)");
  REQUIRE(std::holds_alternative<std::vector<StressTestSpec>>(chosen));
  const auto& injected = std::get<std::vector<StressTestSpec>>(chosen).front();
  CHECK(injected.name == "(--inject)");
  CHECK(injected.injections[0].stream_key != injected.injections[1].stream_key);
  CHECK(injected.injections[0].stream_key == model.stress_tests[0].injections[0].stream_key);
}

}  // namespace reliasim::test
