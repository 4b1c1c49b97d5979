// The loader lists every file it read (the scenario, then each CSV file once) with the
// SHA-256 of its bytes, checked against coreutils' `sha256sum` of the same files.
#include <catch2/catch.hpp>

#include "../sha256sum.hpp"
#include "load_helpers.hpp"

using namespace reliasim;

namespace {

constexpr const char* scenario_reading_csv = R"(scenario: inputs
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 4/y}, repair: {self_heal: {empirical: {csv: data/ttr.csv, unit: 1m}}}}
      - {name: hang, occurs: {empirical: {csv: data/ttr.csv, unit: 1d}}}
)";

}  // namespace

TEST_CASE("a loaded scenario names itself and each CSV file once, by sha256sum's digest",
          "[load][inputs]") {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  const auto csv = dir.write("data/ttr.csv", "ttr\n5\n60\n");
  const auto file = dir.write("inputs.yaml", scenario_reading_csv);
  const scenario::Scenario loaded = scenario::load_scenario_file(file);
  REQUIRE(loaded.inputs.size() == 2);
  CHECK(loaded.inputs[0].role == "scenario");
  CHECK(loaded.inputs[0].path == file.string());
  CHECK(loaded.inputs[0].sha256 == test::sha256sum(file));
  CHECK(loaded.inputs[1].role == "csv");
  CHECK(loaded.inputs[1].path == csv.string());
  CHECK(loaded.inputs[1].sha256 == test::sha256sum(csv));
  CHECK(loaded.inputs[1].sha256.size() == 64);
  CHECK(scenario::compile(loaded).inputs.size() == 2);  // kept for the run record
}

TEST_CASE("editing the CSV file changes its recorded hash, not the scenario's", "[load][inputs]") {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  const auto csv = dir.write("data/ttr.csv", "ttr\n5\n60\n");
  const auto file = dir.write("inputs.yaml", scenario_reading_csv);
  const auto before = scenario::load_scenario_file(file).inputs;
  dir.write("data/ttr.csv", "ttr\n5\n61\n");
  const auto after = scenario::load_scenario_file(file).inputs;
  REQUIRE(before.size() == 2);
  REQUIRE(after.size() == 2);
  CHECK(after[0].sha256 == before[0].sha256);
  CHECK(after[1].sha256 != before[1].sha256);
  CHECK(after[1].sha256 == test::sha256sum(csv));
}

TEST_CASE("scenario text given directly is named and hashed as given", "[load][inputs]") {
  const test::TempDir dir;
  const std::string text = "scenario: x\nservices:\n  api: {}\n";
  const auto file = dir.write("same-bytes.yaml", text);
  const auto loaded = test::load_ok(text);
  REQUIRE(loaded.inputs.size() == 1);
  CHECK(loaded.inputs[0].path == "test.yaml");
  CHECK(loaded.inputs[0].sha256 == test::sha256sum(file));
}
