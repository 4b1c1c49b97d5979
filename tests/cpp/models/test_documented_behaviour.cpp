// Documented scenario keys change what the docs say they change: small scenarios, written as a
// user would, whose results are worked out by hand from deterministic (fixed) times.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "load_helpers.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace reliasim::scenario {
namespace {

constexpr double minute = 60.0;
constexpr double day = 86400.0;

RunResults run(const std::string& text, std::uint64_t trials = 4) {
  RunConfig config;
  config.trials = trials;
  config.seed = 7;
  return simulate(test::compile_ok(text), config);
}

// Down seconds of scope `scope` in window `w` of trial `t`.
double down(const RunResults& r, std::size_t t, std::size_t scope, std::size_t w) {
  return r.scope_down[(t * r.scopes.size() + scope) * r.windows() + w];
}

std::string maintained_shop(bool excluded_from_sla) {
  return std::string(
             "scenario: maintained\nhorizon: 90d\nwindows: 30d\n"
             "services: {api: }\njourneys: {shop: [api]}\n"
             "maintenance: [{services: [api], every: 30d, duration: 50m, offset: 1d, "
             "excluded_from_sla: ") +
         (excluded_from_sla ? "true" : "false") +
         "}]\n"
         "slas:\n"
         "  - {name: gold, journey: shop, target: 99.9%, measure: {bad_minutes: {granularity: "
         "1m}},\n"
         "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR},\n"
         "     exclusions: [maintenance]}\n";
}

TEST_CASE("excluded_from_sla decides whether an SLA excluding maintenance counts a window",
          "[behaviour][maintenance]") {
  // 50 minutes of maintenance in each 30-day window.
  const double counted_uptime = 1.0 - 50.0 / (30.0 * 24 * 60);  // 0.99884 < 99.9 %
  // A 30-day window pays the monthly fee pro rata against the average month of 365/12 days.
  const double credit = 0.10 * 1000.0 * 30.0 / (365.0 / 12.0);
  const RunResults excluded = run(maintained_shop(true));
  const RunResults counted = run(maintained_shop(false));
  REQUIRE(excluded.sla_uptime.size() == 4 * 3);
  for (std::size_t i = 0; i < excluded.sla_uptime.size(); ++i) {
    CHECK(excluded.sla_uptime[i] == 1.0);
    CHECK(excluded.sla_credit[i] == 0.0);
    CHECK(counted.sla_uptime[i] == Approx(counted_uptime).epsilon(1e-12));
    CHECK(counted.sla_credit[i] == Approx(credit).epsilon(1e-12));
  }
  // Either way the journey is down for the maintenance, and it is maintenance that caused it.
  CHECK(down(counted, 0, 0, 1) == Approx(50 * minute));
  CHECK(down(excluded, 0, 0, 1) == Approx(50 * minute));
  const auto by_cause = [](const RunResults& r, std::size_t w, Cause cause) {
    return r.scope_down_by_cause[w * cause_count + static_cast<std::size_t>(cause)];
  };
  CHECK(by_cause(counted, 1, Cause::maintenance) == Approx(50 * minute));
  CHECK(by_cause(excluded, 1, Cause::maintenance) == Approx(50 * minute));
}

std::string failover_pair(const std::string& delay) {
  // `a` fails 10 days in and heals an hour later; the group moves to `b` and stays there.
  return "scenario: pair\nhorizon: 90d\nwindows: 30d\n"
         "services:\n"
         "  a:\n"
         "    failure_modes: [{name: crash, occurs: {fixed: 10d}, repair: {self_heal: 1h}}]\n"
         "  b: {}\n"
         "  db: {any_of: [a, b], failover: {delay: " +
         delay +
         "}, standby: {mode: hot}}\n"
         "journeys: {orders: [db]}\n";
}

TEST_CASE("an instant failover is no outage; a delayed one is one outage of the delay",
          "[behaviour][failover]") {
  const RunResults instant = run(failover_pair("0"));
  const RunResults delayed = run(failover_pair("1m"));
  for (std::size_t t = 0; t < 4; ++t) {
    CHECK(instant.scope_outages[t] == 0.0);
    CHECK(instant.scope_longest_outage[t] == 0.0);
    CHECK(delayed.scope_outages[t] == 1.0);
    CHECK(delayed.scope_longest_outage[t] == Approx(minute));
  }
  CHECK(instant.outages.empty());
  REQUIRE(delayed.outages.size() == 4);
  CHECK(delayed.outages[0].start == Approx(10 * day));
  CHECK(delayed.outages[0].end == Approx(10 * day + minute));
}

TEST_CASE("an outage whose cause was detected before it began has a TTD of zero",
          "[behaviour][ttd]") {
  // Two replicas, one needed: the service goes down when the second fails. Every failure is
  // alerted on after 10 minutes, so the outage's first detection is the first replica's, at
  // most 10 minutes after the outage starts and possibly before it: TTD in [0, 10 min].
  const std::string text =
      "scenario: steps\n"
      "services:\n"
      "  api:\n"
      "    replicas: {count: 2, min_healthy: 1}\n"
      "    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {rate: 20/y},\n"
      "         detect: {alert: {probability: 1, delay: 10m}}, repair: {manual: {exponential: "
      "{mean: 2d}}}}\n"
      "journeys: {shop: [api]}\n";
  const CompiledModel model = test::compile_ok(text);
  RunConfig config;
  config.trials = 400;
  config.seed = 3;
  const RunResults r = simulate(model, config);
  std::size_t before = 0;  // outages whose first detection came before they began
  for (const OutageRecord& o : r.outages) {
    if (std::isnan(o.detected)) continue;
    CHECK(o.detected - o.start >= 0.0);
    CHECK(o.detected - o.start <= 10 * minute);
    before += o.detected == o.start;
  }
  CHECK(before > 0);  // the case arises: a detection before the outage counts as at its start
  const Summary summary = summarize(r, model);
  const DurationSummary& ttd = summary.scopes[0].outage_ttd;
  REQUIRE(ttd.count > 0);
  CHECK(ttd.mean.estimate >= 0.0);
  CHECK(ttd.mean.estimate <= 10 * minute);
  CHECK(ttd.p50.estimate <= ttd.p90.estimate);
}

TEST_CASE("a horizon that is not a whole number of windows ends with a shorter window",
          "[behaviour][windows]") {
  // Down 5 days in every 10 over 45 days: 25 days, 15 of them in the first 30-day window.
  const std::string text =
      "scenario: partial\nhorizon: 45d\nwindows: 30d\n"
      "services: {api: }\njourneys: {shop: [api]}\n"
      "maintenance: [{services: [api], every: 10d, duration: 5d, offset: 0, excluded_from_sla: "
      "true}]\n"
      "slas:\n"
      "  - {name: gold, journey: shop, target: 99%, measure: weighted_outage,\n"
      "     credits: [{below: 99%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
  const CompiledModel model = test::compile_ok(text);
  const RunResults r = run(text);
  REQUIRE(r.window_bounds == std::vector<double>{0.0, 30 * day, 45 * day});
  CHECK(down(r, 0, 0, 0) == Approx(15 * day));
  CHECK(down(r, 0, 0, 1) == Approx(10 * day));
  const Summary summary = summarize(r, model);
  CHECK(summary.scopes[0].availability.estimate == Approx(1.0 - 25.0 / 45.0));
  // The partial window is measured on its own 15 days, and its fee is pro rata.
  REQUIRE(r.sla_uptime.size() == 4 * 2);
  CHECK(r.sla_uptime[1] == Approx(1.0 - 10.0 / 15.0));
  CHECK(r.sla_credit[1] == Approx(0.10 * 1000.0 * 15.0 / (365.0 / 12.0)));
}

TEST_CASE("a partial calendar month pays its fee pro rata", "[behaviour][windows]") {
  // 45 days from January: all of January, then 14 of February's 28 days, all down.
  const std::string text =
      "scenario: months\nhorizon: 45d\nstart: 2027-01\n"
      "services: {api: }\njourneys: {shop: [api]}\n"
      "maintenance: [{services: [api], every: 1y, duration: 45d, offset: 0, excluded_from_sla: "
      "false}]\n"
      "slas:\n"
      "  - {name: gold, journey: shop, target: 99%, measure: {bad_minutes: {granularity: 1m}},\n"
      "     credits: [{below: 99%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
  const RunResults r = run(text);
  REQUIRE(r.sla_window_bounds[0] == std::vector<double>{0.0, 31 * day, 45 * day});
  CHECK(r.sla_credit[0] == Approx(100.0));
  CHECK(r.sla_credit[1] == Approx(100.0 * 14.0 / 28.0));
}

// Two services whose first failures come a minute apart, each mitigated in an hour by the
// same on-call crew after a 5-minute acknowledgement.
std::string two_incidents(const std::string& crew_size, const std::string& action) {
  return "scenario: crews\nhorizon: 1d\n"
         "crews: {oncall: {size: " +
         crew_size +
         "}}\n"
         "defaults:\n"
         "  detect: {alert: {probability: 1, delay: 0}}\n"
         "  engage: 5m\n"
         "  mitigate: {" +
         action +
         ": 1h}\n"
         "  repair: {manual: 1m}\n"
         "  crew: oncall\n"
         "services:\n"
         "  a: {failure_modes: [{name: crash, occurs: {fixed: 600m}}]}\n"
         "  b: {failure_modes: [{name: crash, occurs: {fixed: 601m}}]}\n"
         "journeys: {shop: [a, b]}\n";
}

// TTA of the first incident of each failure mode, in its order in the model.
std::vector<double> first_tta(const RunResults& r) {
  std::vector<double> tta(r.failure_modes.size(), -1.0);
  for (const IncidentRecord& i : r.incidents)
    if (i.trial == r.first_trial && tta[static_cast<std::size_t>(i.failure_mode)] < 0.0)
      tta[static_cast<std::size_t>(i.failure_mode)] = i.engaged - i.detected;
  return tta;
}

TEST_CASE("a busy crew cannot acknowledge: the second incident waits for the first",
          "[behaviour][crews]") {
  // b is detected at 10:01 while the only member works a until 11:05; b is acknowledged at
  // 11:10, a TTA of 69 minutes. With more hands both take the 5 minutes.
  for (const std::string action : {"manual", "restart", "failover", "rollback"}) {
    INFO(action);
    const auto queued = first_tta(run(two_incidents("1", action)));
    CHECK(queued == std::vector<double>{5 * minute, 69 * minute});
    CHECK(first_tta(run(two_incidents("2", action))) ==
          std::vector<double>{5 * minute, 5 * minute});
    CHECK(first_tta(run(two_incidents("unlimited", action))) ==
          std::vector<double>{5 * minute, 5 * minute});
  }
}

TEST_CASE("waiting for a third party occupies no crew", "[behaviour][crews]") {
  CHECK(first_tta(run(two_incidents("1", "wait"))) == std::vector<double>{5 * minute, 5 * minute});
  const std::string text =
      "scenario: w\nservices:\n  api:\n    failure_modes:\n"
      "      - {name: down, occurs: {rate: 1/y}, mitigate: {wait: 1h, by: oncall}}\n"
      "crews: {oncall: {size: 1}}\n";
  CHECK_ONLY_ERROR(text, test::at(text, "oncall}"), "occupies no crew");
}

// A day whose first half hour is excluded maintenance and in which the service is down in the
// second half of every hour, measured by `rule`.
std::string half_hours_down(const std::string& rule) {
  return "scenario: halves\nhorizon: 1d\nwindows: 1d\n"
         "services:\n"
         "  api:\n"
         "    failure_modes: [{name: crash, occurs: {fixed: 30m}, repair: {self_heal: 30m}}]\n"
         "journeys: {shop: [api]}\n"
         "maintenance: [{services: [api], every: 1d, duration: 30m, offset: 0, "
         "excluded_from_sla: true}]\n"
         "slas:\n"
         "  - {name: gold, journey: shop, target: 99%, measure: " +
         rule +
         ",\n"
         "     credits: [{below: 99%, credit: 10%}], fee: {monthly: 1000, currency: EUR},\n"
         "     exclusions: [maintenance]}\n";
}

TEST_CASE("interval_error_rate averages each interval's error rate over its counted time",
          "[behaviour][sla]") {
  // Hourly intervals: the first hour fails all of its 30 counted minutes (rate 1), the other
  // 23 half of theirs: mean rate (1 + 23 / 2) / 24.
  const RunResults hourly = run(half_hours_down("{interval_error_rate: {interval: 1h}}"));
  CHECK(hourly.sla_uptime[0] == Approx(1.0 - 12.5 / 24.0).epsilon(1e-12));
  // Time-weighted over the counted 1410 minutes: 720 bad ones.
  const RunResults weighted = run(half_hours_down("weighted_outage"));
  CHECK(weighted.sla_uptime[0] == Approx(1.0 - 720.0 / 1410.0).epsilon(1e-12));
  // Half-hour intervals align with the exclusion: the first is left out, and 24 of the 47
  // others fail wholly, which is the time-weighted answer.
  const RunResults halves = run(half_hours_down("{interval_error_rate: {interval: 30m}}"));
  CHECK(halves.sla_uptime[0] == Approx(1.0 - 24.0 / 47.0).epsilon(1e-12));
  CHECK(hourly.sla_counted[0] == Approx(1410 * minute));
}

}  // namespace
}  // namespace reliasim::scenario
