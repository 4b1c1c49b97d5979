// Summaries: per-year scaling and SLA counts on known histories, and streaming summaries
// that agree with whole-run ones.
#include <catch2/catch.hpp>
#include <cmath>

#include "../simulate/model_builder.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

CompiledModel lifecycle_model() {
  ModelBuilder b;
  const Index api = b.service("api", 2, 1);
  b.replica_sources(api, 300 * hour, 3 * hour);
  b.source("api/deploy", {{}, {api}}, 100 * hour, 1);
  b.last_source().lifecycle.detectors = {
      {DetectionChannel::canary, 0.7, DistributionSpec::fixed_value(240)}};
  b.last_source().lifecycle.customer_report = DistributionSpec::exponential_mean(3600);
  b.last_source().lifecycle.repair = DistributionSpec::exponential_mean(1800);
  b.journey("use", {api});
  return b.build();
}

}  // namespace

TEST_CASE("streaming in batches gives the same means and quantiles within 1 %") {
  const CompiledModel model = lifecycle_model();
  RunConfig config;
  config.trials = 300;
  const Summary whole = summarize(simulate(model, config), model);
  SummaryBuilder builder(model, false);
  simulate_in_batches(model, config, 64, [&](const RunResults& batch) { builder.add(batch); });
  const Summary streamed = builder.finish();
  CHECK(streamed.trials == 300);
  CHECK(streamed.events == whole.events);
  CHECK(streamed.scopes[0].availability.estimate == whole.scopes[0].availability.estimate);
  CHECK(streamed.scopes[0].availability.lower == whole.scopes[0].availability.lower);
  CHECK(streamed.scopes[0].downtime_per_year.estimate ==
        whole.scopes[0].downtime_per_year.estimate);
  CHECK(streamed.scopes[0].error_time_per_year.estimate ==
        whole.scopes[0].error_time_per_year.estimate);
  CHECK(streamed.scopes[0].window_served[0].lower == whole.scopes[0].window_served[0].lower);
  CHECK(streamed.services[0].degraded_per_year.estimate ==
        whole.services[0].degraded_per_year.estimate);
  CHECK(streamed.times.ttr.mean.estimate == whole.times.ttr.mean.estimate);
  CHECK(streamed.times.ttr.p90.estimate == Approx(whole.times.ttr.p90.estimate).epsilon(0.01));
  CHECK(streamed.times.ttd.p99.estimate == Approx(whole.times.ttd.p99.estimate).epsilon(0.01));
}

TEST_CASE("summary batches must follow each other") {
  const CompiledModel model = lifecycle_model();
  RunConfig config;
  config.trials = 10;
  SummaryBuilder builder(model, true);
  builder.add(simulate(model, config));
  config.first_trial = 50;
  CHECK_THROWS_AS(builder.add(simulate(model, config)), std::invalid_argument);
}

TEST_CASE("the detection mix shows in TTD: canary at 4 minutes, customers later") {
  const CompiledModel model = lifecycle_model();
  RunConfig config;
  config.trials = 400;
  const Summary s = summarize(simulate(model, config), model);
  const auto& deploy = *std::find_if(s.failure_modes.begin(), s.failure_modes.end(),
                                     [](const auto& m) { return m.info.name == "api/deploy"; });
  // P(T1 <= 240 s) = 0.7 + 0.3 (1 - exp(-240/3600)): the median is the canary's 240 s.
  CHECK(deploy.times.ttd.p50.estimate == Approx(240.0));
  // Mean TTD = 0.7 x 240 + 0.3 x E[min(customer, ...)] = 0.7 x 240 + 0.3 x 3600.
  CHECK(deploy.times.ttd.mean.contains(0.7 * 240 + 0.3 * 3600));
  // Incidents per year: renewal cycles of 100 h + detection + 30 min repair.
  const double cycle = 100 * hour + 0.7 * 240 + 0.3 * 3600 + 1800;
  CHECK(deploy.incidents_per_year.contains(seconds_per_year / cycle));
}

TEST_CASE("a degrading-only failure: degraded and error time per year match the closed form") {
  // One source failing at rate r, each time failing a share f of requests for an exponential
  // time of mean d: a two-state Markov process that starts up. Its expected time degraded over
  // [0, T] is p T - p / (r + 1/d) (1 - exp(-(r + 1/d) T)), p = r d / (1 + r d), and its error
  // time f times that; it is never down.
  const double r = 20.0 / year, d = 6 * hour, f = 0.25;
  ModelBuilder b;
  const Index api = b.service("api");
  b.source("api/slow", {{}, {api}}, 1.0 / r, d);
  b.last_source().down = false;
  b.last_source().degrade = f;
  b.journey("use", {api});
  const CompiledModel model = b.build();
  RunConfig config;
  config.trials = 2000;
  const Summary s = summarize(simulate(model, config), model, 0.999);
  const double rate = r + 1.0 / d, p = r * d / (1.0 + r * d);
  const double degraded = p * year - p / rate * (1.0 - std::exp(-rate * year));
  const ScopeSummary& use = s.scopes.at(0);
  INFO("degraded " << use.degraded_per_year.estimate << " [" << use.degraded_per_year.lower << ", "
                   << use.degraded_per_year.upper << "], expected " << degraded);
  CHECK(use.degraded_per_year.contains(degraded));
  CHECK(use.error_time_per_year.contains(f * degraded));
  CHECK(use.window_served.at(0).contains(1.0 - f * degraded / year));
  CHECK(use.downtime_per_year.estimate == 0.0);
  CHECK(use.availability.estimate == 1.0);
  CHECK(s.services.at(0).degraded_per_year.contains(degraded));
  CHECK(s.services.at(0).downtime_per_year.estimate == 0.0);
}

TEST_CASE("SLA exposure on a history known exactly: every window pays the first tier") {
  constexpr double day = 86400.0;
  ModelBuilder b(360 * day);
  b.windows(30 * day);
  const Index api = b.service("api");
  b.journey("use", {api});
  b.maintenance({api}, 30 * day, 50.5 * 60, 10 * day);  // 51 bad minutes a window: 99.88 %
  b.sla(0.999, 1000.0);
  const CompiledModel model = b.build();
  RunConfig config;
  config.trials = 20;
  const Summary s = summarize(simulate(model, config), model);
  const SlaSummary& sla = s.slas.at(0);
  const double per_window = 100.0 * 30.0 / (365.0 / 12.0);  // 10 % of the fee, pro-rated
  const double annual = 12 * per_window * 365.0 / 360.0;    // per trial, scaled to a year
  CHECK(sla.breach_probability.estimate == 1.0);
  CHECK(sla.tier_probability.at(0).estimate == 1.0);
  CHECK(sla.tier_probability.at(1).estimate == 0.0);
  CHECK(sla.credit_per_window.estimate == Approx(per_window));
  CHECK(sla.credit_per_year.estimate == Approx(annual));
  CHECK(sla.var95.var == Approx(annual));
  CHECK(sla.var99.cvar == Approx(annual));
  REQUIRE(sla.breach_windows.size() == 13);
  CHECK(sla.breach_windows[12] == 1.0);
  CHECK(sla.breach_windows[0] == 0.0);
}

TEST_CASE("SLO error budgets on a fixed history: spent share and exhaustion per window") {
  // Failures every 10 days after the last repair, each down exactly one hour: windows of 30
  // days hold 2, 3 and 3 hours of downtime (failures at 10d, 20d+1h, 30d+2h, ..., 80d+7h).
  const double day = 86400.0;
  ModelBuilder b(90 * day);
  const Index api = b.service("api");
  b.source("api/crash", {{}, {api}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(hour);
  b.journey("use", {api});
  b.windows(30 * day);
  CompiledModel model = b.build();
  for (const double target : {0.995, 0.997})
    model.slos.push_back({"slo", {true, 0}, target, model.windows});
  RunConfig config;
  config.trials = 3;
  const Summary s = summarize(simulate(model, config), model);
  REQUIRE(s.slos.size() == 2);
  // 99.5 %: a budget of 216 minutes; spent 120, 180 and 180 minutes.
  CHECK(s.slos[0].budget_per_window == Approx(216 * 60.0));
  CHECK(s.slos[0].budget_spent.estimate == Approx((120.0 + 180 + 180) / 216 / 3));
  CHECK(s.slos[0].exhausted_probability.estimate == 0.0);
  // 99.7 %: 129.6 minutes, spent in full in the second and third windows.
  CHECK(s.slos[1].budget_spent.estimate == Approx((120.0 + 180 + 180) / 129.6 / 3));
  CHECK(s.slos[1].exhausted_probability.estimate == Approx(2.0 / 3.0));
  CHECK(s.slos[1].exhausted_per_year.estimate == Approx(2.0 * 365.0 / 90.0));
  CHECK(s.slos[1].scope == "use");
}

TEST_CASE("SLA credit sensitivity to one minute of downtime on a fixed history") {
  // Outages of exactly 43 minutes every 20 days (at 20d, 40d+43m, 60d+86m, 80d+129m): 30-day
  // windows at 99.9 % allow 43.2 minutes, so windows 1 and 2 (43 bad minutes) pay nothing
  // and would pay 10 % with one minute more; window 3 (86 minutes) pays 10 % either way.
  const double day = 86400.0;
  ModelBuilder b(90 * day);
  const Index api = b.service("api");
  b.source("api/crash", {{}, {api}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(20 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(43 * 60.0);
  b.journey("use", {api});
  b.windows(30 * day);
  b.sla(0.999, 1000.0);
  const CompiledModel model = b.build();
  RunConfig config;
  config.trials = 2;
  const Summary s = summarize(simulate(model, config), model);
  const double fee = 1000.0 * 30.0 / (365.0 / 12.0);  // a fixed window's share of a month
  const double per_year = 365.0 / 90.0;
  const SlaSummary& sla = s.slas.at(0);
  CHECK(sla.credit_per_year.estimate == Approx(0.10 * fee * per_year));
  CHECK(sla.credit_change_plus_minute.estimate == Approx(2 * 0.10 * fee * per_year));
  CHECK(sla.credit_change_minus_minute.estimate == Approx(0.0).margin(1e-9));
  // The first breach is the third window's, known when it ends.
  CHECK(sla.time_to_first_breach.count == 2);
  CHECK(sla.time_to_first_breach.p50.estimate == 90 * day);
  CHECK(sla.breach_in_horizon_probability.estimate == 1.0);
  // User-facing incidents per window: 1, 1 and 2.
  const ScopeSummary& scope = s.scopes.at(0);
  CHECK(scope.outages_per_window.estimate == Approx(4.0 / 3.0));
  REQUIRE(scope.window_outages.size() == max_counted_window_outages + 1);
  CHECK(scope.window_outages[0] == 0.0);
  CHECK(scope.window_outages[1] == Approx(2.0 / 3.0));
  CHECK(scope.window_outages[2] == Approx(1.0 / 3.0));
}

TEST_CASE("a rolling SLO window slides a day at a time") {
  // One-hour outages on days 3, 6 and 9 of 10; a 2-day rolling window at 99 % allows 28.8
  // minutes, so the 5 of its 9 positions that hold an outage spend 60 / 28.8 of it.
  const double day = 86400.0;
  ModelBuilder b(10 * day);
  const Index api = b.service("api");
  b.source("api/crash", {{}, {api}}, 1, 1);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(3 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(hour);
  b.journey("use", {api});
  CompiledModel model = b.build();
  model.slos.push_back({"slo", {true, 0}, 0.99, {WindowKind::rolling, 2 * day, {}}});
  RunConfig config;
  config.trials = 2;
  const RunResults r = simulate(model, config);
  REQUIRE(r.slo_span.at(0) == 2);
  REQUIRE(r.slo_windows(0) == 10);
  const Summary s = summarize(r, model);
  CHECK(s.slos[0].budget_per_window == Approx(0.01 * 2 * day));
  CHECK(s.slos[0].budget_spent.estimate == Approx(5.0 * (60.0 / 28.8) / 9.0));
  CHECK(s.slos[0].exhausted_probability.estimate == Approx(5.0 / 9.0));
}
