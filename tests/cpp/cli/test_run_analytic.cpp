// `reliasim run --analytic` on scenarios written as a user writes them: the exact Markov chain
// of the model when sources share a crew, and the approximation, with its reason, otherwise.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::temp_path;

namespace {

// Two machines, one repairer: each replica fails every 20 h on average and takes 5 h
// (exponential) of the only repairer's time.
std::string two_machines(const std::string& repair) {
  return "scenario: two machines, one repairer\n"
         "windows: calendar-month\n"
         "crews:\n  repairer: {size: 1}\n"
         "services:\n"
         "  pair:\n"
         "    replicas: {count: 2, min_healthy: 1}\n"
         "    crew: repairer\n"
         "    failure_modes:\n"
         "      - name: crash\n"
         "        scope: replica\n"
         "        occurs: {mtbf: 20h}\n"
         "        repair: {manual: " +
         repair +
         "}\n"
         "journeys:\n  use: {services: [pair]}\n";
}

nlohmann::json analytic_of(const std::string& text, const std::string& name) {
  const auto file = temp_path(name + ".yaml"), out = temp_path(name + ".json");
  std::ofstream(file) << text;
  const auto result =
      run_cli("run " + file.string() + " --analytic --trials 20 --format json -o " + out.string());
  REQUIRE(result.exit_code == 0);
  const auto document = nlohmann::json::parse(read_file(out));
  std::filesystem::remove(file);
  std::filesystem::remove(out);
  return document["analytic"];
}

}  // namespace

TEST_CASE("run --analytic: two machines and one repairer, A = 1 - pi_2 = 12/13") {
  const auto analytic = analytic_of(two_machines("{exponential: {mean: 5h}}"), "two-machines");
  CHECK(analytic["exact"] == true);
  CHECK(analytic["method"] == "Markov chain");
  CHECK(analytic["markov_states"] == 5);
  CHECK(analytic["markov_fallback"].is_null());
  CHECK(analytic["assumptions"].empty());
  // Birth-death with rho = 5 / 20: pi_2 = 2 rho^2 / (1 + 2 rho + 2 rho^2) = 1 / 13.
  CHECK(analytic["scopes"][0]["availability"].get<double>() == Approx(12.0 / 13.0).epsilon(1e-9));
  CHECK(analytic["scopes"][0]["downtime_per_year"].get<double>() ==
        Approx(365 * 86400.0 / 13.0).epsilon(1e-9));
}

TEST_CASE("run --analytic: a lognormal repair falls back to the approximation and says why") {
  const auto analytic =
      analytic_of(two_machines("{lognormal: {median: 4h, p95: 12h}}"), "lognormal-repair");
  CHECK(analytic["exact"] == false);
  CHECK(analytic["method"] == "structure function");
  CHECK(analytic["markov_states"].is_null());
  CHECK_THAT(analytic["markov_fallback"].get<std::string>(),
             Catch::Contains("pair/crash/replica-1: the repair time is lognormal"));
  CHECK(analytic["assumptions"][0] == "incidents never wait for a busy crew");
}

TEST_CASE("run --analytic: the exact measures over the horizon, MTTF = (3 l + mu) / (2 l^2)") {
  // From both up, the pair fails when the second machine goes before the first is repaired:
  // l = 1/20 h, mu = 1/5 h gives (0.15 + 0.2) / (2 / 400) = 70 h.
  const auto transient =
      analytic_of(two_machines("{exponential: {mean: 5h}}"), "two-machines-transient")["transient"];
  CHECK(transient["states"] == 5);
  CHECK(transient["not_solved"].is_null());
  const auto& use = transient["scopes"][0];
  CHECK(use["name"] == "use");
  CHECK(use["mttf"].get<double>() == Approx(70 * 3600.0).epsilon(1e-9));
  // Over a year the chain is at its steady state by the first tenth: A = 12/13.
  CHECK(use["availability"].size() == 10);
  CHECK(use["availability"][9].get<double>() == Approx(12.0 / 13.0).epsilon(1e-9));
  CHECK(use["reliability"][9].get<double>() < 1e-9);  // no year passes without an outage
  CHECK(use["b_lives"][1]["fraction"] == 0.1);
  // Lognormal repairs: no exact solution, and the reason.
  const auto lognormal = analytic_of(two_machines("{lognormal: {median: 4h, p95: 12h}}"),
                                     "two-machines-lognormal")["transient"];
  CHECK(lognormal["states"].is_null());
  CHECK(lognormal["scopes"].empty());
  CHECK(lognormal["not_solved"].get<std::string>().find("lognormal") != std::string::npos);
}

TEST_CASE("run --analytic prints the cross-check over the horizon in the table") {
  const auto file = temp_path("two-machines-table.yaml");
  std::ofstream(file) << two_machines("{exponential: {mean: 5h}}");
  const auto result = run_cli("run " + file.string() + " --analytic --trials 200 -q");
  std::filesystem::remove(file);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output,
             Catch::Contains("Analytic cross-check over the horizon (exact: transient "
                             "solution of the Markov chain of 5 states)"));
  CHECK_THAT(result.output, Catch::Contains("MTTF (h)"));
}
