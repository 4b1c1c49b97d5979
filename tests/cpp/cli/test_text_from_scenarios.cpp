// A scenario whose free text (scenario name, descriptions, cause, effect, SLA customer,
// currencies) holds CR LF with a fake verdict, U+202E and a tab: every text output keeps each
// field on its line and shows no raw bidirectional control; JSON keeps the exact text.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.hpp"

using reliasim::testing::cli_json;
using reliasim::testing::run_cli;

namespace {

const std::string rlo = "\u202E";
const std::string tail = "\r\nVerdict: forged" + rlo + "\t";

std::string hostile() {
  return std::string(RELIASIM_SOURCE_DIR) + "/tests/data/hostile-text.yaml";
}

// The output of a command that must succeed.
std::string output(const std::string& arguments) {
  const auto result = run_cli(arguments);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return result.output;
}

// No forged line and nothing that reorders the text on screen.
void check_text(const std::string& text) {
  CHECK(text.find(rlo) == std::string::npos);
  CHECK(text.find("\nVerdict: forged") == std::string::npos);
  CHECK(text.find("\rVerdict: forged") == std::string::npos);
  CHECK(text.find('\t') == std::string::npos);
}

}  // namespace

TEST_CASE("validate: the scenario's name stays on its line") {
  const std::string text = output("validate " + hostile());
  check_text(text);
  CHECK_THAT(text, Catch::Contains(": OK: shop\\r\\nVerdict: forged\\u202E name: 1 service"));
}

TEST_CASE("run: the table and the report keep every field on its line") {
  const std::string table = output("run " + hostile() + " --trials 20 --seed 1");
  check_text(table);
  CHECK_THAT(table, Catch::Contains("EUR\\r\\nVerdict: forged\\u202E "));
  const std::string html =
      output("run " + hostile() + " --trials 20 --seed 1 --format html --tornado-trials 0");
  check_text(html);
  CHECK_THAT(html, Catch::Contains("shop\\r\\nVerdict: forged\\u202E name"));
}

TEST_CASE("run: JSON keeps the exact text, with bidirectional controls as \\u escapes") {
  const auto result = run_cli("run " + hostile() + " --trials 20 --seed 1 --format json");
  REQUIRE(result.exit_code == 0);
  CHECK(result.output.find(rlo) == std::string::npos);
  const auto document = nlohmann::json::parse(result.output);
  CHECK(document["failure_modes"][0]["cause"] ==
        "disk full\r\nVerdict: forged" + rlo + "gnp.exe\tcause");
  CHECK(document["failure_modes"][0]["effect"] == "errors" + tail + "effect");
  CHECK(document["slas"][0]["currency"] == "EUR" + tail);
}

TEST_CASE("fmea: every text format keeps each field on its line, one CSV record per row") {
  const std::string run = "fmea " + hostile() + " --trials 20 --seed 1";
  for (const char* format : {"table", "markdown", "html"}) {
    INFO(format);
    check_text(output(run + " --format " + format));
  }
  CHECK_THAT(output(run + " --format html"),
             Catch::Contains("disk full\\r\\nVerdict: forged\\u202Egnp.exe cause"));
  const std::string csv = output(run + " --format csv");
  check_text(csv);
  // No field is quoted over a line break: a comment, a header and the one failure mode.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK_THAT(csv, Catch::Contains(",disk full\\r\\nVerdict: forged\\u202Egnp.exe cause,"));
  const auto json = cli_json(run);
  CHECK(json["failure_modes"][0]["cause"] ==
        "disk full\r\nVerdict: forged" + rlo + "gnp.exe\tcause");
}

TEST_CASE("compare: scenario names, currencies and the verdict stay on their lines") {
  const std::string table =
      output("compare " + hostile() + " " + hostile() + " --trials 20 --seed 1");
  check_text(table);
  CHECK_THAT(table, Catch::Contains("A: shop\\r\\nVerdict: forged\\u202E name"));
  // The one verdict is the engine's.
  std::size_t verdicts = 0;
  for (std::size_t at = table.find("\nVerdict:"); at != std::string::npos;
       at = table.find("\nVerdict:", at + 1))
    ++verdicts;
  CHECK(verdicts == 1);
}
