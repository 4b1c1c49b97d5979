// `reliasim run --format html`: the report written whole with its run record, and streamed
// (--streaming, or trials that do not fit in memory) with the same per-trial charts.
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

namespace {

// One section of a report, from its opening tag to its end.
std::string section(const std::string& html, const std::string& id) {
  const auto start = html.find("<section id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

}  // namespace

TEST_CASE("run --format html --streaming draws the report from batches") {
  // 2500 trials: three batches. The per-trial charts (downtime a year, the credit tails) are
  // drawn from every trial's value either way, so they are the same bytes; the incident-time
  // histograms come from 1 %-wide bins when streamed.
  const std::string run = "-q run " + scenario("web-shop.yaml") +
                          " --trials 2500 --seed 3 --tornado-trials 0 --format html";
  const auto whole = run_cli(run);
  const auto streamed = run_cli(run + " --streaming");
  REQUIRE(whole.exit_code == 0);
  REQUIRE(streamed.exit_code == 0);
  for (const char* id : {"summary", "availability", "downtime", "sla-exposure"}) {
    INFO(id);
    const std::string expected = section(whole.output, id);
    CHECK(!expected.empty());
    CHECK(section(streamed.output, id) == expected);
  }
  const std::string times = section(streamed.output, "incident-times");
  CHECK_THAT(times, Catch::Contains("Time to detect of every incident"));
  CHECK_THAT(times, Catch::Contains("Time to repair of every incident"));
  CHECK_THAT(section(streamed.output, "fmea"),
             Catch::Contains("edge-lb/tls-cert-expiry</td><td class=\"name\">browse</td>"));
}
