// Every key of docs/scenario-format.md changes what the docs say it changes (services, failure
// modes and their lifecycle; the contracts are in test_key_behaviour_contracts.cpp). Each test
// runs a scenario written as a user would and compares it with a value worked out by hand: from
// fixed times where possible, else from a closed form within the estimate's 99.9 % interval.
#include <algorithm>
#include <catch2/catch.hpp>

#include "behaviour_helpers.hpp"

namespace reliasim::test {
namespace {

// --- Occurrence ------------------------------------------------------------------------------

std::string one_mode(const std::string& horizon, const std::string& mode) {
  return "scenario: occurs\nhorizon: " + horizon +
         "\nservices:\n  api:\n    failure_modes:\n      - " + mode + "\njourneys: {shop: [api]}\n";
}

TEST_CASE("occurs: the clock restarts at each repair and stops at the horizon",
          "[behaviour][occurs][horizon]") {
  // Fails 10 days after each repair and heals in 2 days: at 10 d and 22 d; the second outage
  // runs past the 23-day horizon, which counts its first day only.
  const RunResults r =
      run(one_mode("23d", "{name: crash, occurs: {fixed: 10d}, repair: {self_heal: 2d}}"));
  const auto crashes = incidents_of(r, 0);
  REQUIRE(crashes.size() == 2);
  CHECK(crashes[0].start == Approx(10 * day));
  CHECK(crashes[1].start == Approx(22 * day));
  CHECK(crashes[1].repaired == Approx(24 * day));
  CHECK(r.horizon == 23 * day);
  CHECK(total(r, r.scope_down, 0) == Approx(3 * day));
}

TEST_CASE("occurs: a rate, an MTBF and an exponential are the same clock", "[behaviour][occurs]") {
  // Repairs take a second, so the count over a year is Poisson with mean rate x horizon.
  for (const std::string occurs :
       {"{rate: 12/y}", "{mtbf: 30.4167d}", "{exponential: {mean: 1mo}}"}) {
    INFO(occurs);
    const RunResults r =
        run(one_mode("1y", "{name: crash, occurs: " + occurs + ", repair: {self_heal: 1s}}"), 300);
    CHECK_COVERS(incidents_per_trial(r, 0), 12.0);
  }
}

TEST_CASE("occurs: any distribution gives the time to failure", "[behaviour][occurs]") {
  // Uniform on [9 d, 11 d]: exactly one failure in 15 days, at 10 days on average.
  const RunResults r = run(one_mode("15d",
                                    "{name: leak, occurs: {uniform: {min: 9d, max: 11d}}, "
                                    "repair: {self_heal: 1h}}"),
                           200);
  std::vector<double> starts;
  for (const IncidentRecord& i : r.incidents) starts.push_back(i.start);
  REQUIRE(starts.size() == 200);
  CHECK(*std::min_element(starts.begin(), starts.end()) >= 9 * day);
  CHECK(*std::max_element(starts.begin(), starts.end()) <= 11 * day);
  CHECK_COVERS(summarize_mean(starts, testing::check_confidence).interval, 10 * day);
}

TEST_CASE("per_deploy: failing deploys come at deploys x change failure rate",
          "[behaviour][occurs][deploys]") {
  // The service deploys 10 a week, 5 % fail: 0.5 a week. A mode with its own 2 a day at 10 %:
  // 0.2 a day. {per_week: 7} at 10 %: 0.7 a week.
  const std::string text =
      "scenario: deploys\nhorizon: 1y\n"
      "services:\n"
      "  api:\n"
      "    deploys: 10/w\n"
      "    failure_modes:\n"
      "      - {name: bad-deploy, occurs: {per_deploy: 0.05}, repair: {self_heal: 1s}}\n"
      "      - {name: bad-config, occurs: {per_deploy: 10%, deploys: {per_day: 2}},\n"
      "         repair: {self_heal: 1s}}\n"
      "  web:\n"
      "    deploys: {per_week: 7}\n"
      "    failure_modes: [{name: bad-deploy, occurs: {per_deploy: 0.1}, "
      "repair: {self_heal: 1s}}]\n";
  const RunResults r = run(text, 200);
  const double weeks = year / (7 * day);
  CHECK_COVERS(incidents_per_trial(r, 0), 0.5 * weeks);
  CHECK_COVERS(incidents_per_trial(r, 1), 0.2 * 365);
  CHECK_COVERS(incidents_per_trial(r, 2), 0.7 * weeks);
}

// --- Impact, dependencies, journeys -----------------------------------------------------------

TEST_CASE("impact and soft dependencies degrade; hard dependencies take down",
          "[behaviour][impact][depends_on][journeys]") {
  // db is down 10 d to 10 d + 1 h; cache down 12 d to 12 d + 2 h; api fails 80 % of its
  // requests 14 d to 14 d + 1 h; search 30 % from 12 d + 1 h to 12 d + 3 h.
  const std::string text =
      "scenario: impact\nhorizon: 20d\n"
      "services:\n"
      "  db: {failure_modes: [{name: crash, occurs: {fixed: 10d}, repair: {self_heal: 1h}}]}\n"
      "  cache: {failure_modes: [{name: crash, occurs: {fixed: 12d}, repair: {self_heal: 2h}}]}\n"
      "  orders: {depends_on: [db]}\n"
      "  pages: {depends_on: [{service: cache, soft: true, degrade: 0.4}]}\n"
      "  api:\n"
      "    failure_modes: [{name: bad-deploy, occurs: {fixed: 14d}, impact: {degrade: 0.8},\n"
      "                     repair: {self_heal: 1h}}]\n"
      "  search:\n"
      "    failure_modes: [{name: slow, occurs: {fixed: 289h}, impact: {degrade: 30%},\n"
      "                     repair: {self_heal: 2h}}]\n"
      "journeys:\n"
      "  buy: [orders]\n"
      "  browse: [pages]\n"
      "  pay: {services: [api]}\n"
      "  pay-strict: {services: [api], down_at: 50%}\n"
      "  pay-edge: {services: [api], down_at: 80%}\n"
      "  find: [pages, search]\n";
  const RunResults r = run(text);
  // A hard dependency's outage is the service's; a soft one degrades it by `degrade`.
  CHECK(total(r, r.scope_down, 0) == Approx(1 * hour));
  CHECK(total(r, r.scope_down, 1) == 0.0);
  CHECK(total(r, r.scope_degraded, 1) == Approx(2 * hour));
  CHECK(total(r, r.scope_error, 1) == Approx(0.4 * 2 * hour));
  // A degrading failure fails its fraction of requests; past down_at the journey is down.
  CHECK(total(r, r.scope_down, 2) == 0.0);
  CHECK(total(r, r.scope_error, 2) == Approx(0.8 * hour));
  CHECK(total(r, r.scope_down, 3) == Approx(1 * hour));
  CHECK(r.scope_outages[3] == 1.0);                      // trial 0, pay-strict
  CHECK(total(r, r.scope_down, 4) == Approx(1 * hour));  // "at least" down_at: 80 % is down
  // Overlapping degradations combine as independent failures: 1 - 0.6 x 0.7 for the hour
  // both last (12 d + 1 h to 12 d + 2 h); 0.4 and 0.3 alone an hour each.
  CHECK(total(r, r.scope_error, 5) == Approx((0.4 + (1 - 0.6 * 0.7) + 0.3) * hour));
  CHECK(total(r, r.scope_degraded, 5) == Approx(3 * hour));
}

// --- Replicas, zones and common causes --------------------------------------------------------

// Four replicas over three zones (two in a, one in b, one in c), three of them needed; two
// over a and b, one needed by default; and a common cause 10 days in that lasts an hour.
std::string zoned(const std::string& hits, const std::string& extra = "") {
  return "scenario: zones\nhorizon: 15d\nzones: [a, b, c]\n"
         "services:\n"
         "  api: {replicas: {count: 4, zones: [a, b, c], min_healthy: 3}}\n"
         "  other: {}\n"
         "  pair: {replicas: {count: 2, zones: [a, b]}}\n"
         "common_causes:\n"
         "  - {name: outage, hits: " +
         hits + ", occurs: {fixed: 10d}, mitigate: {wait: 1h}" + extra +
         "}\n"
         "journeys: {shop: [api], elsewhere: [other], both: [pair]}\n";
}

TEST_CASE("replicas: round-robin over zones, up while min_healthy are up; hits a zone",
          "[behaviour][replicas][zones][common_causes]") {
  // Zone a holds two replicas: two left, fewer than three. Zone b holds one: three left.
  const RunResults a = run(zoned("{zone: a}"));
  CHECK(total(a, a.scope_down, 0) == Approx(hour));
  CHECK(total(a, a.scope_down, 2) == 0.0);  // min_healthy defaults to 1: b's replica serves
  const RunResults b = run(zoned("{zone: b}"));
  CHECK(total(b, b.scope_down, 0) == 0.0);
  const RunResults bc = run(zoned("{zones: [b, c]}"));
  CHECK(total(bc, bc.scope_down, 0) == Approx(hour));
  const RunResults services = run(zoned("{services: [api, other]}"));
  CHECK(total(services, services.scope_down, 0) == Approx(hour));
  CHECK(total(services, services.scope_down, 1) == Approx(hour));
  CHECK(total(bc, bc.scope_down, 1) == 0.0);  // a zone outage leaves zone-less services alone
  // A degrading common cause fails its fraction of everything it hits.
  const RunResults degraded = run(zoned("{services: [other]}", ", impact: {degrade: 0.25}"));
  CHECK(total(degraded, degraded.scope_down, 1) == 0.0);
  CHECK(total(degraded, degraded.scope_error, 1) == Approx(0.25 * hour));
}

TEST_CASE("a replica is serving or not: degrading replicas is refused", "[behaviour][impact]") {
  const std::string mode =
      "scenario: r\nservices:\n  api:\n    replicas: 2\n    failure_modes:\n"
      "      - {name: slow, scope: replica, occurs: {rate: 1/y}, impact: {degrade: 0.5}}\n";
  CHECK_ONLY_ERROR(mode, at(mode, "{name: slow"), "a replica is either serving or not");
  const std::string zone = zoned("{zone: a}", ", impact: {degrade: 0.5}");
  CHECK_ONLY_ERROR(zone, at(zone, "{zone: a}"), "a replica is either serving or not");
}

TEST_CASE("common causes: {zone: any} picks one zone per event, uniformly",
          "[behaviour][common_causes][zones]") {
  // Only zone a (one zone in three) takes the service down.
  const RunResults r = run(zoned("{zone: any}"), 600, 11);
  std::uint64_t down = 0;
  for (std::size_t t = 0; t < r.trials; ++t) {
    const double d = total(r, r.scope_down, 0, t);
    CHECK((d == 0.0 || d == Approx(hour)));
    down += d > 0.0;
  }
  CHECK(reliasim::wilson_interval(down, r.trials, testing::check_confidence).contains(1.0 / 3.0));
}

TEST_CASE("scope: a replica-scope mode fails each replica on its own clock",
          "[behaviour][scope][replicas]") {
  // Two of three replicas needed, each failing about every 20 h and restarting in about 4 h
  // (exponential): A = 20/24 per replica, and the service is up with 2 or 3 of them.
  const std::string text =
      "scenario: k-of-n\nhorizon: 60d\n"
      "services:\n"
      "  api:\n"
      "    replicas: {count: 3, min_healthy: 2}\n"
      "    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {mtbf: 20h},\n"
      "         repair: {self_heal: {exponential: {mean: 4h}}}}\n"
      "  whole:\n"
      "    replicas: 3\n"
      "    failure_modes: [{name: crash, occurs: {fixed: 10d}, repair: {self_heal: 1h}}]\n"
      "journeys: {shop: [api], other: [whole]}\n";
  const RunResults r = run(text, 200, 5);
  // Each replica starts up: P(up at t) = A + (1 - A) exp(-(1/20 h + 1/4 h) t), A = 20/24; the
  // service is up with two or three, and its availability is the mean of that over 60 days.
  const double a = 20.0 / 24.0, decay = 1 / (20 * hour) + 1 / (4 * hour);
  const int steps = 100000;
  double exact = 0.0;
  for (int i = 0; i < steps; ++i) {
    const double p = a + (1 - a) * std::exp(-decay * (i + 0.5) * r.horizon / steps);
    exact += (3 * p * p * (1 - p) + p * p * p) / steps;
  }
  CHECK_COVERS(testing::availability(r, 0), exact);
  // A service-scope mode takes the whole service down whatever its redundancy.
  CHECK(total(r, r.scope_down, 1) == Approx(5 * hour));
}

// --- Failover groups, standby, like ------------------------------------------------------------

// `a` fails 10 days in and heals after `a_heal`; `b` fails `b_life` into its own (aged) life
// and heals in 10 days. The group prefers a.
std::string pair(const std::string& failover, const std::string& standby,
                 const std::string& a_heal = "1h", const std::string& b_life = "1y") {
  return "scenario: pair\nhorizon: 20d\n"
         "services:\n"
         "  a: {failure_modes: [{name: crash, occurs: {fixed: 10d}, repair: {self_heal: " +
         a_heal +
         "}}]}\n"
         "  b: {failure_modes: [{name: crash, occurs: {fixed: " +
         b_life +
         "}, repair: {self_heal: 10d}}]}\n"
         "  db: {any_of: [a, b], failover: " +
         failover + ", standby: " + standby +
         "}\n"
         "journeys: {orders: [db]}\n";
}

TEST_CASE("failover: a failed switch waits for the manual path, or for the member",
          "[behaviour][failover]") {
  const std::string hot = "{mode: hot}";
  // Success: down for the delay. Failure: the delay, then the manual switch. Failure without a
  // manual path: until a heals an hour after it failed.
  const RunResults works = run(pair("{delay: 1m, success: 1, manual: 20m}", hot));
  const RunResults manual = run(pair("{delay: 1m, success: 0, manual: 20m}", hot));
  const RunResults stuck = run(pair("{delay: 1m, success: 0%}", hot));
  CHECK(total(works, works.scope_down, 0) == Approx(1 * minute));
  CHECK(total(manual, manual.scope_down, 0) == Approx(21 * minute));
  CHECK(total(stuck, stuck.scope_down, 0) == Approx(1 * hour));
  // With success 0.7, seven switches in ten work.
  const RunResults mixed = run(pair("{delay: 1m, success: 0.7, manual: 20m}", hot), 500, 3);
  std::uint64_t worked = 0;
  for (std::size_t t = 0; t < mixed.trials; ++t) {
    const double d = total(mixed, mixed.scope_down, 0, t);
    CHECK((d == Approx(1 * minute) || d == Approx(21 * minute)));
    worked += d < 2 * minute;
  }
  CHECK(reliasim::wilson_interval(worked, mixed.trials, testing::check_confidence).contains(0.7));
}

TEST_CASE("standby: waiting members age at 1 (hot), the factor (warm) or 0 (cold)",
          "[behaviour][standby]") {
  // a is down from 10 d to 14 d. b fails 12 days into its life: aged by 10 d x factor while
  // waiting, it then fails at 10 d + 12 d - 10 d x factor, and the group is down from then
  // until a is back at 14 d: hot 2 d, warm 0.9 1 d, warm 0.5 and cold not at all (b then
  // fails at 17 d or 22 d, with a up).
  const std::string failover = "{delay: 0}";
  const auto down = [&](const std::string& standby) {
    const RunResults r = run(pair(failover, standby, "4d", "12d"));
    return total(r, r.scope_down, 0);
  };
  CHECK(down("{mode: hot}") == Approx(2 * day));
  CHECK(down("{mode: warm, dormant_failure_factor: 0.9}") == Approx(1 * day));
  CHECK(down("{mode: warm, dormant_failure_factor: 0.5}") == 0.0);
  CHECK(down("{mode: cold}") == 0.0);
}

TEST_CASE("like: a service gets the other's failure modes and keeps its own replicas",
          "[behaviour][like]") {
  const std::string text =
      "scenario: like\nhorizon: 15d\n"
      "services:\n"
      "  a:\n"
      "    failure_modes:\n"
      "      - {name: crash, scope: replica, occurs: {fixed: 10d}, repair: {self_heal: 1h}}\n"
      "  b: {replicas: 3, like: a}\n"
      "journeys: {first: [a], second: [b]}\n";
  const auto [model, r] = model_run(text);
  CHECK(total(r, r.scope_down, 1) == Approx(hour));
  REQUIRE(model.failure_modes.size() == 2);
  CHECK(model.failure_modes[1].service == "b");
  CHECK(model.failure_modes[1].name == "crash");
  CHECK(incidents_of(r, 1).size() == 3);  // one per replica of b
  // b keeps its own crew: the first crew's only member works z's incident from 9:55 to 10:55,
  // so b's copy of x's failure, at 10:00, is acknowledged at 11:00 (x's crew is free).
  const RunResults crews =
      run("scenario: like-crew\nhorizon: 1d\n"
          "crews: {first: {size: 1}, second: {size: 1}}\n"
          "defaults: {detect: {alert: {probability: 1, delay: 0}}, engage: 5m, "
          "mitigate: {manual: 1h}}\n"
          "services:\n"
          "  z: {crew: first, failure_modes: [{name: crash, occurs: {fixed: 590m}}]}\n"
          "  x: {crew: second, failure_modes: [{name: crash, occurs: {fixed: 600m}}]}\n"
          "  b: {crew: first, like: x}\n");
  const auto copy = incidents_of(crews, 2);
  REQUIRE_FALSE(copy.empty());
  CHECK(copy[0].engaged - copy[0].detected == Approx(60 * minute));
}

// --- The incident lifecycle ---------------------------------------------------------------------

// T1 - T0, T2 - T1, T3 - T0 and T4 - T0 of the first incident of failure mode `mode`.
struct Times {
  double ttd, tta, ttm, ttr;
  DetectedBy by;
};

Times first_times(const RunResults& r, Index mode) {
  const auto found = incidents_of(r, mode);
  REQUIRE_FALSE(found.empty());
  const IncidentRecord& i = found.front();
  return {i.detected - i.start, i.engaged - i.detected, i.mitigated - i.start, i.repaired - i.start,
          i.detected_by};
}

TEST_CASE("detect: channels race, the first to fire detects, customers report the rest",
          "[behaviour][detect]") {
  // Each mode fails 10 days in and is mitigated by hand in an hour after detection.
  const std::string text =
      "scenario: detect\nhorizon: 20d\n"
      "services:\n"
      "  api:\n"
      "    failure_modes:\n"
      "      - {name: probe-first, occurs: {fixed: 10d}, mitigate: {manual: 1h}, detect:\n"
      "          {alert: {probability: 1, delay: 5m}, canary: {probability: 1, delay: 3m},\n"
      "           probe: {probability: 1, delay: 2m}}}\n"
      "      - {name: canary-first, occurs: {fixed: 10d}, mitigate: {manual: 1h}, detect:\n"
      "          {alert: {probability: 1, delay: 5m}, canary: {probability: 100%, delay: 3m},\n"
      "           probe: {probability: 0, delay: 2m}}}\n"
      "      - {name: alert-only, occurs: {fixed: 10d}, mitigate: {manual: 1h}, detect:\n"
      "          {alert: {probability: 1, delay: 5m}, probe: {probability: 0, delay: 2m},\n"
      "           fallback: {customer_report: 45m}}}\n"
      "      - {name: missed, occurs: {fixed: 10d}, mitigate: {manual: 1h}, detect:\n"
      "          {alert: {probability: 0, delay: 5m}, fallback: {customer_report: 45m}}}\n"
      "      - {name: unseen, occurs: {fixed: 10d}, mitigate: {manual: 1h}, detect:\n"
      "          {alert: {probability: 0, delay: 5m}}}\n";
  const RunResults r = run(text);
  const auto check = [&](Index mode, double ttd, DetectedBy by) {
    INFO("mode " << mode);
    const Times t = first_times(r, mode);
    CHECK(t.ttd == Approx(ttd));
    CHECK(t.ttm == Approx(ttd + hour));
    CHECK(t.by == by);
  };
  check(0, 2 * minute, DetectedBy::probe);
  check(1, 3 * minute, DetectedBy::canary);
  check(2, 5 * minute, DetectedBy::alert);
  check(3, 45 * minute, DetectedBy::customer);
  // Never detected, never mitigated: it lasts to the end of the trial.
  const auto unseen = incidents_of(r, 4);
  REQUIRE(unseen.size() == 1);
  CHECK(std::isnan(unseen[0].detected));
  CHECK(unseen[0].detected_by == DetectedBy::none);
  CHECK(r.service_down[0] == Approx(10 * day));
}

TEST_CASE("defaults fill the lifecycle; a mode's own detect keeps the default fallback",
          "[behaviour][defaults][engage][mitigate][repair]") {
  const std::string text =
      "scenario: lifecycle\nhorizon: 20d\n"
      "defaults:\n"
      "  detect:\n"
      "    alert: {probability: 1, delay: 3m}\n"
      "    fallback: {customer_report: 45m}\n"
      "  engage: 5m\n"
      "  mitigate: {manual: 1h}\n"
      "  repair: {manual: 2h}\n"
      "services:\n"
      "  api:\n"
      "    failure_modes:\n"
      "      - {name: plain, occurs: {fixed: 10d}}\n"
      "      - {name: own, occurs: {fixed: 10d}, detect: {probe: {probability: 0, delay: 1m}},\n"
      "         engage: 10m, mitigate: {restart: 20m}, repair: {manual: 30m}}\n"
      "      - {name: own-fallback, occurs: {fixed: 10d},\n"
      "         detect: {probe: {probability: 0, delay: 1m}, fallback: {customer_report: 20m}}}\n"
      "      - {name: healing, occurs: {fixed: 10d}, repair: {self_heal: 15m}}\n"
      "      - {name: waiting, occurs: {fixed: 10d}, mitigate: {wait: 40m}}\n"
      "      - {name: instant, occurs: {fixed: 10d}, mitigate: {rollback: 0},\n"
      "         repair: {manual: 50m}}\n";
  const RunResults r = run(text);
  const auto check = [&](Index mode, Times expected) {
    INFO("mode " << mode);
    const Times t = first_times(r, mode);
    CHECK(t.ttd == Approx(expected.ttd));
    CHECK(t.tta == Approx(expected.tta));
    CHECK(t.ttm == Approx(expected.ttm));
    CHECK(t.ttr == Approx(expected.ttr));
    CHECK(t.by == expected.by);
  };
  // Detected at 3 m, acknowledged 5 m later, mitigated after an hour, repaired 2 h after that.
  check(0, {3 * minute, 5 * minute, 68 * minute, 188 * minute, DetectedBy::alert});
  // The probe misses: the default customer report at 45 m; its own engage, restart, repair.
  check(1, {45 * minute, 10 * minute, 75 * minute, 105 * minute, DetectedBy::customer});
  check(2, {20 * minute, 5 * minute, 85 * minute, 205 * minute, DetectedBy::customer});
  // Self-healing ends at T0 + 15 m whatever the lifecycle; waiting ends at T0 + 40 m and the
  // default repair follows.
  check(3, {3 * minute, 5 * minute, 15 * minute, 15 * minute, DetectedBy::alert});
  check(4, {3 * minute, 5 * minute, 40 * minute, 160 * minute, DetectedBy::alert});
  check(5, {3 * minute, 5 * minute, 8 * minute, 58 * minute, DetectedBy::alert});
}

TEST_CASE("a self-healing failure ends when it heals: a mitigate beside it is refused",
          "[behaviour][repair][mitigate]") {
  const std::string text =
      "scenario: both\nservices:\n  api:\n    failure_modes:\n"
      "      - {name: crash, occurs: {rate: 1/y}, mitigate: {restart: 5m},\n"
      "         repair: {self_heal: 1h}}\n";
  CHECK_ONLY_ERROR(text, at(text, "{restart"), "'mitigate' would never be used");
  // A default mitigation does not apply to it: it heals in an hour, not in five minutes.
  const RunResults r =
      run("scenario: healing\nhorizon: 15d\ndefaults: {mitigate: {restart: 5m}}\n"
          "services: {api: {failure_modes: [{name: crash, occurs: {fixed: 10d}, "
          "repair: {self_heal: 1h}}]}}\njourneys: {shop: [api]}\n");
  CHECK(total(r, r.scope_down, 0) == Approx(hour));
}

TEST_CASE("without a lifecycle or defaults an incident is over as it starts",
          "[behaviour][defaults][horizon]") {
  // No detect, engage, mitigate or repair anywhere: detected at T0, nothing takes time, so
  // the failure costs no downtime. The horizon defaults to a year.
  const RunResults r = run(
      "scenario: bare\nservices: {api: {failure_modes: [{name: crash, occurs: {fixed: 100d}}]}}\n"
      "journeys: {shop: [api]}\n");
  CHECK(r.horizon == year);
  const auto crashes = incidents_of(r, 0);
  REQUIRE(crashes.size() == 3);  // at 100, 200 and 300 days
  for (const IncidentRecord& i : crashes) {
    CHECK(i.detected == i.start);
    CHECK(i.repaired == i.start);
    CHECK(i.detected_by == DetectedBy::alert);
  }
  CHECK(total(r, r.scope_down, 0) == 0.0);
  CHECK(r.scope_outages[0] == 0.0);
}

TEST_CASE("mitigate: every action takes its time after acknowledgement", "[behaviour][mitigate]") {
  for (const std::string action : {"rollback", "failover", "restart", "manual"}) {
    INFO(action);
    const RunResults r = run(one_mode(
        "20d",
        "{name: crash, occurs: {fixed: 10d}, detect: {alert: {probability: 1, delay: 4m}}, "
        "engage: 6m, mitigate: {" +
            action + ": 25m}, repair: {manual: 1h}}"));
    const Times t = first_times(r, 0);
    CHECK(t.ttm == Approx(35 * minute));
    CHECK(t.ttr == Approx(95 * minute));
    CHECK(total(r, r.scope_down, 0) == Approx(35 * minute));
  }
  // Without a mitigation the repair ends the impact: T3 = T4.
  const RunResults r = run(
      one_mode("20d",
               "{name: crash, occurs: {fixed: 10d}, detect: {alert: {probability: 1, delay: 4m}}, "
               "engage: 6m, repair: {manual: 1h}}"));
  CHECK(first_times(r, 0).ttm == Approx(70 * minute));
  CHECK(first_times(r, 0).ttr == Approx(70 * minute));
}

// Two services whose first failures come a minute apart, acknowledged in 5 minutes and
// mitigated in an hour; `x` and `y` complete their service entries.
std::string two_crews(const std::string& x, const std::string& y) {
  return "scenario: crews\nhorizon: 1d\n"
         "crews: {first: {size: 1}, second: {size: 1}}\n"
         "defaults: {detect: {alert: {probability: 1, delay: 0}}, engage: 5m, crew: first}\n"
         "services:\n"
         "  x: {failure_modes: [{name: crash, occurs: {fixed: 600m}" +
         x +
         "}]}\n"
         "  y: {failure_modes: [{name: crash, occurs: {fixed: 601m}" +
         y + "}]}\n";
}

TEST_CASE("crew and by: who works an incident decides whom it queues behind",
          "[behaviour][crews][by]") {
  // Sharing one member, y is acknowledged at 11:10 (the member is busy until 11:05): TTA
  // 69 minutes. With a member each, 5 minutes.
  const std::string mitigate = ", mitigate: {manual: 1h}";
  const auto tta_of_y = [](const std::string& x, const std::string& y) {
    return first_times(run(two_crews(x, y)), 1).tta;
  };
  // defaults.crew for both.
  CHECK(tta_of_y(mitigate, mitigate) == Approx(69 * minute));
  // The mitigation's `by`.
  CHECK(tta_of_y(mitigate, ", mitigate: {manual: 1h, by: second}") == Approx(5 * minute));
  // Without a mitigation the repair's crew is paged, and works until T4.
  CHECK(tta_of_y(", repair: {manual: 1h}", ", repair: {manual: 1h}") == Approx(69 * minute));
  CHECK(tta_of_y(", repair: {manual: 1h}", ", repair: {manual: 1h, by: second}") ==
        Approx(5 * minute));
  // The service's `crew` (x's service names the second crew, y takes the default).
  std::string with_crew = two_crews(mitigate, mitigate);
  with_crew.replace(with_crew.find("  x: {"), 6, "  x: {crew: second, ");
  CHECK(first_times(run(with_crew), 1).tta == Approx(5 * minute));
  // The repair asks its crew again: y's mitigation (by the second crew) waits for x's until
  // 11:15 and ends at 11:30; its repair then waits for the first crew, repairing x until 12:15,
  // and ends at 13:15: TTR 134 minutes.
  const std::string both = ", mitigate: {manual: 10m, by: second}, repair: {manual: 1h, by: first}";
  const Times y = first_times(run(two_crews(both, both)), 1);
  CHECK(y.tta == Approx(19 * minute));
  CHECK(y.ttm == Approx(29 * minute));
  CHECK(y.ttr == Approx(134 * minute));
  // A common cause takes the defaults, with the default crew: it queues behind x.
  const std::string shared = two_crews(mitigate, "") +
                             "common_causes: [{name: push, hits: {services: [y]}, "
                             "occurs: {fixed: 601m}, mitigate: {manual: 1h}}]\n";
  CHECK(first_times(run(shared), 2).tta == Approx(69 * minute));
}

// --- Attribution ----------------------------------------------------------------------------

TEST_CASE("external services and attributable_to decide the cause of downtime",
          "[behaviour][external][attributable_to]") {
  // Each service is down for an hour, 10 days in.
  const std::string fails =
      "failure_modes: [{name: outage, occurs: {fixed: 10d}, mitigate: {wait: 1h}";
  const std::string text =
      "scenario: causes\nhorizon: 15d\n"
      "services:\n"
      "  provider: {external: true, " +
      fails + "}]}\n  mine: {" + fails +
      "}]}\n"
      "  theirs: {" +
      fails +
      ", attributable_to: third_party}]}\n"
      "  client: {" +
      fails +
      ", attributable_to: customer}]}\n"
      "  owned: {external: true, " +
      fails +
      ", attributable_to: internal}]}\n"
      "  zoned: {}\n"
      "common_causes: [{name: cloud, hits: {services: [zoned]}, occurs: {fixed: 10d},\n"
      "                 mitigate: {wait: 1h}, attributable_to: third_party}]\n"
      "journeys: {p: [provider], m: [mine], t: [theirs], c: [client], o: [owned], "
      "z: [zoned]}\n";
  const RunResults r = run(text);
  const Cause expected[] = {Cause::third_party, Cause::internal, Cause::third_party,
                            Cause::customer,    Cause::internal, Cause::third_party};
  for (std::size_t s = 0; s < 6; ++s) {
    INFO("scope " << s);
    const std::size_t w = at_scope(r, 0, s, 0);
    CHECK(r.scope_down_by_cause[w * cause_count + static_cast<std::size_t>(expected[s])] ==
          Approx(hour));
    CHECK(r.scope_down[w] == Approx(hour));
  }
}

}  // namespace
}  // namespace reliasim::test
