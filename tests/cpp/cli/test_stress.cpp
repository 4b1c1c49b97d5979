// `reliasim stress`: the command's tests, --inject, formats and errors; the figures are those
// worked out by hand in docs/stress.md and tests/cpp/models/test_stress.cpp.
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "cli_runner.hpp"

using namespace reliasim::testing;

namespace {

// api fails once in a billion years: only injected incidents impair it. gold pays 10 % of
// 1000 EUR for a calendar month below 99.9 %.
std::string quiet_scenario(const std::string& stress) {
  const auto path = temp_path("stress-" + std::to_string(stress.size()) + ".yaml");
  std::ofstream(path) << R"(scenario: quiet
horizon: 1y
start: 2027-01
services:
  api: {failure_modes: [{name: crash, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}]}
journeys:
  shop: [api]
slas:
  - name: gold
    journey: shop
    target: 99.9%
    window: calendar-month
    measure: {bad_minutes: {granularity: 1m}}
    credits: [{below: 99.9%, credit: 10%}]
    fee: {monthly: 1000, currency: EUR}
)" << stress;
  return path.string();
}

double credit_added(const nlohmann::json& test) {
  return test["comparison"]["slas"][0]["credit_per_year"]["difference"]["estimate"].get<double>();
}

}  // namespace

TEST_CASE("stress runs the scenario's tests and --inject, each against the baseline",
          "[cli][stress]") {
  const std::string file = quiet_scenario(R"(stress:
  feb:
    description: six hours in February
    inject: [{failure: api/crash, at: "2027-02-10T08:00Z", duration: 6h}]
  march-hour:
    inject: [{failure: api/crash, at: 2027-03-05, duration: 1h}]
)");
  const auto all = cli_json("stress " + file + " --trials 20");
  REQUIRE(all["tests"].size() == 2);
  // 6 h of February's 672 h leave 99.107 %: 10 % of the fee. 1 h of March's 744 h leaves
  // 99.866 %: also below 99.9 %.
  CHECK(credit_added(all["tests"][0]) == Approx(100.0));
  CHECK(credit_added(all["tests"][1]) == Approx(100.0));
  CHECK(all["tests"][0]["injections"][0]["earliest"] == Approx((31 + 9) * 86400.0 + 8 * 3600.0));
  CHECK(all["tests"][1]["injections"][0]["latest"].get<double>() -
            all["tests"][1]["injections"][0]["earliest"].get<double>() ==
        Approx(86400.0));

  const auto picked = cli_json("stress " + file +
                               " --trials 20 --test march-hour --inject "
                               "'api/crash at 2027-04-01T00:00Z for 30m'");
  REQUIRE(picked["tests"].size() == 2);
  CHECK(picked["tests"][0]["name"] == "march-hour");
  CHECK(picked["tests"][1]["name"] == "(--inject)");
  // 30 minutes of April's 720 hours leave 99.93 %: no credit.
  CHECK(credit_added(picked["tests"][1]) == 0.0);
  CHECK(picked["tests"][1]["comparison"]["scopes"][0]["downtime_per_year"]["difference"]
              ["estimate"] == Approx(1800.0));

  const CliResult table = run_cli("stress " + file + " --trials 20 --test feb");
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.output, Catch::Contains("Stress test feb: six hours in February") &&
                               Catch::Contains("gold credits +100 EUR a year"));
  const auto html = temp_path("stress.html");
  CHECK(run_cli("stress " + file + " --trials 20 --format html -o " + html.string()).exit_code ==
        0);
  CHECK_THAT(read_file(html), Catch::Contains("<h2>Stress test march-hour</h2>") &&
                                  Catch::Contains("inject api/crash at 2027-03-05 for 1h"));
}

TEST_CASE("stress --confidence sets the level of every interval", "[cli][stress]") {
  // The credit a zone outage adds varies with the random history around it, so its interval
  // has a width; a paired t-interval's half-width scales with Student's t quantile at the level.
  const std::string command =
      "stress " + scenario("web-shop.yaml") + " --test zone-down-in-february --trials 400";
  const auto wide = cli_json(command);
  const auto narrow = cli_json(command + " --confidence 0.5");
  CHECK(narrow["confidence"] == 0.5);
  const auto half_width = [](const nlohmann::json& doc) {
    const auto& d = doc["tests"][0]["comparison"]["slas"][0]["credit_per_year"]["difference"];
    return 0.5 * (d["upper"].get<double>() - d["lower"].get<double>());
  };
  const boost::math::students_t t(399);
  const double expected = boost::math::quantile(t, 0.75) / boost::math::quantile(t, 0.975);
  REQUIRE(half_width(wide) > 0.0);
  CHECK(half_width(narrow) / half_width(wide) == Approx(expected).epsilon(1e-9));
}

TEST_CASE("stress refuses what it cannot run, saying why", "[cli][stress]") {
  const std::string file = quiet_scenario("");
  const CliResult none = run_cli("stress " + file);
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.output, Catch::Contains("has no stress tests"));
  const CliResult bad = run_cli("stress " + file + " --inject 'api/crash at 2027-02'");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("a failure, a time and a duration are needed"));
  const CliResult unknown = run_cli("stress " + scenario("web-shop.yaml") + " --test february");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("its tests: february-bad-day, zone-down-in-february"));
  const CliResult typo =
      run_cli("stress " + scenario("web-shop.yaml") + " --test february-bad-dya");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.output, Catch::Contains("did you mean 'february-bad-day'"));
  const std::string broken =
      quiet_scenario("stress:\n  x: {inject: [{failure: api/crash, at: 2031-01, duration: 1h}]}\n");
  const CliResult invalid = run_cli("stress " + broken);
  CHECK(invalid.exit_code == 1);
  CHECK_THAT(invalid.output, Catch::Contains(":17:41: error: stress test 'x': at '2031-01'") &&
                                 Catch::Contains("not within the horizon"));
}
