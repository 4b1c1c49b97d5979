// `reliasim fmea --scope` and `--rank-by`: a mode that breaks only the second journey is
// measured there, every scope at once, the default ranking that counts degraded time as the
// error budget does, and clear errors for names that are not there.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using nlohmann::json;
using reliasim::testing::run_cli;
using reliasim::testing::scenario;
using reliasim::testing::temp_path;

namespace {

constexpr double hour = 3600.0;

// Fixed times make every trial the same year. On journey A, "slow" fails a quarter of the
// requests for 4 h every 504 h (17 times: 68 h degraded, 17 h of errors) and "crash" takes it
// down for 1 h every 3001 h (twice); on B, "breaks" takes it down for 2 h every 1002 h (8
// times: 16 h). A's error budget is the default 99.9 % of a year (8.76 h); B's SLO of 99 %
// gives it 87.6 h.
const char* const two_teams = R"(scenario: two teams
horizon: 1y
services:
  a:
    failure_modes:
      - name: slow
        occurs: {fixed: 500h}
        impact: {degrade: 0.25}
        repair: {self_heal: {fixed: 4h}}
      - name: crash
        occurs: {fixed: 3000h}
        repair: {self_heal: {fixed: 1h}}
  b:
    failure_modes:
      - name: breaks
        occurs: {fixed: 1000h}
        repair: {self_heal: {fixed: 2h}}
        runbook: true
journeys:
  A: [a]
  B: [b]
slos:
  - {name: b-slo, journey: B, target: 99%}
)";

std::string two_teams_file() {
  const auto path = temp_path("two-teams.yaml");
  std::ofstream(path) << two_teams;
  return path.string();
}

json worksheet(const std::string& file, const std::string& options) {
  const auto result = run_cli("fmea " + file + " --format json " + options);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.output);
}

// The worksheet of three (identical) trials of the two-teams scenario.
json two_teams_sheet(const std::string& options) {
  return worksheet(two_teams_file(), "--trials 3 " + options);
}

// "name@scope" of each row, in rank order.
std::vector<std::string> ranked(const json& sheet) {
  std::vector<std::string> names;
  for (const auto& row : sheet["failure_modes"])
    names.push_back(row["name"].get<std::string>() + "@" + row["scope"].get<std::string>());
  return names;
}

}  // namespace

TEST_CASE("fmea --scope measures a journey other than the first") {
  const json first = two_teams_sheet("");
  CHECK(first["scope"] == "A");
  CHECK(ranked(first) == std::vector<std::string>{"slow@A", "crash@A", "breaks@A"});

  const json b = two_teams_sheet("--scope B");
  CHECK(b["scope"] == "B");
  const json& top = b["failure_modes"][0];
  CHECK(top["name"] == "breaks");
  CHECK(top["runbook"] == true);
  CHECK(top["downtime_per_year"]["estimate"].get<double>() == Approx(8 * 2 * hour));
  CHECK(top["budget_burn"]["estimate"].get<double>() == Approx(16.0 / 87.6));
  CHECK(top["slo_burn"][0]["burn"]["estimate"].get<double>() == Approx(16.0 / 87.6));
  CHECK(b["scopes"][0]["error_budget_per_year"].get<double>() == Approx(87.6 * hour));
}

TEST_CASE("fmea --scope all ranks every team's modes together, and --rank-by reorders them") {
  // Shares of each journey's budget: 17 / 8.76 > 2 / 8.76 > 16 / 87.6.
  CHECK(ranked(two_teams_sheet("--scope all")) ==
        std::vector<std::string>{"slow@A", "crash@A", "breaks@B"});
  CHECK(ranked(two_teams_sheet("--scope all --rank-by downtime")) ==
        std::vector<std::string>{"breaks@B", "crash@A", "slow@A"});
  const json degraded = two_teams_sheet("--scope A");
  CHECK(degraded["failure_modes"][0]["degraded_per_year"]["estimate"].get<double>() ==
        Approx(68 * hour));
  CHECK(degraded["scopes"][0]["degraded_per_year"]["estimate"].get<double>() == Approx(68 * hour));
}

TEST_CASE("fmea names the valid scopes and rankings when given another") {
  const std::string file = two_teams_file();
  const auto scope = run_cli("fmea " + file + " --trials 3 --scope C");
  CHECK(scope.exit_code == 2);
  CHECK_THAT(scope.output, Catch::Contains("--scope: no journey"));
  CHECK_THAT(scope.output, Catch::Contains("valid: all, A, B"));
  const auto ranking = run_cli("fmea " + file + " --trials 3 --rank-by rpn");
  CHECK(ranking.exit_code == 2);
  CHECK_THAT(ranking.output, Catch::Contains("valid: budget, downtime, bad-minutes, credit"));
}

TEST_CASE("on the web shop the checkout bad deploy ranks by the budget it burns") {
  // By hand: 10 deploys a week x 5 % = 26 a year, each failing 80 % of checkouts for about
  // 30 minutes (detection, engagement, a 16-minute mean rollback): about 620 minutes of
  // errors against a 263-minute budget (99.95 % of a year). It takes checkout down only when
  // another cause does too. The provider outage (4 a year of about 51 minutes: 200 minutes
  // down), the config push (1 a year, about 32) and the certificate expiry (0.2 a year of
  // about 45: 9) spend less of the budget, but each causes more downtime.
  const json sheet = worksheet(scenario("web-shop.yaml"), "--trials 300 --seed 2");
  const json& top = sheet["failure_modes"][0];
  CHECK(top["service"] == "checkout-api");
  CHECK(top["name"] == "bad-deploy");
  CHECK(top["budget_burn"]["estimate"].get<double>() > 1.0);
  CHECK(top["downtime_per_year"]["estimate"].get<double>() < 60.0);
  CHECK(top["slo_burn"][0]["slo"] == "checkout-availability");
  CHECK(top["slo_burn"][0]["burn"] == top["budget_burn"]);  // the SLO sets checkout's budget

  const json by_downtime =
      worksheet(scenario("web-shop.yaml"), "--trials 300 --seed 2 --rank-by downtime");
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < by_downtime["failure_modes"].size(); ++i) {
    const json& row = by_downtime["failure_modes"][i];
    rank[row["service"].get<std::string>() + "/" + row["name"].get<std::string>()] = i;
  }
  for (const char* longer :
       {"payments-provider/provider-outage", "/bad-config-push", "edge-lb/tls-cert-expiry"})
    CHECK(rank.at(longer) < rank.at("checkout-api/bad-deploy"));
}
