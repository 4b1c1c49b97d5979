// `reliasim fmea`: exit codes, every output format, the run record, whole output files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::scenario;
using reliasim::testing::temp_path;

namespace {

std::string fmea_of_web_shop(const std::string& options) {
  return "fmea " + scenario("web-shop.yaml") + " --trials 40 --seed 3 " + options;
}

}  // namespace

TEST_CASE("fmea prints the worksheet as a table with the run record") {
  const auto result = run_cli(fmea_of_web_shop(""));
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("FMEA worksheet"));
  CHECK_THAT(result.output, Catch::Contains("payments-provider/provider-outage"));
  CHECK_THAT(result.output, Catch::Contains("common-cause/zone-outage"));
  CHECK_THAT(result.output, Catch::Contains("seed 3, trials 40"));
  CHECK_THAT(result.output, Catch::Contains("hash sha256:"));
  CHECK_THAT(result.output, Catch::Contains("command: reliasim fmea"));
}

TEST_CASE("fmea writes CSV, Markdown, HTML and JSON") {
  const auto csv = run_cli(fmea_of_web_shop("--format csv"));
  REQUIRE(csv.exit_code == 0);
  CHECK_THAT(csv.output, Catch::StartsWith("# run: reliasim "));
  CHECK_THAT(csv.output, Catch::Contains("\r\nrank,service,failure_mode,"));

  const auto markdown = run_cli(fmea_of_web_shop("--format markdown"));
  REQUIRE(markdown.exit_code == 0);
  CHECK_THAT(markdown.output, Catch::StartsWith("# FMEA worksheet"));
  CHECK_THAT(markdown.output, Catch::Contains("| Rank | Service | Failure mode |"));

  const auto html = run_cli(fmea_of_web_shop("--format html"));
  REQUIRE(html.exit_code == 0);
  CHECK_THAT(html.output, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html.output, Catch::Contains("</html>"));

  const auto json = run_cli(fmea_of_web_shop("--format json"));
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.output);
  CHECK(document["run"]["trials"] == 40);
  CHECK(document["run"]["seed"] == 3);
  CHECK(document["scope"] == "checkout");
  REQUIRE(document["failure_modes"].size() == 16);
  const auto& top = document["failure_modes"][0];
  CHECK(top["rank"] == 1);
  CHECK(top["downtime_per_year"]["unit"] == "s/y");
  for (const char* key : {"severity", "occurrence", "detection"}) {
    CHECK(top[key].get<int>() >= 1);
    CHECK(top[key].get<int>() <= 10);
  }
  CHECK(top["rpn"] ==
        top["severity"].get<int>() * top["occurrence"].get<int>() * top["detection"].get<int>());
}

TEST_CASE("fmea -o writes the file whole, identical for 1 and 2 threads") {
  const auto dir = std::filesystem::temp_directory_path();
  const auto one = dir / "reliasim-fmea-one.csv", two = dir / "reliasim-fmea-two.csv";
  REQUIRE(run_cli(fmea_of_web_shop("--format csv --threads 1 -o " + one.string())).exit_code == 0);
  REQUIRE(run_cli(fmea_of_web_shop("--format csv --threads 2 -o " + two.string())).exit_code == 0);
  auto body = [](const std::filesystem::path& path) {  // without the comment line
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str().substr(text.str().find('\n'));
  };
  CHECK(body(one) == body(two));
  CHECK(!std::filesystem::exists(dir / "reliasim-fmea-one.csv.part"));
  std::filesystem::remove(one);
  std::filesystem::remove(two);
}

TEST_CASE("fmea exits 1 on an invalid or missing scenario") {
  const auto bad = std::filesystem::temp_directory_path() / "reliasim-fmea-bad.yaml";
  std::ofstream(bad) << "scenario: x\nservices:\n  a:\n    depends_on: [nowhere]\n";
  const auto invalid = run_cli("fmea " + bad.string());
  CHECK(invalid.exit_code == 1);
  CHECK_THAT(invalid.output, Catch::Contains(bad.string() + ":4:"));
  std::filesystem::remove(bad);
  CHECK(run_cli("fmea /nonexistent/scenario.yaml").exit_code == 1);
}

TEST_CASE("fmea exits 2 on a bad command line") {
  CHECK(run_cli("fmea").exit_code == 2);
  CHECK(run_cli(fmea_of_web_shop("--format pdf")).exit_code == 2);
  CHECK(run_cli("fmea " + scenario("web-shop.yaml") + " --trials 1").exit_code == 2);
  CHECK(run_cli("fmea " + scenario("web-shop.yaml") + " --no-such-option").exit_code == 2);
}
