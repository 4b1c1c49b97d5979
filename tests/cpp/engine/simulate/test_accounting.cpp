// Time accounting on deterministic histories (fixed times), where every number is known
// exactly: downtime per window, outages, attribution of shared downtime, SLA measurement
// rules, exclusions and credits.
#include <catch2/catch.hpp>

#include "model_builder.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

constexpr double day = 86400.0, minute = 60.0;

RunResults run_two(const CompiledModel& model) {
  RunConfig config;
  config.trials = 2;
  return simulate(model, config);
}

// 12 windows of 30 days, and a 50.5-minute maintenance on day 10 of each.
ModelBuilder monthly_maintenance() {
  ModelBuilder b(360 * day);
  b.windows(30 * day);
  const Index api = b.service("api");
  b.journey("use", {api});
  b.maintenance({api}, 30 * day, 50.5 * minute, 10 * day);
  return b;
}

}  // namespace

TEST_CASE("maintenance downtime lands in its windows, as outages, by cause") {
  const RunResults r = run_two(monthly_maintenance().build());
  REQUIRE(r.windows() == 12);
  for (std::size_t w = 0; w < 12; ++w) {
    CHECK(r.scope_down[w] == Approx(50.5 * minute));
    CHECK(r.scope_down_by_cause[w * cause_count + static_cast<int>(Cause::maintenance)] ==
          Approx(50.5 * minute));
  }
  CHECK(r.scope_outages[0] == 12);
  CHECK(r.scope_longest_outage[0] == Approx(50.5 * minute));
  CHECK(r.service_down[0] == Approx(12 * 50.5 * minute));
}

TEST_CASE("bad minutes: every touched minute counts, the credit follows the tier") {
  ModelBuilder b = monthly_maintenance();
  b.sla(0.999, 1000.0);
  const RunResults r = run_two(b.build());
  // 50.5 minutes touch 51 one-minute slots: uptime = 1 - 51 / 43200 = 0.998819 < 99.9 %.
  for (std::size_t w = 0; w < 12; ++w) {
    CHECK(r.sla_uptime[w] == Approx(1.0 - 51.0 / 43200.0).epsilon(1e-12));
    CHECK(r.sla_credit[w] == Approx(100.0 * 30.0 / (365.0 / 12.0)));  // 10 %, pro-rated to 30 d
  }
}

TEST_CASE("a minimum qualifying run ignores shorter outages") {
  ModelBuilder b = monthly_maintenance();
  b.sla(0.999, 1000.0).min_run = 3600.0;
  const RunResults r = run_two(b.build());
  CHECK(r.sla_uptime[0] == 1.0);
  CHECK(r.sla_credit[0] == 0.0);
}

TEST_CASE("excluded maintenance leaves numerator and denominator") {
  ModelBuilder b = monthly_maintenance();
  b.sla(0.999, 1000.0).excludes_maintenance = true;
  const RunResults r = run_two(b.build());
  CHECK(r.sla_uptime[0] == 1.0);
  CHECK(r.sla_credit[0] == 0.0);
}

TEST_CASE("error-rate measurement counts the time itself, not whole minutes") {
  ModelBuilder b = monthly_maintenance();
  b.sla(0.999, 1000.0).rule = MeasureRule::interval_error_rate;
  const RunResults r = run_two(b.build());
  CHECK(r.sla_uptime[0] == Approx(1.0 - 50.5 / 43200.0).epsilon(1e-12));
}

TEST_CASE("concurrent causes share downtime equally") {
  ModelBuilder b(15 * day);  // one cycle of each source
  const Index api = b.service("api"), db = b.service("db");
  b.depends(api, db);
  b.journey("use", {api});
  // api fails on day 10 for an hour; db 30 minutes later for an hour: down for 90 minutes.
  b.source("api/crash", {{}, {api}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(60 * minute);
  b.source("db/crash", {{}, {db}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day + 30 * minute);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(60 * minute);
  const RunResults r = run_two(b.build());
  CHECK(r.scope_down[0] == Approx(90 * minute));
  CHECK(r.scope_outages[0] == 1);
  // api alone 30 m, both 30 m (15 m each), db alone 30 m.
  CHECK(r.attributed_down[0] == Approx(45 * minute));
  CHECK(r.attributed_down[1] == Approx(45 * minute));
  // Down time spends the error budget at 1, and none of it is degraded.
  CHECK(r.attributed_error[0] == Approx(45 * minute));
  CHECK(r.attributed_error[1] == Approx(45 * minute));
  CHECK(r.attributed_degraded[0] == 0.0);
  CHECK(r.attributed_degraded[1] == 0.0);
  // Fixed times: both trials have the same history; incidents are user-facing.
  CHECK(r.incidents.size() == 4);
  for (const auto& incident : r.incidents) CHECK(incident.user_facing);
  // One user-facing incident per trial, detected at once (the api failure is detected at T0).
  REQUIRE(r.outages.size() == 2);
  CHECK(r.outages[0].start == 10 * day);
  CHECK(r.outages[0].end == Approx(10 * day + 90 * minute));
  CHECK(r.outages[0].detected == 10 * day);
  CHECK_FALSE(r.outages[0].censored);
}

TEST_CASE("concurrent degradations share degraded time and the error budget equally") {
  ModelBuilder b(15 * day);  // one cycle of each source
  const Index api = b.service("api");
  b.journey("use", {api});
  // Each fails half the requests for an hour, the second from 30 minutes into the first:
  // 30 m at 0.5, 30 m at 1 - 0.5 x 0.5 = 0.75 (both), 30 m at 0.5.
  for (const double start : {10 * day, 10 * day + 30 * minute}) {
    b.source("api/slow-" + std::to_string(static_cast<int>(start)), {{}, {api}}, 1, 1);
    b.last_source().time_to_failure = DistributionSpec::fixed_value(start);
    b.last_source().lifecycle.repair = DistributionSpec::fixed_value(60 * minute);
    b.last_source().down = false;
    b.last_source().degrade = 0.5;
  }
  const RunResults r = run_two(b.build());
  CHECK(r.scope_degraded[0] == Approx(90 * minute));
  CHECK(r.scope_error[0] == Approx((0.5 * 30 + 0.75 * 30 + 0.5 * 30) * minute));
  for (std::size_t mode = 0; mode < 2; ++mode) {
    CHECK(r.attributed_degraded[mode] == Approx((30 + 30 / 2.0) * minute));
    CHECK(r.attributed_error[mode] == Approx((0.5 * 30 + 0.75 * 30 / 2) * minute));
    CHECK(r.attributed_down[mode] == 0.0);
  }
}

TEST_CASE("a crew of one makes the second incident wait") {
  ModelBuilder b(15 * day);  // one cycle of each source
  const Index crew = b.crew("oncall", 1);
  const Index a = b.service("a"), c = b.service("c");
  b.journey("use", {a});
  b.source("a/crash", {{}, {a}}, 1, 1, crew);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day + 10 * minute);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(60 * minute);
  b.source("c/crash", {{}, {c}}, 1, 1, crew);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(60 * minute);
  const RunResults r = run_two(b.build());
  // c holds the only engineer until 10 d + 60 m: a waits 50 m, then takes 60 m.
  CHECK(r.scope_down[0] == Approx(110 * minute));
  for (const auto& incident : r.incidents)
    if (incident.source == 0) CHECK(incident.repaired - incident.start == Approx(110 * minute));
}

namespace {

// Every 20 days from the last repair, a bad deploy fails 80 % of requests for exactly 50.5
// minutes, on a journey that counts as down from `down_at` failing, under a 99.9 % SLA.
CompiledModel degrading_model(double down_at) {
  ModelBuilder b(90 * day);
  b.windows(30 * day);
  const Index api = b.service("api");
  b.source("api/bad-deploy", {{}, {api}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(20 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(50.5 * minute);
  b.last_source().down = false;
  b.last_source().degrade = 0.8;
  b.journey("use", {api});
  b.sla(0.999, 1000.0);
  CompiledModel model = b.build();
  model.journeys[0].down_at = down_at;
  return model;
}

}  // namespace

TEST_CASE("a journey degraded past its threshold is down: outages, attribution, bad minutes") {
  const RunResults r = run_two(degrading_model(0.5));
  // Windows hold 1, 1 and 2 degradations of 50.5 minutes (20d, 40d+50.5m, 60d+101m, 80d+151.5m).
  const double expected[] = {1, 1, 2};
  for (std::size_t w = 0; w < 3; ++w) {
    CHECK(r.scope_down[w] == Approx(expected[w] * 50.5 * minute));
    CHECK(r.scope_degraded[w] == 0.0);
    CHECK(r.scope_error[w] == Approx(0.8 * expected[w] * 50.5 * minute));
    CHECK(r.sla_uptime[w] == Approx(1.0 - expected[w] * 51.0 / 43200.0).epsilon(1e-12));
  }
  CHECK(r.scope_outages[0] == 4.0);
  CHECK(r.attributed_down[0] == Approx(4 * 50.5 * minute));
  // Down, but only 80 % of requests fail: the budget counts 0.8 of the time, as scope_error.
  CHECK(r.attributed_error[0] == Approx(0.8 * 4 * 50.5 * minute));
  CHECK(r.attributed_degraded[0] == 0.0);
}

TEST_CASE("below its threshold a journey is only degraded, and bad minutes ignore it") {
  const RunResults r = run_two(degrading_model(0.9));
  CHECK(r.scope_down[0] == 0.0);
  CHECK(r.scope_degraded[0] == Approx(50.5 * minute));
  CHECK(r.scope_outages[0] == 0.0);
  CHECK(r.attributed_down[0] == 0.0);
  CHECK(r.attributed_degraded[0] == Approx(4 * 50.5 * minute));
  CHECK(r.attributed_error[0] == Approx(0.8 * 4 * 50.5 * minute));
  CHECK(r.sla_uptime[0] == 1.0);
}

TEST_CASE("an SLA's own error threshold makes degraded minutes bad") {
  CompiledModel model = degrading_model(1.0);
  model.slas[0].error_threshold = 0.05;  // a bad minute: more than 5 % of requests fail
  const RunResults r = run_two(model);
  CHECK(r.scope_down[0] == 0.0);
  CHECK(r.sla_uptime[0] == Approx(1.0 - 51.0 / 43200.0).epsilon(1e-12));
  model.slas[0].error_threshold = 0.85;
  CHECK(run_two(model).sla_uptime[0] == 1.0);
}
