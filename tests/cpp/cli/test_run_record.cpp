// The run record names every input file by the SHA-256 of its bytes (checked against
// coreutils' `sha256sum`), and the platform and build, in every output format.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../sha256sum.hpp"
#include "cli_runner.hpp"

using nlohmann::json;
using reliasim::test::sha256sum;
using reliasim::testing::cli_json;
using reliasim::testing::run_cli;
using reliasim::testing::temp_path;

namespace {

// A scenario in its own folder whose repair times come from data/ttr.csv beside it. The folder
// is this process's: CTest runs test cases in parallel, each in a process of its own.
struct ScenarioWithCsv {
  std::filesystem::path folder = temp_path("record-inputs-" + std::to_string(::getpid()));
  std::filesystem::path file = folder / "with-csv.yaml";
  std::filesystem::path csv = folder / "data" / "ttr.csv";

  ScenarioWithCsv() {
    std::filesystem::create_directories(folder / "data");
    std::ofstream(file, std::ios::binary) << R"(scenario: with-csv
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 12/y}, repair: {self_heal: {empirical: {csv: data/ttr.csv, unit: 1h}}}}
journeys:
  use: [api]
)";
    write_csv("ttr\n1\n2\n4\n");
  }
  ~ScenarioWithCsv() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }
  ScenarioWithCsv(const ScenarioWithCsv&) = delete;
  ScenarioWithCsv& operator=(const ScenarioWithCsv&) = delete;
  void write_csv(const std::string& text) const { std::ofstream(csv, std::ios::binary) << text; }
};

}  // namespace

TEST_CASE("run's record lists the scenario and its CSV file with sha256sum's digests") {
  const ScenarioWithCsv inputs;
  const json record = cli_json("run " + inputs.file.string() + " --trials 20")["run"];
  CHECK(record["scenario_hash"] == "sha256:" + sha256sum(inputs.file));
  REQUIRE(record["inputs"].size() == 2);
  CHECK(record["inputs"][0] == json({{"role", "scenario"},
                                     {"file", inputs.file.string()},
                                     {"sha256", sha256sum(inputs.file)}}));
  CHECK(record["inputs"][1] ==
        json({{"role", "csv"}, {"file", inputs.csv.string()}, {"sha256", sha256sum(inputs.csv)}}));
}

TEST_CASE("editing a CSV file the scenario reads changes the run record") {
  const ScenarioWithCsv inputs;
  const std::string run = "run " + inputs.file.string() + " --trials 20";
  const json before = cli_json(run)["run"];
  inputs.write_csv("ttr\n1\n2\n8\n");
  const json after = cli_json(run)["run"];
  CHECK(after["scenario_hash"] == before["scenario_hash"]);
  CHECK(after["inputs"][1]["sha256"] != before["inputs"][1]["sha256"]);
  CHECK(after["inputs"][1]["sha256"] == sha256sum(inputs.csv));
}

TEST_CASE("the run record names the platform and build") {
  const ScenarioWithCsv inputs;
  const json platform = cli_json("run " + inputs.file.string() + " --trials 20")["run"]["platform"];
  for (const char* key : {"os", "arch", "compiler", "build_type"}) {
    INFO(key);
    REQUIRE(platform.contains(key));
    CHECK_FALSE(platform[key].get<std::string>().empty());
  }
}

TEST_CASE("every text format prints each input file with its hash, and the platform") {
  const ScenarioWithCsv inputs;
  const std::string file = inputs.file.string();
  const std::string compiler =
      cli_json("run " + file + " --trials 20")["run"]["platform"]["compiler"];
  for (const std::string& command :
       {"run " + file, "run " + file + " --format html --tornado-trials 0", "fmea " + file,
        "fmea " + file + " --format csv", "fmea " + file + " --format markdown",
        "fmea " + file + " --format html"}) {
    INFO(command);
    const auto result = run_cli(command + " --trials 20");
    REQUIRE(result.exit_code == 0);
    // The CSV worksheet holds the record in its first line, a comment.
    const bool csv = command.ends_with("--format csv");
    const std::string record =
        csv ? result.output.substr(0, result.output.find('\n')) : result.output;
    CHECK_THAT(record, Catch::Contains(inputs.csv.string()));
    CHECK_THAT(record, Catch::Contains("sha256:" + sha256sum(inputs.csv)));
    CHECK_THAT(record, Catch::Contains("sha256:" + sha256sum(inputs.file)));
    CHECK_THAT(record, Catch::Contains(compiler));
  }
}

TEST_CASE("fmea --bands names the bands file by sha256sum's digest") {
  const ScenarioWithCsv inputs;
  const auto bands = inputs.folder / "bands.yaml";
  std::ofstream(bands, std::ios::binary)
      << "occurrence: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n";
  const json record =
      cli_json("fmea " + inputs.file.string() + " --trials 20 --bands " + bands.string())["run"];
  CHECK(record["bands_hash"] == "sha256:" + sha256sum(bands));
  REQUIRE(record["inputs"].size() == 3);
  CHECK(record["inputs"][2] ==
        json({{"role", "bands"}, {"file", bands.string()}, {"sha256", sha256sum(bands)}}));
}
