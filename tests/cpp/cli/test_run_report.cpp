// `reliasim run --format html`: the report written whole with its run record, and refused with
// --streaming (which keeps no per-trial results to draw) as a usage error.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.hpp"

using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::scenario;
using reliasim::testing::temp_path;

TEST_CASE("run --format html -o writes the whole report with the run record") {
  const auto path = temp_path("web-shop.html");
  std::filesystem::remove(path);
  const auto result = run_cli("run " + scenario("web-shop.yaml") +
                              " --trials 40 --seed 5 --format html -o " + path.string());
  REQUIRE(result.exit_code == 0);
  const std::string html = read_file(path);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Catch::EndsWith("</html>\n"));
  CHECK(!std::filesystem::exists(path.string() + ".part"));
  for (const char* id : {"run-record", "summary", "availability", "downtime", "incident-times",
                         "sla-exposure", "fmea", "sensitivity"})
    CHECK_THAT(html, Catch::Contains(std::string("id=\"") + id + "\""));
  // The tornado reruns on at most --trials trials per setting.
  CHECK_THAT(html, Catch::Contains("rerun on 40 trials with the same random numbers"));
  CHECK_THAT(html, Catch::Contains("enterprise-checkout"));
  CHECK_THAT(html, Catch::Contains("<dd>5</dd>"));   // seed
  CHECK_THAT(html, Catch::Contains("<dd>40</dd>"));  // trials
  CHECK_THAT(html, Catch::Contains("sha256:"));
  CHECK_THAT(html, Catch::Contains("reliasim run "));
  CHECK_THAT(html, !Catch::Contains("<script"));
  // The FMEA worksheet covers every journey, with the runbook mark (edge-lb's certificate
  // expiry has one, and its end effect reaches both journeys).
  CHECK_THAT(html, Catch::Contains("<th>Scope</th><th>Runbook</th>"));
  CHECK_THAT(html, Catch::Contains(
                       "edge-lb/tls-cert-expiry</td><td class=\"name\">browse</td><td>yes</td>"));
  CHECK_THAT(html, Catch::Contains(
                       "edge-lb/tls-cert-expiry</td><td class=\"name\">checkout</td><td>yes</td>"));
  std::filesystem::remove(path);
}

TEST_CASE("run --format html shows degraded and error time, and SLOs against requests served") {
  const auto result =
      run_cli("run " + scenario("web-shop.yaml") + " --trials 40 --format html --tornado-trials 0");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("<th>Degraded per year (some requests failing)</th>"));
  CHECK_THAT(result.output, Catch::Contains("<th>Error time per year (what SLOs spend)</th>"));
  CHECK_THAT(result.output, Catch::Contains("of error time a year"));
  const std::string charts = result.output.substr(result.output.find("id=\"availability\""));
  CHECK_THAT(charts, Catch::Contains("requests served (what SLOs count)"));
  CHECK_THAT(charts, Catch::Contains("SLO checkout-availability: 99.95 % (requests served)"));
  CHECK_THAT(charts, Catch::Contains("SLA enterprise-checkout: 99.9 % (availability)"));
}

TEST_CASE("run --format html --tornado-trials 0 leaves the tornado out") {
  const auto result =
      run_cli("run " + scenario("web-shop.yaml") + " --trials 20 --format html --tornado-trials 0");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("id=\"fmea\""));
  CHECK_THAT(result.output, !Catch::Contains("id=\"sensitivity\""));
}

TEST_CASE("run --format html writes the report to stdout without -o") {
  const auto result = run_cli("run " + scenario("web-shop.yaml") + " --trials 20 --format html");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(result.output, Catch::Contains("<svg"));
}

TEST_CASE("run --format html with --streaming is a usage error that writes nothing") {
  const auto path = temp_path("streaming.html");
  std::filesystem::remove(path);
  const auto result = run_cli("run " + scenario("web-shop.yaml") +
                              " --trials 20 --streaming --format html -o " + path.string());
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("--streaming"));
  CHECK_THAT(result.output, Catch::Contains("--format html"));
  CHECK(!std::filesystem::exists(path));
}
