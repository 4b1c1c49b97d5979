// `reliasim replay`: a small history measured against a small scenario, every figure computed
// here by hand from the contracts' rules (docs/replay.md, docs/scenario-format.md section 16).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "cli_runner.hpp"

using namespace reliasim::testing;

namespace {

constexpr double minute = 60.0, day = 86400.0;

std::string write(const std::string& name, const std::string& text) {
  const auto path = temp_path(name);
  std::ofstream(path) << text;
  return path.string();
}

// api needs db; the journey shop is api. Gold counts bad 5-minute slots and excludes third
// parties; errors counts the failing share of each 5-minute interval; the SLO is monthly.
std::string scenario() {
  return write("replay-scenario.yaml", R"(scenario: replay test
horizon: 1y
start: 2027-01
services:
  db: {failure_modes: [{name: crash, occurs: {rate: 2/y}, repair: {self_heal: 1h}}]}
  api: {depends_on: [db], failure_modes: [{name: crash, occurs: {rate: 6/y}, repair: {self_heal: 30m}}]}
  cache: {failure_modes: [{name: crash, occurs: {rate: 6/y}, repair: {self_heal: 30m}}]}
journeys:
  shop: [api]
slos:
  - {name: monthly, journey: shop, target: 99.9%, window: calendar-month}
slas:
  - name: gold
    journey: shop
    target: 99.9%
    window: calendar-month
    measure: {bad_minutes: {granularity: 5m}}
    credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 30%}]
    fee: {monthly: 1000, currency: EUR}
    exclusions: [third_party]
  - name: errors
    journey: shop
    target: 99.5%
    window: calendar-month
    measure: {interval_error_rate: {interval: 5m}}
)");
}

// January: db down 10:02-10:14 (12 min: slots 10:00-10:15, three of them: 15 bad minutes);
// February: api at 50 % for 60 min, and a third party taking shop down for 2 h; cache (on no
// journey) down all of March; one incident still open from 30 April 23:00.
std::string history() {
  return write("replay-history.csv",
               "service,journey,started,mitigated,resolved,degrade,attributable_to\n"
               "db,,2026-01-10T10:02:00Z,2026-01-10T10:14:00Z,2026-01-10T11:00:00Z,,internal\n"
               "api,,2026-02-03T08:00:00Z,,2026-02-03T09:00:00Z,50%,\n"
               ",shop,2026-02-20T00:00:00Z,2026-02-20T02:00:00Z,,,third_party\n"
               "cache,,2026-03-01T00:00:00Z,2026-03-31T00:00:00Z,2026-03-31T00:00:00Z,,\n"
               "api,,2026-04-30T23:00:00Z,,,,\n");
}

const nlohmann::json& sla(const nlohmann::json& doc, const std::string& name) {
  for (const auto& s : doc["slas"])
    if (s["name"] == name) return s;
  FAIL("no SLA " << name);
  return doc;
}

}  // namespace

TEST_CASE("replay: SLA windows, credits and exclusions computed by hand", "[cli][replay]") {
  const auto doc = cli_json("replay " + history() + " " + scenario() + " --no-simulation");
  CHECK(doc["period"]["start"] == "2026-01-01 00:00 UTC");
  CHECK(doc["period"]["end"] == "2026-05-01 00:00 UTC");  // the month of the last time, whole
  const auto& gold = sla(doc, "gold")["windows"];
  REQUIRE(gold.size() == 4);
  // January: 15 bad minutes of 31 days, below 99.9 % (44.6 min allowed? no: 15 < 44.6).
  CHECK(gold[0]["uptime"].get<double>() == Approx(1 - 15 * minute / (31 * day)).epsilon(1e-12));
  CHECK_FALSE(gold[0]["breached"].get<bool>());
  // February: the 50 % degradation is not down (a journey is down at 100 % by default); the
  // third party's 2 h are excluded: counted 28 days less 2 h, nothing bad.
  CHECK(gold[1]["counted_seconds"].get<double>() == Approx(28 * day - 2 * 3600.0));
  CHECK(gold[1]["uptime"].get<double>() == 1.0);
  // March: cache is on no journey. April: down from 30 April 23:00 to the period's end, 60 min
  // of 30 days: 99.861 %, under 99.9 %: 10 % of the 1000 EUR fee.
  CHECK(gold[2]["uptime"].get<double>() == 1.0);
  CHECK(gold[3]["uptime"].get<double>() == Approx(1 - 60 * minute / (30 * day)).epsilon(1e-12));
  CHECK(gold[3]["breached"].get<bool>());
  CHECK(gold[3]["credit"].get<double>() == Approx(100.0));
  CHECK(sla(doc, "gold")["credit"].get<double>() == Approx(100.0));
  CHECK(sla(doc, "gold")["breaches"] == 1);
  REQUIRE(doc["credits"].size() == 1);  // errors has no credit schedule
  CHECK(doc["credits"][0]["currency"] == "EUR");
  CHECK(doc["credits"][0]["credit"].get<double>() == Approx(100.0));
  // errors: February's intervals fail at 50 % for an hour and at 100 % for 2 h (third parties
  // are not excluded here): (0.5 h + 2 h) / 28 days of failing share.
  const auto& errors = sla(doc, "errors")["windows"];
  CHECK(errors[1]["uptime"].get<double>() == Approx(1 - 2.5 * 3600.0 / (28 * day)).epsilon(1e-12));
  // January: the intervals 10:00-10:15 fail for 3, 5 and 4 of their minutes: 12 minutes.
  CHECK(errors[0]["uptime"].get<double>() == Approx(1 - 12 * minute / (31 * day)).epsilon(1e-12));
  // The SLO spends every cause: February 0.5 h + 2 h of a 99.9 % budget of 28 days.
  const auto& slo = doc["slos"][0]["windows"];
  CHECK(slo[1]["budget_spent"].get<double>() ==
        Approx(2.5 * 3600.0 / (0.001 * 28 * day)).epsilon(1e-12));
  CHECK(doc["slos"][0]["exhausted_windows"] == 2);  // February and April (60 min > 43.2 min)
}

TEST_CASE("replay: beside the simulation, and in every format", "[cli][replay]") {
  const auto doc = cli_json("replay " + history() + " " + scenario() + " --trials 200 --seed 3");
  const auto& credits = doc["simulation"]["credits"][0];
  CHECK(credits["currency"] == "EUR");
  // 100 EUR over 4 months: 300 EUR a year (of 365 days: 120 days is the period).
  CHECK(credits["history_credit_per_year"].get<double>() == Approx(100.0 * 365 / 120));
  const double p = credits["simulated_at_least"].get<double>();
  CHECK((p > 0.0 && p < 1.0));
  for (const char* format : {"table", "csv", "html"}) {
    const auto result =
        run_cli("replay " + history() + " " + scenario() + " --no-simulation --format " + format);
    INFO(result.output);
    CHECK(result.exit_code == 0);
  }
  const auto csv =
      run_cli("replay " + history() + " " + scenario() + " --no-simulation --format csv");
  CHECK(csv.output.find("gold,,journey shop,2026-04-01 00:00 UTC,2026-05-01 00:00 UTC,") !=
        std::string::npos);
}

TEST_CASE("replay: the export's zone, overlapping rows, and a mapping file", "[cli][replay]") {
  // One outage on db and cache at once (two rows, the same times: not a duplicate), one that
  // began before the period, in an export at +01:00 mapped by a file.
  const auto history = write("replay-zone.csv",
                             "Where,Begin,End,Share\n"
                             "db,2026-01-10 10:00,2026-01-10 11:00,\n"
                             "cache,2026-01-10 10:00,2026-01-10 11:00,\n"
                             "db,2025-12-31 23:30,2026-01-01 00:30,50%\n");
  const auto mapping = write("replay-zone.yaml",
                             "utc_offset: \"+01:00\"\ncolumns:\n  started: Begin\n  resolved: End\n"
                             "  service: Where\n  degrade: Share\n");
  const auto doc = cli_json("replay " + history + " " + scenario() + " --mapping " + mapping +
                            " --since 2026-01-01 --until 2026-03-01 --no-simulation");
  // Months begin at midnight +01:00: 23:00 UTC the day before, February 28 days long.
  const auto& gold = sla(doc, "gold")["windows"];
  REQUIRE(gold.size() == 2);
  CHECK(gold[0]["start"] == "2025-12-31 23:00 UTC");
  CHECK(gold[1]["start"] == "2026-01-31 23:00 UTC");
  CHECK(gold[1]["end"] == "2026-02-28 23:00 UTC");
  // January: the hour on db, and the first 30 minutes of the 50 % one (from the period's
  // start); the second is only degraded, so gold's bad slots are the hour's 12.
  CHECK(gold[0]["bad_seconds"].get<double>() == Approx(3600.0));
  const auto& errors = sla(doc, "errors")["windows"];
  CHECK(errors[0]["bad_seconds"].get<double>() == Approx(3600.0 + 0.5 * 1800.0));
}

TEST_CASE("replay: incidents the scenario cannot place name their line", "[cli][replay]") {
  const auto bad =
      write("replay-bad.csv",
            "service,started,resolved\nbilling,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z\n"
            ",2026-01-02T00:00:00Z,2026-01-02T01:00:00Z\n");
  const auto result = run_cli("replay " + bad + " " + scenario() + " --no-simulation");
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains(bad + ":2:1: error: service 'billing' is not in the "
                                                  "scenario; its services are db, api, cache"));
  CHECK_THAT(result.output, Catch::Contains(bad + ":3:1: error: names no journey or service"));
  const auto degrade = write("replay-degrade.csv",
                             "service,started,resolved,degrade\napi,2026-01-01T00:00:00Z,,150%\n");
  CHECK_THAT(run_cli("replay " + degrade + " " + scenario() + " --no-simulation").output,
             Catch::Contains(":2:4: error: degrade (column 'degrade'): '150%' is not a share"));
}
