// `reliasim compare` and `reliasim sensitivity`: outputs, run records, exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using reliasim::testing::run_cli;
using reliasim::testing::scenario;

TEST_CASE("compare prints the verdict, the paired differences and both run records") {
  const auto result = run_cli("compare " + scenario("design-a.yaml") + " " +
                              scenario("design-b.yaml") + " --trials 300 --seed 4");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("Verdict: B has less api-requests downtime than A"));
  CHECK_THAT(result.output, Catch::Contains("B - A"));
  CHECK_THAT(result.output, Catch::Contains("Running cost against SLA credits"));
  CHECK_THAT(result.output, Catch::Contains("run A: reliasim"));
  CHECK_THAT(result.output, Catch::Contains("design-b.yaml (hash sha256:"));
  CHECK_THAT(result.output, Catch::Contains("seed 4, trials 300"));
}

TEST_CASE("compare of a design with itself finds no difference, in JSON") {
  const auto result = run_cli("compare " + scenario("web-shop.yaml") + " " +
                              scenario("web-shop.yaml") + " --trials 100 --format json");
  REQUIRE(result.exit_code == 0);
  const auto doc = nlohmann::json::parse(result.output);
  CHECK(doc["run_a"]["scenario_hash"] == doc["run_b"]["scenario_hash"]);
  REQUIRE_FALSE(doc["scopes"].empty());
  for (const auto& scope : doc["scopes"]) {
    CHECK(scope["downtime_per_year"]["difference"]["estimate"] == 0.0);
    CHECK(scope["downtime_per_year"]["distinguishable"] == false);
  }
  CHECK_THAT(doc["verdict"].get<std::string>(), Catch::StartsWith("No difference"));
}

TEST_CASE("compare refuses an invalid design with exit code 1") {
  const auto result = run_cli("compare " + scenario("web-shop.yaml") + " /nonexistent.yaml");
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains("/nonexistent.yaml"));
}

TEST_CASE("sensitivity ranks parameters and says where an improvement buys the most") {
  const auto result =
      run_cli("sensitivity " + scenario("design-a.yaml") + " --trials 60 --format json");
  REQUIRE(result.exit_code == 0);
  const auto doc = nlohmann::json::parse(result.output);
  CHECK(doc["run"]["trials"] == 60);
  CHECK(doc["scope"] == "api-requests");
  const auto& effects = doc["effects"];
  REQUIRE(effects.size() > 10);
  const auto swing = [](const nlohmann::json& e) {
    return std::max(std::abs(e["downtime_low"]["estimate"].get<double>()),
                    std::abs(e["downtime_high"]["estimate"].get<double>()));
  };
  for (std::size_t i = 1; i < effects.size(); ++i)
    CHECK(swing(effects[i - 1]) >= swing(effects[i]));
  CHECK_THAT(doc["best_improvement"].get<std::string>(), Catch::Contains("buys the most"));

  const auto csv =
      run_cli("sensitivity " + scenario("design-a.yaml") + " --trials 20 --format csv");
  REQUIRE(csv.exit_code == 0);
  CHECK_THAT(csv.output, Catch::StartsWith("# run: reliasim "));
  CHECK_THAT(csv.output, Catch::Contains("\nrank,owner,quantity,kind,baseline,"));
}

TEST_CASE("sensitivity refuses an unknown scope and a bad factor with exit code 2") {
  const auto scope =
      run_cli("sensitivity " + scenario("web-shop.yaml") + " --trials 20 --scope nowhere");
  CHECK(scope.exit_code == 2);
  CHECK_THAT(scope.output, Catch::Contains("--scope"));
  const auto factor = run_cli("sensitivity " + scenario("web-shop.yaml") + " --low 0");
  CHECK(factor.exit_code == 2);
}
