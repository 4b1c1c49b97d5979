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
