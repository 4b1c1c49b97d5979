// An SLA without credits and fee: it validates and runs, its breach probability is the one
// known by construction, and no output shows money for it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using nlohmann::json;
using reliasim::testing::cli_json;
using reliasim::testing::run_cli;

namespace {

// Breaches known by construction: 8 of 12 calendar months, the first in February (the file
// explains why).
std::string scenario_file() {
  return std::string(RELIASIM_SOURCE_DIR) + "/tests/data/breach-only-sla.yaml";
}

}  // namespace

TEST_CASE("an SLA without credits and fee validates") {
  const auto result = run_cli("validate " + scenario_file());
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("1 SLA"));
}

TEST_CASE("a breach-only SLA breaches in 8 of 12 months by construction, and carries no money") {
  const json sla = cli_json("run " + scenario_file() + " --trials 50")["slas"][0];
  CHECK(sla["credit_schedule"] == false);
  CHECK(sla["breach_probability"]["estimate"].get<double>() == Approx(8.0 / 12.0).epsilon(1e-12));
  CHECK(sla["breaches_per_year"]["estimate"].get<double>() == Approx(8.0).epsilon(1e-12));
  REQUIRE(sla["breach_windows"].size() > 8);
  CHECK(sla["breach_windows"][8] == 1.0);  // every trial has exactly 8 breached windows
  // The first breach is February's: the trial's first 59 days.
  CHECK(sla["time_to_first_breach"]["p50"]["estimate"] == 59 * 86400.0);
  for (const char* money : {"currency", "credit_per_year", "credit_per_window",
                            "annual_credit_tail", "credit_change_per_minute"}) {
    INFO(money);
    CHECK(sla[money].is_null());
  }
  CHECK(sla["tier_probability"].empty());
}

TEST_CASE("the table and the report say 'no credit schedule' instead of an amount") {
  const auto table = run_cli("run " + scenario_file() + " --trials 20");
  REQUIRE(table.exit_code == 0);
  const auto row = table.output.find("  internal ");
  REQUIRE(row != std::string::npos);
  const std::string line = table.output.substr(row, table.output.find('\n', row) - row);
  CHECK_THAT(line, Catch::Contains("no credit schedule"));
  CHECK_THAT(line, Catch::Contains("0.6667"));
  const auto html =
      run_cli("run " + scenario_file() + " --trials 20 --format html --tornado-trials 0");
  REQUIRE(html.exit_code == 0);
  CHECK_THAT(html.output, Catch::Contains("it has no credit schedule"));
  CHECK_THAT(html.output, Catch::Contains("<td colspan=\"6\">no credit schedule</td>"));
  CHECK_THAT(html.output, !Catch::Contains("credits cost"));
}

TEST_CASE("the FMEA worksheet gives a breach-only SLA no credit column") {
  const json sheet = cli_json("fmea " + scenario_file() + " --trials 20");
  CHECK(sheet["credit_per_year"].empty());
  for (const auto& row : sheet["failure_modes"]) CHECK(row["credit_per_year"].empty());
  const auto table = run_cli("fmea " + scenario_file() + " --trials 20");
  CHECK_THAT(table.output, Catch::Contains("none (no SLA with a credit schedule)"));
}

TEST_CASE("compare shows no credit for a breach-only SLA") {
  const std::string file = scenario_file();
  const json slas = cli_json("compare " + file + " " + file + " --trials 20")["slas"];
  REQUIRE(slas.size() == 1);
  CHECK(slas[0]["credit_schedule"] == false);
  CHECK(slas[0]["credit_per_year"].is_null());
  CHECK(slas[0]["breach_probability"]["a"]["estimate"].get<double>() ==
        Approx(8.0 / 12.0).epsilon(1e-12));
  const auto table = run_cli("compare " + file + " " + file + " --trials 20");
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.output, Catch::Contains("no credit schedule"));
}
