// `reliasim run --rare-event`: importance sampling from the command line, its diagnostics in
// the JSON and the table, the options that change the biases, and the refusals.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::temp_path;

namespace {

// Three replicas, one needed, one repairer: an outage within the year has probability about
// 1.25e-6 (the exact value is checked in tests/cpp/models/test_rare_events.cpp).
const std::string kTriple =
    "scenario: triple\nhorizon: 1y\ncrews: {ops: {size: 1}}\ndefaults: {crew: ops}\n"
    "services:\n  db:\n    replicas: {count: 3, min_healthy: 1}\n    failure_modes:\n"
    "      - {name: disk, scope: replica, occurs: {mtbf: 1y}, repair: {manual: {exponential: "
    "{mean: 4h}}}}\njourneys: {reads: [db]}\n"
    "slas:\n  - {name: reads-sla, journey: reads, target: 99.99%, window: calendar-month, "
    "measure: {bad_minutes: {granularity: 1m, min_run: 1m}}, fee: {monthly: 10000, currency: "
    "EUR}, credits: [{below: 99.99%, credit: 10%}]}\n";

// Each test case its own files: ctest runs them at once.
struct Scenario {
  explicit Scenario(const std::string& file_name)
      : path(temp_path(file_name + ".yaml")), name(file_name) {
    std::ofstream(path) << kTriple;
  }
  ~Scenario() { std::filesystem::remove(path); }
  std::filesystem::path path;
  std::string name;
};

nlohmann::json run_json(const Scenario& s, const std::string& options) {
  const auto out = temp_path(s.name + ".json");
  const auto result =
      run_cli("run " + s.path.string() + " --format json -o " + out.string() + " " + options);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  auto document = nlohmann::json::parse(read_file(out));
  std::filesystem::remove(out);
  return document;
}

}  // namespace

TEST_CASE("run --rare-event is: weighted estimates with their diagnostics") {
  const Scenario s("rare-is");
  const auto plain = run_json(s, "--trials 2000");
  CHECK(plain["rare_event"].is_null());
  CHECK(plain["scopes"][0]["outage_in_horizon_probability"]["estimate"] == 0.0);
  const auto is = run_json(s, "--trials 20000 --rare-event is");
  const auto& e = is["rare_event"];
  REQUIRE(e.is_object());
  CHECK(e["scope"] == "reads");
  CHECK(e["biases"][1].get<double>() > 10);
  CHECK(e["reliable"] == true);
  const double p = e["outage_probability"]["estimate"].get<double>();
  CHECK(p > 5e-7);
  CHECK(p < 3e-6);
  // The scope's own figures are the weighted ones.
  CHECK(is["scopes"][0]["outage_in_horizon_probability"]["estimate"].get<double>() == p);
  CHECK(is["slas"][0]["annual_credit_tail"]["var999"].is_number());
}

TEST_CASE("run --rare-event-bias uses the biases given, --rare-event-scope names the scope") {
  const Scenario s("rare-given");
  const auto given = run_json(s, "--trials 1000 --rare-event-bias 2,500 --rare-event-scope reads");
  CHECK(given["rare_event"]["biases"] == nlohmann::json::array({2.0, 500.0, 500.0, 500.0}));
  CHECK(given["rare_event"]["chosen_by"] == "given");
  const auto table = run_cli("run " + s.path.string() + " --trials 1000 --rare-event-bias 2,500");
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.output, Catch::Contains("Rare events: importance sampling for reads"));
  CHECK_THAT(table.output, Catch::Contains("x2 / x500 / x500 / x500 with 0 / 1 / 2 / 3+"));
}

TEST_CASE("run --rare-event refuses what it does not weigh yet, and unknown scopes") {
  const Scenario s("rare-refused");
  for (const char* other : {"--format html -o x.html", "--streaming", "--precision 0.1"}) {
    const auto result = run_cli("run " + s.path.string() + " --rare-event is " + other);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("cannot be combined with"));
  }
  const auto unknown = run_cli("run " + s.path.string() + " --rare-event is --rare-event-scope x");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("valid: reads"));
  for (const char* bias : {"nan", "0.5", "inf", "2,x"}) {
    const auto bad = run_cli("run " + s.path.string() + " --rare-event-bias " + bias);
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.output, Catch::Contains("must be a number from 1 to 1e9"));
  }
  // A scenario with nothing to bias: no scope at all, or only fixed times to failure.
  const auto bare = temp_path("rare-bare.yaml");
  std::ofstream(bare) << "scenario: x\nhorizon: 30d\nservices:\n  api:\n    failure_modes:\n"
                         "      - {name: crash, occurs: {fixed: 100d}, repair: {self_heal: "
                         "{exponential: {mean: 1h}}}}\n";
  const auto no_scope = run_cli("run " + bare.string() + " --rare-event is -n 100");
  CHECK(no_scope.exit_code == 2);
  CHECK_THAT(no_scope.output, Catch::Contains("has no journey"));
  std::ofstream(bare, std::ios::app) << "journeys: {j: [api]}\n";
  const auto fixed = run_cli("run " + bare.string() + " --rare-event is -n 100");
  std::filesystem::remove(bare);
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.output, Catch::Contains("that can be biased"));
}

TEST_CASE("run --rare-event auto biases rare outages and leaves common ones to plain runs") {
  const Scenario s("rare-auto");
  CHECK(run_json(s, "--trials 2000 --rare-event auto")["rare_event"].is_object());
  const auto common = temp_path("common.yaml");
  std::ofstream(common) << "scenario: common\nhorizon: 30d\nservices:\n  api:\n"
                           "    failure_modes:\n      - {name: crash, occurs: {rate: 1/d}, "
                           "repair: {self_heal: {exponential: {mean: 1h}}}}\n"
                           "journeys: {checkout: [api]}\n";
  const auto result = run_cli("run " + common.string() + " --trials 200 --rare-event auto");
  std::filesystem::remove(common);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("the outages are not rare, plain Monte Carlo"));
  CHECK_THAT(result.output, !Catch::Contains("Rare events: importance sampling"));
}
