// `reliasim fmea` options: --bands (scores on a team's own band tables, named in the run
// record), --print-bands, --streaming (bounded memory, the same ranking and downtime bits) and
// --precision (stops when the first journey's downtime is precise, says whether it was).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using nlohmann::json;
using reliasim::testing::read_file;
using reliasim::testing::run_cli;
using reliasim::testing::scenario;
using reliasim::testing::temp_path;

namespace {

std::string write_bands(const std::string& name, const std::string& text) {
  const auto path = temp_path(name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The JSON worksheet of the web shop; fails the test when the command does.
json web_shop_fmea(const std::string& options) {
  const auto result =
      run_cli("fmea " + scenario("web-shop.yaml") + " --seed 5 --format json " + options);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.output);
}

// Rows by "service/name", so that two worksheets can be compared mode by mode.
std::map<std::string, json> rows_by_mode(const json& sheet) {
  std::map<std::string, json> rows;
  for (const auto& row : sheet["failure_modes"])
    rows[row["service"].get<std::string>() + "/" + row["name"].get<std::string>()] = row;
  return rows;
}

// Nine edges below the rarest bundled mode (0.1 a year): every mode that occurs scores 10.
const char* const occurrence_all_ten =
    "occurrence: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09]\n";

}  // namespace

TEST_CASE("fmea --bands scores on the file's tables") {
  const std::string bands = write_bands("bands-ten.yaml", occurrence_all_ten);
  const json custom = web_shop_fmea("--trials 200 --bands " + bands);
  const json plain = web_shop_fmea("--trials 200");
  CHECK(custom["bands"]["occurrence"]["edges"][8] == 0.09);
  CHECK(custom["bands"]["detection_delay"] == plain["bands"]["detection_delay"]);
  auto defaults = rows_by_mode(plain);
  REQUIRE(custom["failure_modes"].size() == defaults.size());
  for (const auto& row : custom["failure_modes"]) {
    INFO(row["name"]);
    REQUIRE(row["incidents_per_year"]["estimate"].get<double>() >= 0.09);
    CHECK(row["occurrence"] == 10);
    const json& before =
        defaults[row["service"].get<std::string>() + "/" + row["name"].get<std::string>()];
    CHECK(row["severity"] == before["severity"]);  // only the occurrence table changed
    CHECK(row["detection"] == before["detection"]);
    CHECK(row["rpn"] == row["severity"].get<int>() * 10 * row["detection"].get<int>());
  }
  CHECK(custom["run"]["bands_file"] == bands);
  CHECK(custom["run"]["bands_hash"].get<std::string>().rfind("sha256:", 0) == 0);
  CHECK_FALSE(plain["run"].contains("bands_file"));
}

TEST_CASE("fmea --bands with every edge never reached scores everything 1") {
  const std::string bands = write_bands(
      "bands-never.yaml", "occurrence: [inf, inf, inf, inf, inf, inf, inf, inf, inf]\n");
  // Kept whole: a loop over a member of the temporary would read it after it is destroyed.
  const auto sheet = web_shop_fmea("--trials 40 --bands " + bands);
  for (const auto& row : sheet["failure_modes"]) CHECK(row["occurrence"] == 1);
}

TEST_CASE("fmea names the bands file and its hash in every format") {
  const std::string bands = write_bands("bands-named.yaml", occurrence_all_ten);
  for (const char* format : {"table", "csv", "markdown", "html"}) {
    INFO(format);
    const auto result = run_cli("fmea " + scenario("web-shop.yaml") + " --trials 20 --format " +
                                format + " --bands " + bands);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("bands " + bands + " (hash sha256:"));
  }
}

TEST_CASE("fmea refuses a bad bands file with its place, before simulating") {
  struct Case {
    const char* text;
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {"", ":1:1: error: ", "the bands file is empty"},
      {"[1, 2]\n", ":1:1: error: ", "must be a map"},
      {"occurrence: [1, 2, 3]\n", ":1:13: error: ", "nine edges"},
      {"occurrence: [1, 2, 3, 4, 5, 6, 7, 9, 8]\n", ":1:38: error: ", "increase strictly"},
      {"occurrence: [1, 2, 3, 4, 5, 6, 7, 8, .nan]\n", ":1:38: error: ", "not a finite number"},
      {"occurrence: [1, 2, 3, 4, 5, 6, 7, 8, 1e400]\n", ":1:38: error: ", "not a finite number"},
      {"\n\ndetection_probability: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 2]\n",
       ":3:63: error: ", "outside [0, 1]"},
      {"occurence: [1]\n", ":1:1: error: ", "did you mean 'occurrence'?"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string bands = write_bands("bands-bad.yaml", c.text);
    const auto result =
        run_cli("fmea " + scenario("web-shop.yaml") + " --trials 20 --bands " + bands);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains(bands + c.where));
    CHECK_THAT(result.output, Catch::Contains(c.message));
    CHECK_THAT(result.output, !Catch::Contains("FMEA worksheet"));
  }
  const auto missing = run_cli("fmea " + scenario("web-shop.yaml") + " --bands " +
                               temp_path("no-such.yaml").string());
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.output, Catch::Contains("cannot read the bands file"));
}

TEST_CASE("fmea --print-bands writes bands that score exactly as the defaults") {
  const auto printed = temp_path("bands-printed.yaml");
  const auto result = run_cli("fmea --print-bands -o " + printed.string());
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(read_file(printed), Catch::Contains("detection_delay: [1m, 2m, 5m,"));
  json custom = web_shop_fmea("--trials 40 --bands " + printed.string());
  json plain = web_shop_fmea("--trials 40");
  CHECK(custom["bands"] == plain["bands"]);
  CHECK(custom["failure_modes"] == plain["failure_modes"]);

  const auto merged =
      run_cli("fmea --print-bands --bands " + write_bands("bands-merge.yaml", occurrence_all_ten));
  REQUIRE(merged.exit_code == 0);
  CHECK_THAT(merged.output, Catch::Contains("occurrence: [0.01, 0.02, 0.03,"));
  CHECK_THAT(merged.output, Catch::Contains("default_window: 30d"));
  CHECK(run_cli("fmea").exit_code == 2);  // a scenario is needed for anything else
}

namespace {

// Two worksheets of the same trials, one streamed: the same rows in the same order with the
// same exact figures; medians from 1 %-wide bins when streaming.
void check_same_ranking(const json& streamed, const json& whole) {
  CHECK(streamed["run"]["trials"] == whole["run"]["trials"]);
  REQUIRE(streamed["failure_modes"].size() == whole["failure_modes"].size());
  for (std::size_t i = 0; i < whole["failure_modes"].size(); ++i) {
    const json& s = streamed["failure_modes"][i];
    const json& w = whole["failure_modes"][i];
    INFO(w["name"]);
    CHECK(s["service"] == w["service"]);
    CHECK(s["name"] == w["name"]);
    CHECK(s["downtime_per_year"] == w["downtime_per_year"]);
    CHECK(s["incidents_per_year"] == w["incidents_per_year"]);
    CHECK(s["credit_per_year"] == w["credit_per_year"]);
    CHECK(s["ttr_p50"]["estimate"].get<double>() ==
          Approx(w["ttr_p50"]["estimate"].get<double>()).epsilon(0.01));
  }
  CHECK(streamed["scope_downtime_per_year"] == whole["scope_downtime_per_year"]);
}

}  // namespace

TEST_CASE("fmea --streaming ranks as a run of all trials, with the same downtime bits") {
  // 4100 trials: three batches, the last one short.
  const json streamed = web_shop_fmea("--trials 4100 --streaming");
  CHECK(streamed["run"]["trials"] == 4100);
  check_same_ranking(streamed, web_shop_fmea("--trials 4100"));
}

TEST_CASE("fmea --precision streams: the same trials and ranking as in memory") {
  const json whole = web_shop_fmea("--precision 0.04");
  CHECK(whole["run"]["trials"].get<int>() > 1000);  // several steps, batches within them
  const json streamed = web_shop_fmea("--precision 0.04 --streaming");
  CHECK(streamed["run"]["converged"] == true);
  CHECK(streamed["run"]["relative_half_width"] == whole["run"]["relative_half_width"]);
  check_same_ranking(streamed, whole);
}

TEST_CASE("fmea streams trials that do not fit in --max-memory, and says so") {
  const std::string options = "--trials 3000 --max-memory 60MB";
  const auto note =
      run_cli("fmea " + scenario("web-shop.yaml") + " --seed 5 --format json " + options);
  CHECK_THAT(note.output, Catch::StartsWith("reliasim: 3000 trials do not fit in memory at once"));
  REQUIRE(note.exit_code == 0);
  const auto quiet =
      run_cli("-q fmea " + scenario("web-shop.yaml") + " --seed 5 --format json " + options);
  REQUIRE(quiet.exit_code == 0);
  check_same_ranking(json::parse(quiet.output), web_shop_fmea("--trials 3000"));
}

TEST_CASE("fmea --precision says whether the first journey's downtime converged") {
  const json converged = web_shop_fmea("--precision 0.2");
  CHECK(converged["run"]["precision_run"] == true);
  CHECK(converged["run"]["converged"] == true);
  CHECK(converged["run"]["relative_half_width"].get<double>() <= 0.2);
  const double mean = converged["scope_downtime_per_year"]["estimate"].get<double>();
  const double upper = converged["scope_downtime_per_year"]["upper"].get<double>();
  CHECK((upper - mean) / mean <= 0.21);  // as reported (Student-t, hence a little slack)

  const auto capped =
      run_cli("fmea " + scenario("web-shop.yaml") + " --precision 0.0001 --max-trials 60");
  REQUIRE(capped.exit_code == 0);
  CHECK_THAT(capped.output, Catch::Contains("trials 60, NOT converged (trial cap reached)"));
  CHECK(run_cli("fmea " + scenario("web-shop.yaml") + " --precision 0.1 --trials 10").exit_code ==
        2);
}
