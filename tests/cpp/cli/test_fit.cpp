// `reliasim fit`: every option changes what docs/fit.md says, checked against figures computed
// here from the export's own numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "cli_runner.hpp"

using namespace reliasim::testing;

namespace {

// Ten incidents of service api in 2026, detected 1..10 minutes after they started, resolved
// an hour after; the last one still open. Two of them acknowledged 0 s and 30 s after detection.
std::filesystem::path write_export() {
  std::string text = "service,failure_mode,started,detected,acknowledged,resolved\n";
  for (int i = 1; i <= 10; ++i) {
    const std::string day = (i < 10 ? "2026-02-0" : "2026-02-") + std::to_string(i);
    const std::string detected =
        "T10:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ":00Z";
    const std::string acknowledged = i == 1   ? day + detected
                                     : i == 2 ? day + "T10:02:30Z"
                                              : std::string();
    text += "api," + std::string(i % 2 ? "crash" : "overload") + "," + day + "T10:00:00Z," + day +
            detected + "," + acknowledged + "," + (i == 10 ? "" : day + "T11:00:00Z") + "\n";
  }
  const auto path = temp_path("fit-export.csv");
  std::ofstream(path) << text;
  return path;
}

const nlohmann::json& stage(const nlohmann::json& group, const std::string& name) {
  for (const auto& s : group["stages"])
    if (s["stage"] == name) return s;
  FAIL("no stage " << name);
  return group;
}

const nlohmann::json& family(const nlohmann::json& s, const std::string& name) {
  for (const auto& f : s["families"])
    if (f["family"] == name) return f;
  FAIL("no family " << name);
  return s;
}

const std::string period = " --since 2026-01-01 --until 2027-01-01 --bootstrap 19";

}  // namespace

TEST_CASE("fit: rate, censoring and the exponential interval at --confidence", "[cli][fit]") {
  const auto path = write_export().string();
  const auto doc = cli_json("fit " + path + period + " --confidence 0.8");
  const auto& group = doc["groups"][0];
  CHECK(group["name"] == "api");
  CHECK(group["incidents"] == 10);
  CHECK(group["open"] == 1);
  // Nine incidents lasted 1 h; the open one from 2026-02-10 10:00 to the period's end.
  const double year = 365 * 86400.0;  // the scenario format's y
  const double open_for = 365 * 86400.0 - (31 + 9) * 86400.0 - 10 * 3600.0;
  const double at_risk = (365 * 86400.0 - 9 * 3600.0 - open_for) / year;
  CHECK(group["rate"]["estimate"].get<double>() == Approx(10 / at_risk).epsilon(1e-12));
  // TTR: nine ended at 1 h, one censored at open_for.
  const auto& ttr = stage(group, "TTR");
  CHECK(ttr["ended"] == 9);
  CHECK(ttr["open"] == 1);
  const auto& exponential = family(ttr, "exponential")["parameters"]["mean"];
  const double mean = (9 * 3600.0 + open_for) / 9;
  const double z = 1.2815515655446004;  // the 90th percentile of the normal: 80 % two-sided
  CHECK(exponential["estimate"].get<double>() == Approx(mean).epsilon(1e-8));
  CHECK(exponential["lower"].get<double>() == Approx(mean * std::exp(-z / 3)).epsilon(1e-5));
  CHECK(exponential["upper"].get<double>() == Approx(mean * std::exp(z / 3)).epsilon(1e-5));
}

TEST_CASE("fit: --resolution, --families and --seed", "[cli][fit]") {
  const auto path = write_export().string();
  const auto engage = [&](const std::string& options) {
    return stage(cli_json("fit " + path + period + options)["groups"][0], "engage");
  };
  CHECK(engage("")["at_most_resolution"] == 1);                  // 0 s
  CHECK(engage(" --resolution 1m")["at_most_resolution"] == 2);  // 0 s and 30 s
  const auto detect =
      stage(cli_json("fit " + path + period + " --families gamma,weibull")["groups"][0], "detect");
  REQUIRE(detect["families"].size() == 2);
  CHECK(detect["families"][0]["family"] != "exponential");
  CHECK(detect["families"][1]["family"] != "lognormal");
  const auto p = [&](const std::string& seed) {
    return family(
               stage(cli_json("fit " + path + period + " --seed " + seed)["groups"][0], "detect"),
               "weibull")["kolmogorov_smirnov"]["p_value"]
        .get<double>();
  };
  CHECK(p("5") == p("5"));
  CHECK((p("5") != p("6") || p("5") != p("7")));
}

TEST_CASE("fit: scenario YAML, --blocks and --group-by service,failure_mode", "[cli][fit]") {
  const auto path = write_export().string();
  const auto scenario_path = temp_path("fit-scenario.yaml");
  auto result = run_cli("fit " + path + period + " --group-by service,failure_mode -o " +
                        scenario_path.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const std::string yaml = read_file(scenario_path);
  CHECK(yaml.find("services:\n  \"api\":\n    failure_modes:\n      - name: \"crash\"\n") !=
        std::string::npos);
  CHECK(yaml.find("      - name: \"overload\"\n") != std::string::npos);
  result = run_cli("validate " + scenario_path.string());
  INFO(result.output);
  CHECK(result.exit_code == 0);
  result = run_cli("fit " + path + period + " --format yaml --blocks");
  CHECK(result.output.find("services:") == std::string::npos);
  CHECK(result.output.find("failure_modes:\n  - name: \"incidents\"\n") != std::string::npos);
  // A stage the export has no time for is written as 0s and says so.
  CHECK(result.output.find("repair: {manual: 0s}  # not in the export") != std::string::npos);
}

TEST_CASE("fit: a mapping file with every key, and --column over it", "[cli][fit]") {
  const auto export_path = temp_path("fit-export.json");
  std::ofstream(export_path) << R"({"meta": {}, "items": {"list": [
    {"opened": "01/02/2026 09:00", "ack_after_ms": 90000, "closed": "01/02/2026 10:00", "svc": "a"},
    {"opened": "02/02/2026 09:00", "ack_after_ms": 30000, "closed": "02/02/2026 09:30", "svc": "a"}]}})";
  const auto mapping = temp_path("fit-mapping.yaml");
  std::ofstream(mapping) << "format: json\nrecords: items.list\ntime_format: \"%d/%m/%Y %H:%M\"\n"
                            "utc_offset: \"+02:00\"\ncolumns:\n  detected: opened\n"
                            "  acknowledged: {column: ack_after_ms, after: detected, unit: 1ms}\n"
                            "  resolved: closed\n  service: svc\n";
  const auto doc = cli_json("fit " + export_path.string() + " --mapping " + mapping.string() +
                            " --bootstrap 0 --since 2026-01-01 --until 2027-01-01");
  const auto& group = doc["groups"][0];
  CHECK(group["name"] == "a");
  // The exponential mean of the engage stage: (90 s + 30 s) / 2.
  CHECK(family(stage(group, "engage"), "exponential")["parameters"]["mean"]["estimate"]
            .get<double>() == Approx(60).epsilon(1e-9));
  // --since without an offset is read at the mapping's: midnight at +02:00 is 22:00 UTC.
  CHECK(doc["period"]["start"] == "2025-12-31 22:00 UTC");
  CHECK(stage(group, "TTR")["ended"] == 2);
  const auto overridden =
      cli_json("fit " + export_path.string() + " --mapping " + mapping.string() +
               " --column acknowledged=opened --bootstrap 0");
  CHECK(stage(overridden["groups"][0], "engage")["at_most_resolution"] == 2);
  // `format: json` reads a file whose name says nothing of it; without it, the text is CSV.
  const auto renamed = temp_path("fit-export-json.txt");
  std::filesystem::copy_file(export_path, renamed,
                             std::filesystem::copy_options::overwrite_existing);
  CHECK(cli_json("fit " + renamed.string() + " --mapping " + mapping.string() +
                 " --bootstrap 0")["groups"][0]["name"] == "a");
  const auto as_csv =
      run_cli("fit " + renamed.string() + " --column detected=opened --bootstrap 0");
  CHECK(as_csv.exit_code == 1);
  const auto bad = temp_path("fit-bad-mapping.yaml");
  std::ofstream(bad) << "columns:\n  detected: opened\n  resolvd: closed\n";
  const auto result = run_cli("fit " + export_path.string() + " --mapping " + bad.string());
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output,
             Catch::Contains(bad.string() + ":3:3") && Catch::Contains("did you mean 'resolved'"));
}

TEST_CASE("fit: groups whose names become the same get names of their own", "[cli][fit]") {
  std::string text = "service,started,resolved\n";
  for (int i = 1; i <= 4; ++i)
    for (const char* service : {"web api", "web-api", "web/api"})
      text += std::string(service) + ",2026-01-0" + std::to_string(i) + "T10:00:00Z,2026-01-0" +
              std::to_string(i) + "T1" + std::to_string(i) + ":00:00Z\n";
  const auto path = temp_path("fit-names.csv");
  std::ofstream(path) << text;
  const auto scenario_path = temp_path("fit-names.yaml");
  const auto result =
      run_cli("fit " + path.string() + " --bootstrap 0 -o " + scenario_path.string());
  REQUIRE(result.exit_code == 0);
  const std::string yaml = read_file(scenario_path);
  for (const char* name : {"  \"web-api\":\n", "  \"web-api-2\":\n", "  \"web-api-3\":\n"})
    CHECK(yaml.find(name) != std::string::npos);
  const auto validated = run_cli("validate " + scenario_path.string());
  INFO(validated.output);
  CHECK(validated.exit_code == 0);
}

TEST_CASE("fit: rows without a start, exports without detection, no bootstrap", "[cli][fit]") {
  // 20 incidents started and acknowledged (no detected column): engage is T2 - T0. Every
  // fifth has no start: it has no detect stage (no column anyway) and starts at... nothing.
  std::string text = "service,started,acknowledged,resolved\n";
  for (int i = 1; i <= 20; ++i) {
    const std::string day = (i < 10 ? "2026-03-0" : "2026-03-") + std::to_string(i);
    text += "api," + day + "T10:00:00Z," + day + "T10:" + (i < 10 ? "0" : "") + std::to_string(i) +
            ":00Z," + day + "T12:00:00Z\n";
  }
  const auto path = temp_path("fit-no-detected.csv");
  std::ofstream(path) << text;
  const auto doc = cli_json("fit " + path.string() + " --bootstrap 0");
  const auto& engage = stage(doc["groups"][0], "engage");
  CHECK(engage["recorded"].get<bool>());
  CHECK(engage["ended"] == 20);
  // Minutes 1..20: the exponential mean is 10.5 minutes.
  CHECK(family(engage, "exponential")["parameters"]["mean"]["estimate"].get<double>() ==
        Approx(630.0).epsilon(1e-9));
  CHECK(family(engage, "exponential")["kolmogorov_smirnov"]["p_value"].is_null());
  CHECK_FALSE(stage(doc["groups"][0], "detect")["recorded"].get<bool>());
}

TEST_CASE("fit: a row with an empty start is fitted from its detection", "[cli][fit]") {
  std::string text = "service,started,detected,resolved\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string day = (i < 10 ? "2026-04-0" : "2026-04-") + std::to_string(i);
    text += "api," + (i % 5 ? day + "T09:50:00Z" : std::string()) + "," + day + "T10:00:00Z," +
            day + "T11:00:00Z\n";
  }
  const auto path = temp_path("fit-empty-start.csv");
  std::ofstream(path) << text;
  const auto doc = cli_json("fit " + path.string() + " --bootstrap 0");
  CHECK(stage(doc["groups"][0], "detect")["ended"] == 24);
  CHECK(stage(doc["groups"][0], "detect")["missing"] == 6);
  CHECK(stage(doc["groups"][0], "TTR")["ended"] == 30);
}

TEST_CASE("fit: a bad export writes no output file", "[cli][fit]") {
  const auto export_path = temp_path("fit-broken.csv");
  std::ofstream(export_path) << "started,resolved\n2026-01-01T00:00:00Z,2025-01-01T00:00:00Z\n";
  const auto out = temp_path("fit-broken.yaml");
  std::filesystem::remove(out);
  const auto result = run_cli("fit " + export_path.string() + " -o " + out.string());
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output,
             Catch::Contains(":2:2: error: resolved") && Catch::Contains("comes before started"));
  CHECK_FALSE(std::filesystem::exists(out));
}
