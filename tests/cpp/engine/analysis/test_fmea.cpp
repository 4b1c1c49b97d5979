// The FMEA worksheet: the AIAG-VDA Action Priority table, score bands at their edges, end
// effects, importance measures against hand-computed values, and the ranking by simulated
// risk on a deterministic model whose downtime and credit per mode are known exactly.
#include <catch2/catch.hpp>
#include <limits>
#include <map>

#include "../simulate/model_builder.hpp"
#include "../simulate/run_helpers.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

const FmeaRow& row_named(const FmeaWorksheet& sheet, const std::string& name) {
  for (const auto& row : sheet.rows)
    if (row.info.name == name) return row;
  FAIL("no row " << name);
  return sheet.rows.front();
}

// A source on `service` that fails `ttf` hours after its last repair and is repaired in
// `repair` hours: every history is the same.
void fixed_source(ModelBuilder& b, const std::string& name, Index service, double ttf,
                  double repair) {
  b.source(name, {{}, {service}}, 1.0, 1.0);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(ttf * hour);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(repair * hour);
}

// One service on one journey. Fixed times make every history the same: "big" is down 2 h
// every 1002 h (8 incidents in a year: 16 h), "small" 1 h every 3001 h (2 incidents: 2 h),
// never at the same time; "elsewhere" fails often on a service no journey uses.
CompiledModel deterministic_model() {
  ModelBuilder b;
  b.windows(30 * 86400.0);
  const Index api = b.service("api");
  const Index batch = b.service("batch");
  fixed_source(b, "elsewhere", batch, 500, 1);
  fixed_source(b, "small", api, 3000, 1);
  // Found by customers only (at once): the worst Detection score, so the highest RPN.
  b.last_source().lifecycle.detectors.clear();
  b.last_source().lifecycle.customer_report = DistributionSpec::fixed_value(0.0);
  fixed_source(b, "big", api, 1000, 2);
  b.journey("use", {api});
  b.sla(0.999, 1000.0);
  return b.build();
}

}  // namespace

TEST_CASE("the Action Priority table has 318 H, 214 M and 468 L") {
  std::map<ActionPriority, int> count;
  int severe_not_high = 0;
  for (int s = 1; s <= 10; ++s)
    for (int o = 1; o <= 10; ++o)
      for (int d = 1; d <= 10; ++d) {
        const ActionPriority ap = action_priority(s, o, d);
        ++count[ap];
        if (s >= 9 && ap != ActionPriority::high) ++severe_not_high;
      }
  CHECK(count[ActionPriority::high] == 318);
  CHECK(count[ActionPriority::medium] == 214);
  CHECK(count[ActionPriority::low] == 468);
  CHECK(severe_not_high == 48);  // "S >= 9 means H" is wrong (docs/fmea.md)
}

TEST_CASE("Action Priority cells as docs/fmea.md gives them") {
  auto ap = [](int s, int o, int d) { return priority_letter(action_priority(s, o, d)); };
  // S 9-10, O 2-3: H M L L for D 7-10 / 5-6 / 2-4 / 1.
  CHECK(ap(9, 2, 7) == 'H');
  CHECK(ap(9, 3, 5) == 'M');
  CHECK(ap(10, 2, 4) == 'L');
  CHECK(ap(10, 3, 1) == 'L');
  CHECK(ap(9, 4, 1) == 'M');  // S 9-10, O 4-5: H H H M
  CHECK(ap(10, 1, 10) == 'L');
  CHECK(ap(10, 10, 1) == 'H');
  CHECK(ap(7, 6, 1) == 'M');  // S 7-8, O 6-7: H H H M
  CHECK(ap(8, 4, 7) == 'H');  // S 7-8, O 4-5: H M M M
  CHECK(ap(7, 5, 2) == 'M');
  CHECK(ap(8, 2, 5) == 'M');  // S 7-8, O 2-3: M M L L
  CHECK(ap(8, 3, 4) == 'L');
  CHECK(ap(6, 8, 5) == 'H');  // S 4-6, O 8-10: H H M M
  CHECK(ap(4, 10, 4) == 'M');
  CHECK(ap(6, 6, 2) == 'M');  // S 4-6, O 6-7: M M M L
  CHECK(ap(5, 7, 1) == 'L');
  CHECK(ap(5, 4, 7) == 'M');  // S 4-6, O 4-5: M L L L
  CHECK(ap(4, 5, 6) == 'L');
  CHECK(ap(3, 8, 5) == 'M');  // S 2-3, O 8-10: M M L L
  CHECK(ap(2, 10, 4) == 'L');
  CHECK(ap(3, 7, 10) == 'L');
  CHECK(ap(1, 10, 10) == 'L');
  CHECK_THROWS_AS(action_priority(0, 5, 5), std::invalid_argument);
  CHECK_THROWS_AS(action_priority(5, 11, 5), std::invalid_argument);
}

TEST_CASE("score bands: an edge belongs to the band it starts") {
  const FmeaBands bands;
  CHECK(bands.occurrence.score(0.0) == 1);
  CHECK(bands.occurrence.score(0.0099) == 1);
  CHECK(bands.occurrence.score(0.01) == 2);
  CHECK(bands.occurrence.score(0.999) == 4);
  CHECK(bands.occurrence.score(1.0) == 5);
  CHECK(bands.occurrence.score(12.0) == 7);
  CHECK(bands.occurrence.score(100.0) == 10);
  CHECK(bands.occurrence.score(1e9) == 10);
  // Falling: more automatic detection scores lower.
  CHECK(bands.detection_probability.score(1.0) == 1);
  CHECK(bands.detection_probability.score(0.999) == 1);
  CHECK(bands.detection_probability.score(0.998) == 2);
  CHECK(bands.detection_probability.score(0.95) == 4);
  CHECK(bands.detection_probability.score(0.9499) == 5);
  CHECK(bands.detection_probability.score(0.0) == 10);
  CHECK(bands.detection_delay.score(59.0) == 1);
  CHECK(bands.detection_delay.score(60.0) == 2);
  CHECK(bands.detection_delay.score(86400.0) == 10);
  // Unreachable edges cap a scale: a whole journey lost is 7 on the impact scale.
  CHECK(bands.severity_impact.score(0.0) == 1);
  CHECK(bands.severity_impact.score(0.3) == 5);
  CHECK(bands.severity_impact.score(0.98) == 6);
  CHECK(bands.severity_impact.score(1.0) == 7);
  CHECK(bands.severity_budget.score(0.0) == 1);
  CHECK(bands.severity_budget.score(0.1999) == 7);
  CHECK(bands.severity_budget.score(0.2) == 8);  // the SRE Workbook's postmortem trigger
  CHECK(bands.severity_budget.score(0.999) == 9);
  CHECK(bands.severity_budget.score(1.0) == 10);
  // Unknown scores the worst.
  CHECK(bands.detection_delay.score(std::numeric_limits<double>::quiet_NaN()) == 10);
  CHECK(bands.detection_probability.score(std::numeric_limits<double>::quiet_NaN()) == 10);
}

TEST_CASE("end effects: redundancy masks a replica, soft dependencies scale a failure") {
  ModelBuilder b;
  const Index cache = b.service("cache");  // replica 0; before its dependent in the order
  const Index api = b.service("api", 3, 2);
  b.source("replica", {{1}, {}}, 100 * hour, hour);
  b.source("outage", {{}, {api}}, 100 * hour, hour);
  b.source("cache-down", {{}, {cache}}, 100 * hour, hour);
  b.source("slow", {{}, {api}}, 100 * hour, hour);
  b.last_source().down = false;
  b.last_source().degrade = 0.2;
  CompiledModel model = b.build();
  model.services[static_cast<std::size_t>(api)].soft_dependencies.push_back({cache, 0.5});
  model.journeys.push_back({"use", {api}});
  const auto effects = end_effects(model);
  REQUIRE(effects.size() == 4);
  CHECK(effects[0][0] == 0.0);
  CHECK(effects[1][0] == 1.0);
  CHECK(effects[2][0] == Approx(0.5));
  CHECK(effects[3][0] == Approx(0.2));
}

TEST_CASE("importance of a series pair") {
  analytic::Structure s;
  const int root = s.all_of({s.component(0), s.component(1)});
  const auto i = importance(s, root, {0.9, 0.8}, {{0}, {1}, {}});
  // Q = 1 - 0.72 = 0.28; Q(0 perfect) = 0.2, Q(1 perfect) = 0.1; Q(either failed) = 1.
  CHECK(i[0].birnbaum == Approx(0.8));
  CHECK(i[1].birnbaum == Approx(0.9));
  CHECK(i[0].fussell_vesely == Approx(0.08 / 0.28));
  CHECK(i[1].fussell_vesely == Approx(0.18 / 0.28));
  CHECK(i[0].achievement_worth == Approx(1 / 0.28));
  CHECK(i[1].achievement_worth == Approx(1 / 0.28));
  CHECK(i[0].reduction_worth == Approx(1.4));
  CHECK(i[1].reduction_worth == Approx(2.8));
  // A group with no component (a mode that only degrades) is neutral.
  CHECK(i[2].birnbaum == 0.0);
  CHECK(i[2].fussell_vesely == 0.0);
  CHECK(i[2].achievement_worth == 1.0);
  CHECK(i[2].reduction_worth == 1.0);
}

TEST_CASE("importance of a parallel pair: perfecting either member removes all risk") {
  analytic::Structure s;
  const int root = s.any_of({s.component(0), s.component(1)});
  const auto i = importance(s, root, {0.9, 0.8}, {{0}, {1}, {0, 1}});
  // Q = 0.1 x 0.2 = 0.02.
  CHECK(i[0].birnbaum == Approx(0.2));
  CHECK(i[1].birnbaum == Approx(0.1));
  CHECK(i[0].fussell_vesely == Approx(1.0));
  CHECK(i[0].achievement_worth == Approx(0.2 / 0.02));
  CHECK(i[1].achievement_worth == Approx(0.1 / 0.02));
  CHECK(i[0].reduction_worth == infinity);
  CHECK(i[1].reduction_worth == infinity);
  // Both together: the sensitivities add; failing both always fails the root.
  CHECK(i[2].birnbaum == Approx(0.3));
  CHECK(i[2].achievement_worth == Approx(1 / 0.02));
  CHECK(i[2].reduction_worth == infinity);
}

TEST_CASE("importance when the root never fails: an infinite RAW, exactly") {
  analytic::Structure s;
  const int root = s.any_of({s.component(0), s.component(1)});
  const auto i = importance(s, root, {1.0, 0.8}, {{0}, {1}});
  // Q = 0: failing the perfect member exposes the other (Q = 0.2 > 0); failing the other
  // changes nothing (0 / 0: neutral).
  CHECK(i[0].birnbaum == Approx(0.2));
  CHECK(i[0].achievement_worth == infinity);
  CHECK(i[0].reduction_worth == 1.0);
  CHECK(i[0].fussell_vesely == 0.0);
  CHECK(i[1].birnbaum == 0.0);
  CHECK(i[1].achievement_worth == 1.0);
  CHECK(i[1].reduction_worth == 1.0);
}

TEST_CASE("the worksheet ranks by simulated downtime and credit, not by RPN") {
  const CompiledModel model = deterministic_model();
  RunConfig config;
  config.trials = 4;
  config.sla_attribution = true;
  const FmeaWorksheet sheet = fmea_worksheet(simulate(model, config), model);
  REQUIRE(sheet.rows.size() == 3);
  CHECK(sheet.scope == "use");
  CHECK(sheet.rows[0].info.name == "big");
  CHECK(sheet.rows[1].info.name == "small");
  CHECK(sheet.rows[2].info.name == "elsewhere");  // no effect: last, though the most frequent
  const FmeaRow& big = row_named(sheet, "big");
  const FmeaRow& small = row_named(sheet, "small");
  const FmeaRow& elsewhere = row_named(sheet, "elsewhere");
  CHECK(big.incidents_per_year.estimate == Approx(8));
  CHECK(small.incidents_per_year.estimate == Approx(2));
  CHECK(elsewhere.incidents_per_year.estimate == Approx(17));
  CHECK(big.downtime_per_year.estimate == Approx(16 * hour));
  CHECK(small.downtime_per_year.estimate == Approx(2 * hour));
  CHECK(elsewhere.downtime_per_year.estimate == 0.0);
  CHECK(big.downtime_share == Approx(16.0 / 18.0));
  CHECK(small.rpn > big.rpn);  // customers find it: D = 10
  CHECK(small.detection == 10);
  CHECK(big.detection == 1);
  CHECK(small.detection_probability == 0.0);
  CHECK(big.detection_probability == 1.0);

  // 30-day windows, 10 % of the fee pro-rated from a month of 365/12 days per breached window.
  // "big" breaches 8 windows, twice together with "small" (2 h and 1 h down): those credits
  // split 2 : 1.
  const double credit = 0.1 * 1000.0 * 30.0 / (365.0 / 12.0);
  REQUIRE(big.credit_per_year.size() == 1);
  CHECK(big.credit_per_year[0].amount.estimate == Approx(6 * credit + 2 * credit * 2.0 / 3.0));
  CHECK(small.credit_per_year[0].amount.estimate == Approx(2 * credit / 3.0));
  CHECK(elsewhere.credit_per_year[0].amount.estimate == 0.0);
  CHECK(sheet.credit_per_year[0].amount.estimate == Approx(8 * credit));
  CHECK(sheet.unattributed_credit[0].amount.estimate == 0.0);

  // Severity: losing the journey for 2 h spends more than a whole 99.9 % budget (43.2 min).
  CHECK(big.impact_fraction == 1.0);
  CHECK(big.budget_per_incident == Approx(120.0 / 43.2));
  CHECK(big.severity == 10);
  CHECK(elsewhere.severity == 1);
  CHECK(big.occurrence == 6);
  CHECK(elsewhere.occurrence == 7);
  CHECK(big.rpn == big.severity * big.occurrence * big.detection);
  CHECK(big.priority == action_priority(big.severity, big.occurrence, big.detection));
  // Two services in series on the journey's path: both matter, neither alone.
  CHECK(big.importance.birnbaum > 0.0);
  CHECK(elsewhere.importance.birnbaum == 0.0);
  CHECK(elsewhere.importance.achievement_worth == 1.0);
}

TEST_CASE("a worksheet built from batches equals one built from the whole run") {
  const CompiledModel model = deterministic_model();
  RunConfig config;
  config.trials = 6;
  config.sla_attribution = true;
  const FmeaWorksheet whole = fmea_worksheet(simulate(model, config), model);
  FmeaBuilder builder(model, true);
  simulate_in_batches(model, config, 4, [&](const RunResults& batch) { builder.add(batch); });
  const FmeaWorksheet batched = builder.finish();
  REQUIRE(batched.rows.size() == whole.rows.size());
  for (std::size_t i = 0; i < whole.rows.size(); ++i) {
    CHECK(batched.rows[i].info.name == whole.rows[i].info.name);
    CHECK(batched.rows[i].downtime_per_year.estimate == whole.rows[i].downtime_per_year.estimate);
    CHECK(batched.rows[i].credit_per_year[0].amount.estimate ==
          whole.rows[i].credit_per_year[0].amount.estimate);
    CHECK(batched.rows[i].rpn == whole.rows[i].rpn);
  }
  config.sla_attribution = false;  // without it the credit cannot be shared out
  CHECK_THROWS_AS(fmea_worksheet(simulate(model, config), model), std::invalid_argument);
}

namespace {

// Two journeys on a service each, over a year, every history the same. On journey A,
// "degrades-a" fails a quarter of the requests 4 h every 504 h (17 times: 68 h degraded, an
// error integral of 17 h) and "short-a" takes it down 1 h every 3001 h (twice: 2 h), never at
// once; on B, "breaks-b" takes it down 2 h every 1002 h (8 times: 16 h) and has a runbook;
// "idle" fails a service no journey uses. A's error budget is the default 99.9 % (8.76 h a
// year); an SLO of 99 % gives B 87.6 h. An SLA on A counts bad minutes: down time only.
CompiledModel two_journey_model() {
  ModelBuilder b;
  const Index a = b.service("a"), b_service = b.service("b"), c = b.service("c");
  fixed_source(b, "breaks-b", b_service, 1000, 2);
  b.last_source().lifecycle.runbook = true;
  fixed_source(b, "short-a", a, 3000, 1);
  fixed_source(b, "degrades-a", a, 500, 4);
  b.last_source().down = false;
  b.last_source().degrade = 0.25;
  fixed_source(b, "idle", c, 4000, 1);
  b.journey("A", {a});
  b.journey("B", {b_service});
  b.sla(0.999, 1000.0);
  CompiledModel model = b.build();
  model.slos.push_back({"b-slo", {true, 1}, 0.99, model.windows});
  return model;
}

FmeaWorksheet two_journey_sheet(const FmeaView& view) {
  const CompiledModel model = two_journey_model();
  RunConfig config;
  config.trials = 3;
  config.sla_attribution = true;
  return fmea_worksheet(simulate(model, config), model, {}, 0.95, view);
}

std::vector<std::string> ranked_names(const FmeaWorksheet& sheet) {
  std::vector<std::string> names;
  for (const FmeaRow& row : sheet.rows) names.push_back(row.info.name + "@" + row.scope);
  return names;
}

constexpr double budget_a = 0.001 * 8760 * hour, budget_b = 0.01 * 8760 * hour;

}  // namespace

TEST_CASE("a mode that breaks only journey B is measured with its scope named") {
  const FmeaWorksheet first = two_journey_sheet({});
  CHECK(first.scope == "A");
  CHECK(row_named(first, "breaks-b").downtime_per_year.estimate == 0.0);

  const FmeaWorksheet sheet = two_journey_sheet({"B"});
  REQUIRE(sheet.scopes.size() == 1);
  CHECK(sheet.scope == "B");
  CHECK(sheet.scopes[0].error_budget_per_year == Approx(budget_b));
  CHECK(sheet.scopes[0].downtime_per_year.estimate == Approx(16 * hour));
  const FmeaRow& breaks = row_named(sheet, "breaks-b");
  CHECK(sheet.rows.front().info.name == "breaks-b");
  CHECK(breaks.scope == "B");
  CHECK(breaks.downtime_per_year.estimate == Approx(8 * 2 * hour));  // 8 a year, 2 h each
  CHECK(breaks.downtime_share == Approx(1.0));
  CHECK(breaks.budget_burn.estimate == Approx(16 * hour / budget_b));
  // The runbook mark, and the SLO and SLA columns, whatever the scope.
  CHECK(breaks.runbook);
  CHECK_FALSE(row_named(sheet, "short-a").runbook);
  REQUIRE(breaks.slo_burn.size() == 1);
  CHECK(breaks.slo_burn[0].estimate == Approx(16 * hour / budget_b));
  CHECK(row_named(sheet, "short-a").slo_burn[0].estimate == 0.0);
  REQUIRE(sheet.slas == std::vector<std::string>{"sla"});
  CHECK(row_named(sheet, "short-a").sla_bad_time[0].estimate == Approx(2 * hour));
  CHECK(breaks.sla_bad_time[0].estimate == 0.0);  // on B, which the SLA does not measure
  CHECK(row_named(sheet, "degrades-a").sla_bad_time[0].estimate == 0.0);  // not down

  const CompiledModel model = two_journey_model();
  CHECK(fmea_scopes(model, "B") == std::vector<Index>{1});
  CHECK(fmea_scopes(model, "all") == std::vector<Index>{0, 1});
  CHECK_THROWS_WITH(fmea_scopes(model, "c"), Catch::Contains("valid: all, A, B"));
  CHECK_THROWS_AS(FmeaBuilder(model, true, {}, 0.95, {"nowhere"}), std::invalid_argument);
}

TEST_CASE("the default ranking spends the error budget: a long degradation outranks an outage") {
  const FmeaWorksheet sheet = two_journey_sheet({});
  CHECK(sheet.rank_by == FmeaRanking::budget);
  CHECK(ranked_names(sheet) ==
        std::vector<std::string>{"degrades-a@A", "short-a@A", "breaks-b@A", "idle@A"});
  const FmeaRow& degrades = row_named(sheet, "degrades-a");
  CHECK(degrades.downtime_per_year.estimate == 0.0);
  CHECK(degrades.degraded_per_year.estimate == Approx(17 * 4 * hour));
  // A quarter of the requests for 68 h: 17 h of the 8.76 h budget.
  CHECK(degrades.budget_burn.estimate == Approx(0.25 * 68 * hour / budget_a));
  CHECK(row_named(sheet, "short-a").budget_burn.estimate == Approx(2 * hour / budget_a));
  const FmeaScope& a = sheet.scopes.at(0);
  CHECK(a.downtime_per_year.estimate == Approx(2 * hour));
  CHECK(a.degraded_per_year.estimate == Approx(68 * hour));
  CHECK(a.budget_burn.estimate == Approx((2 + 17) * hour / budget_a));

  CHECK(ranked_names(two_journey_sheet({"", FmeaRanking::downtime})) ==
        std::vector<std::string>{"short-a@A", "degrades-a@A", "breaks-b@A", "idle@A"});
  // 120 bad minutes under the SLA first; then the budget breaks the tie at zero.
  CHECK(ranked_names(two_journey_sheet({"", FmeaRanking::bad_minutes})) ==
        std::vector<std::string>{"short-a@A", "degrades-a@A", "breaks-b@A", "idle@A"});
  CHECK(parse_ranking("bad-minutes") == FmeaRanking::bad_minutes);
  CHECK(std::string(ranking_name(FmeaRanking::credit)) == "credit");
  CHECK_THROWS_AS(parse_ranking("rpn"), std::invalid_argument);
}

TEST_CASE("all scopes: one row per failure mode and scope it affects, ranked together") {
  const FmeaWorksheet sheet = two_journey_sheet({all_scopes});
  REQUIRE(sheet.scopes.size() == 2);
  CHECK(sheet.scopes[1].name == "B");
  // Budget shares compare across scopes: 17 / 8.76 > 2 / 8.76 > 16 / 87.6. A mode that
  // affects no scope still has its row, for the first.
  CHECK(ranked_names(sheet) ==
        std::vector<std::string>{"degrades-a@A", "short-a@A", "breaks-b@B", "idle@A"});
  CHECK(row_named(sheet, "breaks-b").downtime_per_year.estimate == Approx(16 * hour));
  const FmeaWorksheet by_downtime = two_journey_sheet({all_scopes, FmeaRanking::downtime});
  CHECK(ranked_names(by_downtime) ==
        std::vector<std::string>{"breaks-b@B", "short-a@A", "degrades-a@A", "idle@A"});
}

TEST_CASE("measured in its scope, a mode agrees with the closed forms") {
  // Exponential times: B is down while "b-outage" lasts (MTTF 100 h, MTTR 2 h); "a-slow"
  // fails 30 % of A's requests (MTTF 50 h, MTTR 5 h).
  ModelBuilder b;
  const Index a = b.service("a"), b_service = b.service("b");
  b.source("b-outage", {{}, {b_service}}, 100 * hour, 2 * hour);
  b.source("a-slow", {{}, {a}}, 50 * hour, 5 * hour);
  b.last_source().down = false;
  b.last_source().degrade = 0.3;
  b.journey("A", {a});
  b.journey("B", {b_service});
  const CompiledModel model = b.build();
  RunConfig config;
  config.trials = 400;
  config.seed = 7;
  const RunResults results = simulate(model, config);

  const FmeaWorksheet on_b = fmea_worksheet(results, model, {}, check_confidence, {"B"});
  CHECK_COVERS(row_named(on_b, "b-outage").downtime_per_year,
               year * finite_horizon_unavailability(100 * hour, 2 * hour, year));
  const FmeaWorksheet on_a = fmea_worksheet(results, model, {}, check_confidence, {"A"});
  const double degraded = year * finite_horizon_unavailability(50 * hour, 5 * hour, year);
  const FmeaRow& slow = row_named(on_a, "a-slow");
  CHECK_COVERS(slow.degraded_per_year, degraded);
  CHECK_COVERS(slow.budget_burn, 0.3 * degraded / (0.001 * year));  // the default 99.9 %
}
