// Every key of docs/scenario-format.md changes what the docs say it changes: time, maintenance,
// SLOs, SLAs, costs and the labels that reach the outputs (services, failure modes and their
// lifecycle are in test_key_behaviour.cpp). Results are compared with hand computations from
// fixed times.
#include <algorithm>
#include <catch2/catch.hpp>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/compare.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/render/report.hpp"

namespace reliasim::test {
namespace {

// --- Time: start, windows, each contract's window ---------------------------------------------

std::string timed(const std::string& top, const std::string& slo_window,
                  const std::string& sla_window) {
  return "scenario: time\nhorizon: 90d\n" + top +
         "services: {api: }\njourneys: {shop: [api]}\n"
         "slos: [{journey: shop, target: 99.9%" +
         slo_window +
         "}]\n"
         "slas:\n"
         "  - {name: gold, journey: shop, target: 99.9%, measure: weighted_outage" +
         sla_window +
         ",\n"
         "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
}

TEST_CASE("start and windows lay out the windows; a contract's window overrides them",
          "[behaviour][windows][start]") {
  // January, February and March 2027 make 90 days; from February 2028, a leap year, 29, 31, 30.
  const RunResults months = run(timed("start: 2027-01\nwindows: calendar-month\n", "", ""));
  CHECK(months.window_bounds == std::vector<double>{0, 31 * day, 59 * day, 90 * day});
  CHECK(months.sla_window_bounds[0] == months.window_bounds);
  CHECK(months.slo_window_bounds[0] == months.window_bounds);
  const RunResults leap = run(timed("start: 2028-02\nwindows: calendar-month\n", "", ""));
  CHECK(leap.window_bounds == std::vector<double>{0, 29 * day, 60 * day, 90 * day});
  // `start` defaults to January 2027; each SLO and SLA may choose its own window.
  const RunResults own = run(timed("windows: calendar-month\n", ", window: 30d", ", window: 30d"));
  const std::vector<double> thirty{0, 30 * day, 60 * day, 90 * day};
  CHECK(own.window_bounds == months.window_bounds);
  CHECK(own.sla_window_bounds[0] == thirty);
  CHECK(own.slo_window_bounds[0] == thirty);
  CHECK(own.slo_span[0] == 1);
  // A rolling window: an SLA pays per consecutive 30 days; an SLO slides a day at a time.
  const RunResults rolling = run(timed("windows: 30d-rolling\n", "", ""));
  CHECK(rolling.sla_window_bounds[0] == thirty);
  CHECK(rolling.window_bounds == thirty);
  CHECK(rolling.slo_span[0] == 30);
}

TEST_CASE("windows default to calendar months; offset, excluded_from_sla, measure are written",
          "[behaviour][windows][maintenance][sla]") {
  const std::string text =
      "scenario: unwritten\nhorizon: 60d\n"
      "services: {api: }\njourneys: {shop: [api]}\n"
      "maintenance: [{services: [api], every: 30d, duration: 1h}]\n"
      "slas:\n"
      "  - {name: gold, journey: shop, target: 99.9%,\n"
      "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
  const auto errors = errors_of(text);
  CHECK_ERROR_COUNT(errors, 3);
  for (const std::string key : {"offset", "excluded_from_sla", "measure"}) {
    INFO(key);
    CHECK(std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& d) {
      return d.message.find("missing required key '" + key + "'") != std::string::npos;
    }));
  }
  // Without `windows`, January and February 2027 from the default start.
  const RunResults r =
      run("scenario: months\nhorizon: 60d\nservices: {api: }\n"
          "journeys: {shop: [api]}\n");
  CHECK(r.window_bounds == std::vector<double>{0, 31 * day, 59 * day, 60 * day});
}

TEST_CASE("windows: any length of at least an hour, paid pro rata", "[behaviour][windows]") {
  // Weekly windows over 90 days: 12 weeks and 6 days. A day of counted maintenance a week,
  // uptime 6/7, pays 10 % of 7 / 30.42 of the monthly fee.
  const std::string text =
      "scenario: weekly\nhorizon: 90d\nwindows: 7d\n"
      "services: {api: }\njourneys: {shop: [api]}\n"
      "maintenance: [{services: [api], every: 7d, duration: 1d, offset: 0, "
      "excluded_from_sla: false}]\n"
      "slas:\n"
      "  - {name: gold, journey: shop, target: 99%, measure: weighted_outage,\n"
      "     credits: [{below: 99%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
  const RunResults r = run(text);
  REQUIRE(r.window_bounds.size() == 14);
  CHECK(r.window_bounds[1] == 7 * day);
  CHECK(r.window_bounds[13] == 90 * day);
  CHECK(r.sla_uptime[0] == Approx(6.0 / 7.0));
  CHECK(r.sla_credit[0] == Approx(0.10 * 1000 * 7 / (365.0 / 12.0)));
}

// --- Maintenance and SLOs ----------------------------------------------------------------------

TEST_CASE("maintenance takes every listed service down: every, duration, offset",
          "[behaviour][maintenance]") {
  const std::string text =
      "scenario: maintained\nhorizon: 90d\nwindows: 30d\n"
      "services: {api: , db: , other: }\n"
      "journeys: {a: [api], d: [db], o: [other]}\n"
      "maintenance: [{services: [api, db], every: 20d, duration: 2h, offset: 5d, "
      "excluded_from_sla: true}]\n";
  const RunResults r = run(text);
  // Windows at 5, 25, 45, 65 and 85 days: one, one, two, ... per 30-day window: 5 d and 25 d
  // in the first, 45 d in the second, 65 d and 85 d in the third.
  const double expected[] = {2, 1, 2};
  for (std::size_t w = 0; w < 3; ++w) {
    CHECK(r.scope_down[at_scope(r, 0, 0, w)] == Approx(expected[w] * 2 * hour));
    CHECK(r.scope_down[at_scope(r, 0, 1, w)] == Approx(expected[w] * 2 * hour));
    CHECK(r.scope_down[at_scope(r, 0, 2, w)] == 0.0);
  }
  CHECK(r.outages.front().start == Approx(5 * day));
}

TEST_CASE("slos: the target sets the budget, the window its period; a service can be measured",
          "[behaviour][slos]") {
  // 21.6 minutes of maintenance in each 30-day window: half of a 99.9 % budget (43.2 min).
  const std::string text =
      "scenario: budgets\nhorizon: 90d\nwindows: 30d\n"
      "services: {api: }\njourneys: {shop: [api]}\n"
      "maintenance: [{services: [api], every: 30d, duration: 21.6m, offset: 1d, "
      "excluded_from_sla: true}]\n"
      "slos:\n"
      "  - {name: relaxed, journey: shop, target: 99.9%}\n"
      "  - {name: strict, service: api, target: 99.96%}\n";
  const auto [model, r] = model_run(text);
  const Summary s = summarize(r, model);
  REQUIRE(s.slos.size() == 2);
  CHECK(s.slos[0].name == "relaxed");
  CHECK(s.slos[0].budget_per_window == Approx(43.2 * minute));
  CHECK(s.slos[0].budget_spent.estimate == Approx(0.5));
  CHECK(s.slos[0].exhausted_probability.estimate == 0.0);
  // 99.96 % allows 17.28 minutes: spent 1.25 times over, every window.
  CHECK(s.slos[1].scope == "api");
  CHECK(s.slos[1].budget_spent.estimate == Approx(21.6 / 17.28));
  CHECK(s.slos[1].exhausted_probability.estimate == 1.0);
}

// --- SLAs ------------------------------------------------------------------------------------

// A 30-day-window SLA on a service down for 15 hours a window (maintenance that every SLA
// counts): uptime 1 - 900 / 43200 = 97.92 %, in the 25 % tier.
std::string contract(const std::string& terms) {
  return "scenario: contract\nhorizon: 90d\nwindows: 30d\n"
         "services: {api: }\njourneys: {shop: [api]}\n"
         "maintenance: [{services: [api], every: 30d, duration: 15h, offset: 1d, "
         "excluded_from_sla: false}]\n"
         "slas:\n"
         "  - {name: gold, journey: shop, measure: {bad_minutes: {granularity: 1m}},\n"
         "     credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%},\n"
         "               {below: 95%, credit: 100%}],\n"
         "     fee: {monthly: 1000, currency: EUR}, " +
         terms + "}\n";
}

TEST_CASE("slas: the lowest tier reached pays, capped, and only from min_payout",
          "[behaviour][sla][credits]") {
  const double share = thirty_day_fee_share;
  const auto credit = [](const std::string& terms) {
    const RunResults r = run(contract(terms));
    CHECK(r.sla_uptime[1] == Approx(1.0 - 900.0 / 43200.0).epsilon(1e-12));
    return r.sla_credit[1];
  };
  CHECK(credit("target: 99.9%") == Approx(0.25 * 1000 * share));
  CHECK(credit("target: 99.9%, cap: 20%") == Approx(0.20 * 1000 * share));
  CHECK(credit("target: 99.9%, min_payout: 250") == 0.0);  // 246.6 is under 250
  CHECK(credit("target: 99.9%, min_payout: 240") == Approx(0.25 * 1000 * share));
}

TEST_CASE("slas: a window breaches when uptime is under the target", "[behaviour][sla]") {
  // Uptime 97.92 % breaches a 98 % target, not a 97.9 % one; the credit tier, starting at
  // 97.9 %, pays neither.
  const auto breach = [](const std::string& target) {
    std::string text = contract("target: " + target);
    const std::size_t tiers = text.find("credits:");
    text.replace(tiers, text.find("fee:") - tiers, "credits: [{below: 97.9%, credit: 10%}], ");
    const auto [model, r] = model_run(text);
    CHECK(r.sla_credit[0] == 0.0);
    const Summary s = summarize(r, model);
    CHECK(s.slas[0].currency == "EUR");
    return s.slas[0].breach_probability.estimate;
  };
  CHECK(breach("98%") == 1.0);
  CHECK(breach("97.9%") == 0.0);
}

// A 30-day SLA measured by `rule` on a window holding a 50.5-minute outage (16 d in) and a
// one-hour 20 % degradation (20 d in).
std::string measured(const std::string& rule) {
  return "scenario: measured\nhorizon: 30d\nwindows: 30d\n"
         "services:\n"
         "  api:\n"
         "    failure_modes:\n"
         "      - {name: crash, occurs: {fixed: 16d}, repair: {self_heal: 50.5m}}\n"
         "      - {name: slow, occurs: {fixed: 20d}, impact: {degrade: 0.2},\n"
         "         repair: {self_heal: 1h}}\n"
         "journeys: {shop: [api]}\n"
         "slas:\n"
         "  - {name: gold, journey: shop, target: 99.9%, measure: " +
         rule +
         ",\n"
         "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
}

TEST_CASE("measure: granularity, min_run, error_threshold and the error-rate rules",
          "[behaviour][sla][measure]") {
  const auto bad_minutes = [](const std::string& rule) {
    return (1.0 - run(measured(rule)).sla_uptime[0]) * 43200.0;
  };
  // 50.5 minutes touch 51 one-minute slots and 11 five-minute ones; degradation is not down.
  CHECK(bad_minutes("{bad_minutes: {granularity: 1m}}") == Approx(51));
  CHECK(bad_minutes("{bad_minutes: {granularity: 5m}}") == Approx(55));
  // Runs shorter than min_run are free.
  CHECK(bad_minutes("{bad_minutes: {granularity: 1m, min_run: 30m}}") == Approx(51));
  CHECK(bad_minutes("{bad_minutes: {granularity: 1m, min_run: 1h}}") == Approx(0).margin(1e-9));
  // A minute with at least error_threshold of requests failing is bad.
  CHECK(bad_minutes("{bad_minutes: {granularity: 1m, error_threshold: 10%}}") == Approx(111));
  CHECK(bad_minutes("{bad_minutes: {granularity: 1m, error_threshold: 30%}}") == Approx(51));
  // The error-rate rules count the degradation at its 20 %: 50.5 + 12 minutes.
  CHECK(bad_minutes("weighted_outage") == Approx(62.5));
  CHECK(bad_minutes("{interval_error_rate: {interval: 5m}}") == Approx(62.5));
  CHECK(bad_minutes("{interval_error_rate: {}}") == Approx(62.5));
  // A rule by its name alone takes its defaults: one-minute slots, every run counted.
  CHECK(bad_minutes("bad_minutes") == Approx(51));
  CHECK(bad_minutes("interval_error_rate") == Approx(62.5));
}

TEST_CASE("exclusions: third-party and customer downtime leave the uptime",
          "[behaviour][sla][exclusions]") {
  // The provider is down an hour 16 days in; the client's side an hour 20 days in.
  const auto uptime = [](const std::string& exclusions,
                         const std::string& scope = "journey: shop") {
    const std::string text =
        "scenario: excluded\nhorizon: 30d\nwindows: 30d\n"
        "services:\n"
        "  provider: {external: true, failure_modes: [{name: outage, occurs: {fixed: 16d},\n"
        "             mitigate: {wait: 1h}}]}\n"
        "  api:\n"
        "    depends_on: [provider]\n"
        "    failure_modes: [{name: misuse, occurs: {fixed: 20d}, mitigate: {wait: 1h},\n"
        "                     attributable_to: customer}]\n"
        "journeys: {shop: [api]}\n"
        "slas:\n"
        "  - {name: gold, " +
        scope +
        ", target: 99.9%, measure: weighted_outage,\n"
        "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR}" +
        exclusions + "}\n";
    return run(text).sla_uptime[0];
  };
  const double window = 30 * 24 * 60.0;
  CHECK(uptime("") == Approx(1 - 120 / window).epsilon(1e-12));
  CHECK(uptime(", exclusions: [third_party]") == Approx(1 - 60 / (window - 60)).epsilon(1e-12));
  CHECK(uptime(", exclusions: [customer]") == Approx(1 - 60 / (window - 60)).epsilon(1e-12));
  CHECK(uptime(", exclusions: [third_party, customer]") == 1.0);
  // An SLA on a service measures that service alone.
  CHECK(uptime("", "service: provider") == Approx(1 - 60 / window).epsilon(1e-12));
  CHECK(uptime("", "service: api") == Approx(1 - 120 / window).epsilon(1e-12));
}

// --- Costs and labels --------------------------------------------------------------------------

std::string costed(const std::string& cost) {
  return "scenario: costed\nhorizon: 30d\nwindows: 30d\n"
         "services: {api: {cost: {monthly: " +
         cost +
         ", currency: EUR}}}\njourneys: {shop: [api]}\n"
         "slas:\n"
         "  - {name: gold, journey: shop, target: 99.9%, measure: weighted_outage,\n"
         "     credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 1000, currency: EUR}}\n";
}

TEST_CASE("cost: the running cost is weighed against the credits", "[behaviour][cost]") {
  const ModelRun a = model_run(costed("900")), b = model_run(costed("1500"));
  const Comparison c = compare(a.model, a.results, b.model, b.results);
  REQUIRE(c.costs.size() == 1);
  CHECK(c.costs[0].currency == "EUR");
  CHECK(c.costs[0].monthly_cost_a == 900.0);
  CHECK(c.costs[0].extra_cost_per_year == 12 * 600.0);
}

TEST_CASE("labels reach the outputs: descriptions, cause and effect, customer",
          "[behaviour][labels]") {
  const std::string text =
      "scenario: labelled\ndescription: One shop and its database.\nhorizon: 30d\n"
      "windows: 30d\n"
      "services:\n"
      "  api:\n"
      "    description: The public API.\n"
      "    failure_modes:\n"
      "      - {name: crash, cause: a null pointer, effect: checkout fails,\n"
      "         occurs: {fixed: 10d}, repair: {self_heal: 1h}}\n"
      "common_causes:\n"
      "  - {name: push, cause: a bad config push, effect: everything fails,\n"
      "     hits: {services: [api]}, occurs: {fixed: 20d}, mitigate: {rollback: 5m}}\n"
      "journeys:\n"
      "  shop: {services: [api], description: Search and checkout.}\n"
      "slas:\n"
      "  - {name: gold, customer: ACME Corp, journey: shop, target: 99.9%,\n"
      "     measure: weighted_outage, credits: [{below: 99.9%, credit: 10%}],\n"
      "     fee: {monthly: 1000, currency: EUR}}\n";
  const CompiledModel model = compile_ok(text);
  RunConfig config;
  config.trials = 2;
  config.sla_attribution = true;
  const RunResults r = simulate(model, config);
  const Summary s = summarize(r, model);
  CHECK(s.scenario == "labelled");
  CHECK(s.description == "One shop and its database.");
  CHECK(s.scopes[0].description == "Search and checkout.");
  CHECK(s.services[0].description == "The public API.");
  CHECK(s.slas[0].customer == "ACME Corp");
  const FmeaWorksheet sheet = fmea_worksheet(r, model);
  REQUIRE(sheet.rows.size() == 2);
  for (const FmeaRow& row : sheet.rows) {
    const bool push = row.info.common_cause;
    CHECK(row.info.cause == (push ? "a bad config push" : "a null pointer"));
    CHECK(row.info.effect == (push ? "everything fails" : "checkout fails"));
  }
  const RunRecord record;
  const std::string json = render_json(s, record);
  const std::string worksheet = render_fmea_markdown(sheet, record);
  const ReportSamples samples = report_samples(r);
  const std::string report = render_report_html({model, s, samples, &sheet, nullptr, record});
  for (const std::string label :
       {"One shop and its database.", "Search and checkout.", "The public API.", "ACME Corp",
        "a null pointer", "checkout fails", "a bad config push", "everything fails"}) {
    INFO(label);
    CHECK(json.find("\"" + label + "\"") != std::string::npos);
  }
  for (const std::string label : {"a null pointer", "checkout fails", "a bad config push"})
    CHECK(worksheet.find(label) != std::string::npos);
  for (const std::string label : {"One shop and its database.", "gold (ACME Corp)"})
    CHECK(report.find(label) != std::string::npos);
}

}  // namespace
}  // namespace reliasim::test
