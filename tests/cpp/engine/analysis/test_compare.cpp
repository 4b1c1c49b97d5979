// Design comparison: paired differences on common random numbers, against cases whose answer
// is known: identical designs, a halved failure rate (closed form), fixed repair times and
// given costs.
#include <catch2/catch.hpp>
#include <cmath>

#include "../simulate/model_builder.hpp"
#include "../simulate/run_helpers.hpp"
#include "reliasim/analysis/compare.hpp"
#include "reliasim/analysis/trial_metrics.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/mean.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

RunResults run(const CompiledModel& model, std::uint64_t trials = 400, std::uint64_t seed = 11) {
  return run_trials(model, trials, seed);
}

// One service behind a journey, failing exponentially; the source's name is the same in
// every design built here, so designs draw the same numbers for it.
CompiledModel single(double mttf, double mttr, double monthly_cost = 0.0) {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, mttf, mttr);
  b.journey("use", {s});
  b.windows(year / 12);
  b.sla(0.999, 1000.0).currency = "USD";
  CompiledModel model = b.build();
  model.services[0].monthly_cost = monthly_cost;
  model.services[0].currency = "USD";
  return model;
}

}  // namespace

TEST_CASE("compare: identical designs show no difference at all", "[compare]") {
  const CompiledModel model = single(200 * hour, 5 * hour);
  const RunResults a = run(model), b = run(model);
  const Comparison c = compare(model, a, model, b);
  REQUIRE(c.scopes.size() == 1);
  for (const PairedDifference* p :
       {&c.scopes[0].availability, &c.scopes[0].downtime_per_year, &c.scopes[0].outages_per_year,
        &c.scopes[0].longest_outage, &c.scopes[0].outage_duration, &c.slas[0].credit_per_year,
        &c.slas[0].breach_probability}) {
    CHECK(p->difference.estimate == 0.0);
    CHECK(p->difference.lower == 0.0);
    CHECK(p->difference.upper == 0.0);
    CHECK_FALSE(p->distinguishable);
  }
  CHECK(c.verdict.find("No difference in use downtime is distinguishable") != std::string::npos);
  CHECK(c.only_in_a.empty());
  CHECK(c.only_in_b.empty());
}

TEST_CASE("compare: halving the failure rate, against the closed form, paired", "[compare]") {
  const double mttr = 10 * hour;
  const CompiledModel a_model = single(100 * hour, mttr), b_model = single(200 * hour, mttr);
  const RunResults a = run(a_model), b = run(b_model);
  const Comparison c = compare(a_model, a, b_model, b, check_confidence);
  const PairedDifference& down = c.scopes[0].downtime_per_year;
  const double expected = year * (finite_horizon_unavailability(200 * hour, mttr, year) -
                                  finite_horizon_unavailability(100 * hour, mttr, year));
  CHECK_COVERS(down.difference, expected);
  CHECK(down.distinguishable);
  CHECK(c.verdict.rfind("B has less use downtime than A", 0) == 0);
  // Common random numbers: the paired interval is far narrower than the unpaired one.
  const double unpaired = std::hypot(down.a.half_width(), down.b.half_width());
  CHECK(down.difference.half_width() < 0.7 * unpaired);
}

TEST_CASE("compare: mean outage duration with fixed repairs is exact", "[compare]") {
  CompiledModel a_model = single(300 * hour, 1), b_model = single(300 * hour, 1);
  a_model.sources[0].lifecycle.repair = DistributionSpec::fixed_value(2 * hour);
  b_model.sources[0].lifecycle.repair = DistributionSpec::fixed_value(1 * hour);
  const Comparison c = compare(a_model, run(a_model), b_model, run(b_model));
  const PairedDifference& d = c.scopes[0].outage_duration;
  CHECK(d.a.estimate == Approx(2 * hour));
  CHECK(d.b.estimate == Approx(1 * hour));
  CHECK(d.difference.estimate == Approx(-1 * hour));
  CHECK(d.difference.half_width() == Approx(0.0).margin(1e-6));
}

TEST_CASE("compare: running cost against the credits saved", "[compare]") {
  const CompiledModel a_model = single(100 * hour, 10 * hour, 100.0);
  const CompiledModel b_model = single(400 * hour, 10 * hour, 300.0);
  const Comparison c = compare(a_model, run(a_model), b_model, run(b_model));
  REQUIRE(c.costs.size() == 1);
  const CostComparison& cost = c.costs[0];
  CHECK(cost.currency == "USD");
  CHECK(cost.extra_cost_per_year == 2400.0);
  CHECK(cost.credits_saved_per_year.estimate ==
        Approx(-c.slas[0].credit_per_year.difference.estimate));
  CHECK(cost.net_saving_per_year.estimate == Approx(cost.credits_saved_per_year.estimate - 2400.0));
  CHECK(cost.credits_saved_per_year.estimate > 0.0);
}

TEST_CASE("compare: an SLA without a credit schedule sets no credit against cost", "[compare]") {
  CompiledModel a_model = single(100 * hour, 10 * hour, 100.0);
  CompiledModel b_model = single(400 * hour, 10 * hour, 300.0);
  a_model.slas[0].credits.clear();  // breach-only in both designs
  b_model.slas[0].credits.clear();
  const Comparison c = compare(a_model, run(a_model), b_model, run(b_model));
  REQUIRE(c.slas.size() == 1);
  CHECK_FALSE(c.slas[0].credit_schedule);
  CHECK(c.slas[0].breach_probability.difference.estimate < 0.0);  // B breaches less
  REQUIRE(c.costs.size() == 1);
  CHECK_FALSE(c.costs[0].credit_schedule);
  CHECK(c.costs[0].extra_cost_per_year == 2400.0);
  CHECK(c.verdict.find("no SLA in USD has a credit schedule") != std::string::npos);
  CHECK(c.verdict.find("in credits") == std::string::npos);
}

TEST_CASE("compare: runs must be paired", "[compare]") {
  const CompiledModel model = single(100 * hour, 10 * hour);
  CHECK_THROWS_AS(compare(model, run(model, 400, 1), model, run(model, 400, 2)),
                  std::invalid_argument);
  CHECK_THROWS_AS(compare(model, run(model, 400), model, run(model, 300)), std::invalid_argument);
}

TEST_CASE("compare: scopes and SLAs are matched by name", "[compare]") {
  CompiledModel a_model = single(100 * hour, 10 * hour), b_model = single(100 * hour, 10 * hour);
  b_model.journeys[0].name = "other";
  const Comparison c = compare(a_model, run(a_model), b_model, run(b_model));
  CHECK(c.scopes.empty());
  CHECK(c.only_in_a == std::vector<std::string>{"use"});
  CHECK(c.only_in_b == std::vector<std::string>{"other"});
}

namespace {

// Every interval of a comparison, flattened, to compare two comparisons bit for bit.
std::vector<double> bounds(const Comparison& c) {
  std::vector<double> out;
  const auto put = [&out](const PairedDifference& p) {
    for (const Interval* i : {&p.a, &p.b, &p.difference})
      out.insert(out.end(), {i->estimate, i->lower, i->upper});
  };
  for (const ScopeComparison& s : c.scopes)
    for (const PairedDifference* p :
         {&s.availability, &s.downtime_per_year, &s.degraded_per_year, &s.outages_per_year,
          &s.longest_outage, &s.outage_duration, &s.outage_ttd})
      put(*p);
  for (const SlaComparison& l : c.slas)
    for (const PairedDifference* p :
         {&l.breach_probability, &l.breaches_per_year, &l.credit_per_year})
      put(*p);
  for (const CostComparison& cost : c.costs)
    out.insert(out.end(), {cost.credits_saved_per_year.lower, cost.credits_saved_per_year.upper});
  return out;
}

RunResults range(const CompiledModel& model, std::uint64_t first, std::uint64_t trials) {
  RunConfig config;
  config.seed = 11, config.first_trial = first, config.trials = trials;
  return simulate(model, config);
}

}  // namespace

TEST_CASE("compare: batches give the bits of whole runs, however the trials are split",
          "[compare]") {
  const CompiledModel a_model = single(100 * hour, 10 * hour, 100.0);
  const CompiledModel b_model = single(300 * hour, 10 * hour, 250.0);
  const std::vector<double> whole =
      bounds(compare(a_model, range(a_model, 0, 400), b_model, range(b_model, 0, 400)));
  CompareBuilder builder(a_model, b_model);
  for (const auto& [first, trials] : std::vector<std::pair<int, int>>{{0, 3}, {3, 250}, {253, 147}})
    builder.add(range(a_model, first, trials), range(b_model, first, trials));
  CHECK(bounds(builder.finish()) == whole);
  RunConfig config;
  config.seed = 11, config.trials = 400, config.threads = 1;
  CHECK(bounds(compare_designs(a_model, b_model, config)) == whole);
}

TEST_CASE("compare: batches must follow each other", "[compare]") {
  const CompiledModel model = single(100 * hour, 10 * hour);
  CompareBuilder builder(model, model);
  builder.add(range(model, 0, 10), range(model, 0, 10));
  CHECK_THROWS_AS(builder.add(range(model, 20, 10), range(model, 20, 10)), std::invalid_argument);
  CHECK_THROWS_AS(CompareBuilder(model, model).finish(), std::invalid_argument);
}

TEST_CASE("compare: the paired ratio interval equals the delta method over residuals",
          "[compare]") {
  // Independent computation: residuals u = (y - R x) / mean(x) per trial, t-interval of
  // their paired difference (the textbook delta method for a ratio of means).
  const CompiledModel a_model = single(100 * hour, 10 * hour),
                      b_model = single(60 * hour, 4 * hour);
  const RunResults a = run(a_model), b = run(b_model);
  const Comparison c = compare(a_model, a, b_model, b);
  const TrialSums sa = trial_outage_sums(a, 0, OutageMeasure::duration);
  const TrialSums sb = trial_outage_sums(b, 0, OutageMeasure::duration);
  const auto residuals = [](const TrialSums& s) {
    double y = 0, x = 0;
    for (std::size_t t = 0; t < s.sum.size(); ++t) y += s.sum[t], x += s.count[t];
    const double r = y / x, mean_x = x / static_cast<double>(s.sum.size());
    std::vector<double> u;
    for (std::size_t t = 0; t < s.sum.size(); ++t)
      u.push_back((s.sum[t] - r * s.count[t]) / mean_x);
    return std::pair{r, u};
  };
  const auto [ra, ua] = residuals(sa);
  const auto [rb, ub] = residuals(sb);
  std::vector<double> d(ua.size());
  for (std::size_t t = 0; t < d.size(); ++t) d[t] = ub[t] - ua[t];
  const PairedDifference& p = c.scopes[0].outage_duration;
  CHECK(p.a.estimate == Approx(ra).epsilon(1e-12));
  CHECK(p.a.half_width() == Approx(summarize_mean(ua).interval.half_width()).epsilon(1e-9));
  CHECK(p.b.half_width() == Approx(summarize_mean(ub).interval.half_width()).epsilon(1e-9));
  CHECK(p.difference.estimate == Approx(rb - ra).epsilon(1e-12));
  CHECK(p.difference.half_width() == Approx(summarize_mean(d).interval.half_width()).epsilon(1e-9));
}

TEST_CASE("compare: saved ranges merged in any order give the bits of one comparison",
          "[compare]") {
  const CompiledModel a_model = single(100 * hour, 10 * hour, 100.0);
  const CompiledModel b_model = single(300 * hour, 10 * hour, 250.0);
  const auto part = [&](std::uint64_t first, std::uint64_t trials) {
    RunConfig config;
    config.seed = 11, config.first_trial = first, config.trials = trials;
    return compare_in_batches(a_model, b_model, config).save();
  };
  RunConfig whole;
  whole.seed = 11, whole.trials = 400;
  const std::vector<double> expected = bounds(compare_designs(a_model, b_model, whole));
  CompareBuilder merged = CompareBuilder::load(part(250, 150));
  merged.merge(CompareBuilder::load(part(0, 100)));
  merged.merge(CompareBuilder::load(part(100, 150)));
  CHECK(bounds(merged.finish()) == expected);
  CHECK(merged.ranges() == std::vector<TrialRange>{{0, 400}});
  CHECK(merged.finish().verdict == compare_designs(a_model, b_model, whole).verdict);
  // Overlaps, other designs and damaged bytes are refused.
  CHECK_THROWS_AS(merged.merge(CompareBuilder::load(part(390, 20))), std::invalid_argument);
  RunConfig other = whole;
  other.first_trial = 400, other.trials = 20;
  CompiledModel read_elsewhere = b_model;
  read_elsewhere.inputs = {input_file("scenario", "b.yaml", "another design's text")};
  CHECK_THROWS_AS(merged.merge(compare_in_batches(a_model, read_elsewhere, other)),
                  std::invalid_argument);
  other.seed = 12;
  CHECK_THROWS_AS(merged.merge(compare_in_batches(a_model, b_model, other)), std::invalid_argument);
  other.seed = 11;
  merged.merge(compare_in_batches(a_model, b_model, other));  // the same designs and seed: fine
  CHECK(merged.ranges() == std::vector<TrialRange>{{0, 420}});
  const std::string bytes = part(0, 50);
  for (std::size_t cut = 0; cut < bytes.size(); cut += 97)
    CHECK_THROWS_AS(CompareBuilder::load(bytes.substr(0, cut)), std::invalid_argument);
  CHECK_THROWS_AS(CompareBuilder::load(bytes + "x"), std::invalid_argument);
}
