// reliasim/scenario/fmea_bands.hpp: bands files override the tables they name, accept the
// units people write, read back what fmea_bands_yaml writes, and report every problem at its
// line and column with what would be valid.
#include <algorithm>
#include <cmath>

#include "load_helpers.hpp"
#include "reliasim/scenario/fmea_bands.hpp"

namespace reliasim::scenario {
namespace {

using test::at;
using test::Where;

FmeaBands bands_of(std::string_view text) {
  try {
    return load_fmea_bands_text(text, "bands.yaml");
  } catch (const ScenarioError& error) {
    FAIL(test::listing(error.diagnostics()));
  }
  return {};
}

std::vector<Diagnostic> bands_errors_of(std::string_view text) {
  try {
    (void)load_fmea_bands_text(text, "bands.yaml");
  } catch (const ScenarioError& error) {
    for (const auto& d : error.diagnostics()) CHECK(d.file == "bands.yaml");
    return error.diagnostics();
  }
  FAIL_CHECK("the bands loaded, but an error was expected:\n" << text);
  return {};
}

// The text gives exactly one error, at `where`, whose message contains `fragment`.
void check_only_error(std::string_view text, Where where, std::string_view fragment) {
  const auto errors = bands_errors_of(text);
  INFO(test::listing(errors));
  CHECK(errors.size() == 1);
  CHECK(test::count_at(errors, where, fragment) == 1);
}

bool same(const ScoreBands& a, const ScoreBands& b) {
  return a.edges == b.edges && a.falling == b.falling;
}

bool same(const FmeaBands& a, const FmeaBands& b) {
  return same(a.occurrence, b.occurrence) &&
         same(a.detection_probability, b.detection_probability) &&
         same(a.detection_delay, b.detection_delay) && same(a.severity_impact, b.severity_impact) &&
         same(a.severity_budget, b.severity_budget) && a.default_target == b.default_target &&
         a.default_window == b.default_window;
}

TEST_CASE("a bands file overrides only the tables it names", "[fmea_bands]") {
  const FmeaBands bands = bands_of("occurrence: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
  CHECK(bands.occurrence.edges == std::array<double, 9>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK_FALSE(bands.occurrence.falling);
  FmeaBands expected;
  expected.occurrence = bands.occurrence;
  CHECK(same(bands, expected));
}

TEST_CASE("bands files take units, percentages and inf", "[fmea_bands]") {
  const FmeaBands bands = bands_of(
      "detection_delay: [30, 1m, 90s, 5m, 0.25h, 1h, 2h, 1d, 2w]\n"
      "detection_probability: [25%, 50%, 0.6, 0.7, 0.8, 0.9, 95%, 99%, 99.9%]\n"
      "severity_impact: [0.001, 0.1, 0.5, 1, inf, .inf, inf, inf, inf]\n"
      "severity_budget: [0.01, 0.1, 0.5, 1, 2, 5, 10, 100, 1e6]\n"
      "default_target: 99.5%\n"
      "default_window: 7d\n");
  CHECK(bands.detection_delay.edges ==
        std::array<double, 9>{30, 60, 90, 300, 900, 3600, 7200, 86400, 14 * 86400});
  CHECK(bands.detection_probability.edges[0] == 0.25);
  CHECK(bands.detection_probability.edges[8] == Approx(0.999));
  CHECK(bands.detection_probability.falling);
  CHECK(std::isinf(bands.severity_impact.edges[4]));
  CHECK(bands.severity_budget.edges[8] == 1e6);
  CHECK(bands.default_target == Approx(0.995));
  CHECK(bands.default_window == 7 * 86400.0);
}

TEST_CASE("written bands read back bit for bit", "[fmea_bands]") {
  CHECK(same(bands_of(fmea_bands_yaml(FmeaBands{})), FmeaBands{}));
  FmeaBands odd;
  odd.occurrence.edges = {0.1, 0.2, 0.30000000000000004, 1e-300, 5, 6, 7, 8, 1e300};
  std::sort(odd.occurrence.edges.begin(), odd.occurrence.edges.end());
  odd.detection_delay.edges = {0.5, 61, 5400, 36000, 90000, 1e6, 1e7, 2e7, 3e7};
  odd.default_window = 12345.678;
  CHECK(same(bands_of(fmea_bands_yaml(odd)), odd));
}

TEST_CASE("the written defaults use readable units", "[fmea_bands]") {
  const std::string text = fmea_bands_yaml(FmeaBands{});
  CHECK_THAT(text, Catch::Contains("detection_delay: [1m, 2m, 5m, 10m, 15m, 30m, 1h, 4h, 1d]"));
  CHECK_THAT(text, Catch::Contains("severity_impact: [1e-06, 0.01, 0.05, 0.2, 0.5, 0.99, inf, "));
  CHECK_THAT(text, Catch::Contains("default_window: 30d"));
}

TEST_CASE("a table must hold nine edges", "[fmea_bands]") {
  const std::string text = "occurrence: [1, 2, 3]\n";
  check_only_error(text, at(text, "["), "must be a list of nine edges");
  check_only_error(text, at(text, "["), "got a list of 3");
  const std::string scalar = "severity_budget: 0.5\n";
  check_only_error(scalar, at(scalar, "0.5"), "got '0.5'");
}

TEST_CASE("edges must increase strictly, inf only at the end", "[fmea_bands]") {
  const std::string falling = "occurrence: [1, 2, 3, 2.5, 5, 6, 7, 8, 9]\n";
  check_only_error(falling, at(falling, "2.5"), "'2.5' is not above the edge before it, 3");
  const std::string repeated = "occurrence: [1, 2, 3, 3, 5, 6, 7, 8, 9]\n";
  check_only_error(repeated, at(repeated, "3", 2), "increase strictly");
  const std::string early = "severity_impact: [0.1, inf, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n";
  check_only_error(early, at(early, "0.3"), "not above the edge before it, inf");
}

TEST_CASE("edges outside their domain are refused with what is valid", "[fmea_bands]") {
  const std::string nan = "occurrence: [.nan, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  check_only_error(nan, at(nan, ".nan"), "not a finite number");
  const std::string huge = "occurrence: [1e999, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  check_only_error(huge, at(huge, "1e999"), "incidents per year, a number >= 0");
  const std::string negative = "severity_budget: [-1, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  check_only_error(negative, at(negative, "-1"), "'-1' is negative");
  const std::string probability =
      "detection_probability: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.5]\n";
  check_only_error(probability, at(probability, "1.5"), "outside [0, 1]");
  const std::string duration = "detection_delay: [1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9 days]\n";
  check_only_error(duration, at(duration, "9 days"), "plain seconds");
  const std::string nested = "occurrence: [[1], 2, 3, 4, 5, 6, 7, 8, 9]\n";
  check_only_error(nested, at(nested, "[1]"), "got a list");
}

TEST_CASE("the default budget must be usable", "[fmea_bands]") {
  const std::string text = "default_target: 1\ndefault_window: 0\n";
  const auto errors = bands_errors_of(text);
  CHECK(errors.size() == 2);
  CHECK(test::count_at(errors, at(text, "1"), "above 0 and below 1") == 1);
  CHECK(test::count_at(errors, at(text, "0\n"), "greater than zero") == 1);
  const std::string nan = "default_window: .nan\n";
  check_only_error(nan, at(nan, ".nan"), "is not a duration");
}

TEST_CASE("hostile bands files give an error, not a crash", "[fmea_bands]") {
  check_only_error("", Where(1, 1), "the bands file is empty");
  check_only_error("# nothing but a comment\n", Where(1, 1), "--print-bands");
  check_only_error("just text\n", Where(1, 1), "must be a map with keys occurrence");
  check_only_error("- 1\n- 2\n", Where(1, 1), "got a list");
  check_only_error("occurence: [1]\n", Where(1, 1), "did you mean 'occurrence'?");
  const auto unclosed = bands_errors_of("occurrence: [1, 2\n");
  REQUIRE(unclosed.size() == 1);
  CHECK_THAT(unclosed[0].message, Catch::Contains("invalid YAML"));
  check_only_error("a: 1\n---\nb: 2\n", Where(2, 1), "a second YAML document");
  check_only_error(",\n", Where(1, 1), "',' cannot start a value here");  // a hang in yaml-cpp 0.7
  check_only_error(std::string("\0\x01", 2), Where(1, 1), "NUL");
  check_only_error(std::string(max_bands_bytes + 1, ' '), Where(0, 0), "bytes");
  const std::string deep = std::string(500, '[') + std::string(500, ']');
  CHECK_FALSE(bands_errors_of("occurrence: " + deep).empty());
  std::string long_list = "occurrence: [1";
  for (int i = 0; i < 100000; ++i) long_list += ", 1";
  check_only_error(long_list + "]\n", Where(1, 13), "got a list of 100001");
  const std::string huge_number = "occurrence: [" + std::string(100000, '9') + "]\n";
  CHECK_FALSE(bands_errors_of(huge_number).empty());
}

TEST_CASE("bands files name the file in their errors", "[fmea_bands]") {
  test::TempDir dir;
  const auto path = dir.write("mine.yaml", "occurrence: [1, 2]\n");
  try {
    (void)load_fmea_bands_file(path);
    FAIL("loaded");
  } catch (const ScenarioError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].to_string().rfind(path.string() + ":1:13: error: ", 0) == 0);
  }
  CHECK_THROWS_AS(load_fmea_bands_file(dir.path() / "missing.yaml"), ScenarioError);
  CHECK_THROWS_AS(load_fmea_bands_file(dir.path()), ScenarioError);
}

}  // namespace
}  // namespace reliasim::scenario
