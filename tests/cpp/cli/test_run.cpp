// `reliasim run`: exit codes, the JSON document, thread-independent output, whole files.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

using reliasim::testing::cli_json;
using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::scenario;
using reliasim::testing::temp_path;

TEST_CASE("run prints a table with the run record") {
  const auto result = run_cli("run " + scenario("web-shop.yaml") + " --trials 50");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("checkout (journey)"));
  CHECK_THAT(result.output, Catch::Contains("seed 1, trials 50"));
  CHECK_THAT(result.output, Catch::Contains("hash sha256:"));
}

TEST_CASE("run writes JSON with units and intervals, identical for 1 and 2 threads") {
  const auto one = temp_path("one.json"), two = temp_path("two.json");
  const std::string common =
      "run " + scenario("web-shop.yaml") + " --trials 60 --seed 9 --format json -o ";
  REQUIRE(run_cli(common + one.string() + " --threads 1").exit_code == 0);
  REQUIRE(run_cli(common + two.string() + " --threads 2").exit_code == 0);
  auto document = nlohmann::json::parse(read_file(one));
  auto other = nlohmann::json::parse(read_file(two));
  CHECK(document["run"]["command"] !=
        other["run"]["command"]);  // the command differs, nothing else
  document["run"].erase("command");
  other["run"].erase("command");
  CHECK(document == other);
  CHECK(document["run"]["seed"] == 9);
  CHECK(document["run"]["trials"] == 60);
  const auto& availability = document["scopes"][0]["availability"];
  CHECK(availability["unit"] == "fraction");
  CHECK(availability["lower"].get<double>() <= availability["estimate"].get<double>());
  CHECK(availability["estimate"].get<double>() <= availability["upper"].get<double>());
  CHECK(document["slas"][0]["name"] == "enterprise-checkout");
  std::filesystem::remove(one);
  std::filesystem::remove(two);
}

TEST_CASE("run shows the demo's degraded and error time beside its downtime") {
  const std::string common = "run " + scenario("web-shop.yaml") + " --trials 200 --seed 3";
  const auto json_run = run_cli(common + " --format json");
  const auto table = run_cli(common);
  REQUIRE(json_run.exit_code == 0);
  REQUIRE(table.exit_code == 0);
  const auto document = nlohmann::json::parse(json_run.output);
  CHECK_THAT(table.output, Catch::Contains("degraded min/y"));
  CHECK_THAT(table.output, Catch::Contains("error min/y"));
  for (const auto& scope : document["scopes"]) {
    INFO(scope["name"]);
    const double down = scope["downtime_per_year"]["estimate"];
    const double degraded = scope["degraded_per_year"]["estimate"];
    const double error = scope["error_time_per_year"]["estimate"];
    CHECK(scope["error_time_per_year"]["unit"] == "s/y");
    // Both journeys have degrading causes (the soft session cache, slow payments, a slow
    // search backend). A down second fails every request; a degraded one fails a share of them.
    CHECK(degraded > 0.0);
    CHECK(error > down);
    CHECK(error < down + degraded);
    // The table's row carries the same degraded minutes a year.
    char minutes[32];
    std::snprintf(minutes, sizeof minutes, "%.1f [", degraded / 60.0);
    const std::size_t row = table.output.find("  " + scope["name"].get<std::string>() + " (");
    REQUIRE(row != std::string::npos);
    CHECK_THAT(table.output.substr(row, table.output.find('\n', row) - row),
               Catch::Contains(minutes));
  }
  // Error time is what an SLO spends: browse's calendar-month SLO at 99.9 % spends on average
  // error time / (0.1 % of the time), up to the months' unequal lengths (well under 1 %).
  const auto& browse = document["scopes"][1];
  const auto& slo = document["slos"][1];
  REQUIRE(browse["name"] == "browse");
  REQUIRE(slo["scope"] == "browse");
  const double spent = slo["budget_spent"]["estimate"];
  const double year = 365 * 86400.0;
  CHECK(browse["error_time_per_year"]["estimate"].get<double>() ==
        Approx(spent * 0.001 * year).epsilon(0.01));
  // Services report their degraded time too: the slow payments provider's, 12 times a year.
  for (const auto& service : document["services"])
    if (service["name"] == "payments-provider")
      CHECK(service["degraded_per_year"]["estimate"].get<double>() > 0.0);
}

TEST_CASE("a precision run reports whether it converged, with the command that made it") {
  const auto result =
      run_cli("run " + scenario("web-shop.yaml") +
              " --precision 0.5 --precision-metric enterprise-checkout --format json");
  REQUIRE(result.exit_code == 0);
  const auto document = nlohmann::json::parse(result.output);
  CHECK(document["run"]["precision_run"] == true);
  CHECK(document["run"]["converged"] == true);
  CHECK(document["run"]["relative_half_width"].get<double>() <= 0.5);
  CHECK_THAT(document["run"]["command"].get<std::string>(),
             Catch::Contains("--precision-metric enterprise-checkout"));
}

TEST_CASE("run refuses an invalid scenario with its errors and exit code 1") {
  const auto bad = temp_path("bad.yaml");
  std::ofstream(bad) << "scenario: x\nservices:\n  a:\n    depends_on: [nowhere]\n";
  const auto result = run_cli("run " + bad.string());
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains(bad.string() + ":4:"));
  std::filesystem::remove(bad);
}

TEST_CASE("usage errors exit with 2") {
  CHECK(run_cli("").exit_code == 2);
  CHECK(run_cli("run").exit_code == 2);
  CHECK(run_cli("run " + scenario("web-shop.yaml") + " --trials 1").exit_code == 2);
  CHECK(run_cli("run " + scenario("web-shop.yaml") + " --trials 10 --precision 0.1").exit_code ==
        2);
  CHECK(run_cli("run " + scenario("web-shop.yaml") + " --format xml").exit_code == 2);
  const auto records = run_cli("run " + scenario("web-shop.yaml") + " --keep-incidents 5");
  CHECK(records.exit_code == 2);
  CHECK_THAT(records.output, Catch::Contains("--keep-incidents writes the records in the JSON"));
  CHECK(run_cli("frobnicate").exit_code == 2);
  const auto unknown =
      run_cli("run " + scenario("web-shop.yaml") + " --precision 0.1 --precision-metric nope");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("valid: checkout, browse, enterprise-checkout"));
}

TEST_CASE("an output that cannot be written is refused before the run and leaves no file") {
  const auto target = temp_path("missing-dir") / "out.json";
  const auto result =
      run_cli("run " + scenario("web-shop.yaml") + " --trials 10 -o " + target.string());
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("cannot write"));
  CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("run refuses a trial count that cannot fit in memory, with the estimate") {
  // Importance sampling keeps every trial's weight: it cannot stream (a plain run would).
  const auto result =
      run_cli("run " + scenario("web-shop.yaml") + " --trials 4000000000 --rare-event-bias 2");
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains("a run of 4000000000 trials needs about ") &&
                                Catch::Contains("TiB (") && Catch::Contains("incidents") &&
                                Catch::Contains("more than half of this machine's"));
}

TEST_CASE("a run that does not fit in --max-memory streams its trials, and says so") {
  // 10000 web-shop trials need about 250 MiB at once; streamed, two batches of 1000 (one
  // simulated while the other is summarised) need about 50 MiB.
  const std::string run = "run " + scenario("web-shop.yaml") + " -n 10000 ";
  const auto note = run_cli(run + "--max-memory 150MB --format json -o -");
  CHECK(note.exit_code == 0);
  CHECK_THAT(note.output, Catch::StartsWith("reliasim: 10000 trials do not fit in memory at once: "
                                            "streaming them in batches of 1000"));
  nlohmann::json fitted = cli_json("-q " + run + "--max-memory 150MB");
  nlohmann::json streamed = cli_json("-q " + run + "--streaming");
  fitted.erase("run"), streamed.erase("run");
  CHECK(fitted == streamed);
  // The report streams too.
  const auto report = run_cli(run + "--max-memory 150MB --tornado-trials 0 --format html -o " +
                              temp_path("max-memory.html").string());
  CHECK(report.exit_code == 0);
  CHECK_THAT(report.output, Catch::StartsWith("reliasim: 10000 trials do not fit in memory"));
  CHECK(std::filesystem::exists(temp_path("max-memory.html")));
  std::filesystem::remove(temp_path("max-memory.html"));
  // Nor does streaming help when its batches do not fit.
  const auto tiny = run_cli(run + "--max-memory 10MB");
  CHECK(tiny.exit_code == 1);
  CHECK_THAT(tiny.output, Catch::Contains("more than the limit of 10 MiB (--max-memory)"));
}

TEST_CASE("a precision run streams: the same trials and means as in memory") {
  const std::string run =
      "-q run " + scenario("web-shop.yaml") + " --precision 0.04 --precision-metric checkout ";
  const nlohmann::json whole = cli_json(run);
  const nlohmann::json streamed = cli_json(run + "--streaming");
  CHECK(whole["run"]["trials"].get<int>() > 1000);  // several steps, batches within them
  CHECK(streamed["run"]["trials"] == whole["run"]["trials"]);
  CHECK(streamed["run"]["relative_half_width"] == whole["run"]["relative_half_width"]);
  for (std::size_t s = 0; s < whole["scopes"].size(); ++s) {
    CHECK(streamed["scopes"][s]["availability"] == whole["scopes"][s]["availability"]);
    CHECK(streamed["scopes"][s]["downtime_per_year"] == whole["scopes"][s]["downtime_per_year"]);
  }
  for (std::size_t l = 0; l < whole["slas"].size(); ++l)
    CHECK(streamed["slas"][l]["credit_per_year"] == whole["slas"][l]["credit_per_year"]);
  // A cap that does not fit in --max-memory streams by itself.
  const auto note = run_cli(run.substr(3) + "--max-trials 20000 --max-memory 150MB");
  CHECK(note.exit_code == 0);
  CHECK_THAT(note.output, Catch::StartsWith("reliasim: up to 20000 trials do not fit in memory"));
}

TEST_CASE("run's JSON names its windows: calendar months from start, or numbered ones") {
  // The web shop starts in January 2027 (a common year) with calendar-month windows.
  const auto months = cli_json("run " + scenario("web-shop.yaml") + " -n 4")["windows"];
  CHECK(months["kind"] == "calendar-month");
  CHECK(months["start"] == "2027-01");
  REQUIRE(months["names"].size() == 12);
  CHECK(months["names"][0] == "Jan 2027");
  CHECK(months["names"][11] == "Dec 2027");
  CHECK(months["boundaries_seconds"][1] == 31 * 86400.0);  // January's 31 days
  CHECK(months["boundaries_seconds"][2] == 59 * 86400.0);  // and February's 28
  // Fixed windows are numbered: 45 days of 30-day windows end with a 15-day one.
  const auto file = temp_path("fixed-windows.yaml");
  std::ofstream(file)
      << "scenario: w\nhorizon: 45d\nstart: 2028-02\nwindows: 30d\nservices: {api: }\n";
  const auto fixed = cli_json("run " + file.string() + " -n 4")["windows"];
  std::filesystem::remove(file);
  CHECK(fixed["kind"] == "fixed");
  CHECK(fixed["start"] == "2028-02");
  CHECK(fixed["names"] == nlohmann::json::array({"window 1", "window 2"}));
  CHECK(fixed["boundaries_seconds"] == nlohmann::json::array({0.0, 30 * 86400.0, 45 * 86400.0}));
}
