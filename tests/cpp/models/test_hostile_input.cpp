// Hostile and broken input: each gives a clear error in bounded time and memory, never a
// crash. Bounds hold by construction (size and depth limits, a cap on values read), so these
// tests finish quickly without timing anything.
#include <random>

#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using test::at;
using test::Where;

const char* const empty_message =
    "the scenario is empty; it starts with 'scenario: <name>' and 'services:' (see "
    "docs/scenario-format.md)";
const std::string too_deep =
    "lists and maps nest more than 100 levels deep here; reliasim reads at most 100 (a scenario "
    "needs about 10)";

TEST_CASE("empty and whitespace-only files", "[load][hostile]") {
  const test::TempDir dir;
  for (const char* text : {"", "   \n\n  \n", "# only a comment\n", "\r\n\r\n"}) {
    INFO("text '" << text << "'");
    const auto errors = test::file_errors_of(dir.write("blank.yaml", text));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == (dir.path() / "blank.yaml").string());
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 1);
    CHECK(errors[0].message == empty_message);
  }
}

TEST_CASE("binary data is refused at its first byte", "[load][hostile]") {
  using namespace std::string_literals;
  CHECK_ONLY_ERROR("scenario: x\nser\0vices:\n"s, Where(2, 4),
                   "this is not a text file (a NUL byte); a scenario is YAML or JSON text");
  // UTF-16 text is refused at its byte-order mark.
  CHECK_ONLY_ERROR("\xff\xfes\0c\0"s, Where(1, 1), "byte 0xFF is not UTF-8 text");
  CHECK_ONLY_ERROR("scenario: x\nservices: \xc3\x28\n", Where(2, 11),
                   "byte 0xC3 is not UTF-8 text; save the scenario as UTF-8 (YAML or JSON)");
  CHECK_ONLY_ERROR("scenario: caf\xc3\xa9\x01\n", Where(1, 15),
                   "control character 0x01 in the text; a scenario is YAML or JSON text");
  // Valid UTF-8 beyond ASCII is fine; columns count characters.
  CHECK_ONLY_ERROR("scenario: café\nhorizon: «1y»\nservices: {api: }\n", Where(2, 10),
                   "horizon: '«1y»' is not a duration");
}

TEST_CASE("random bytes give one clear error", "[load][hostile]") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::minstd_rand random(seed);  // its sequence is fixed by the standard
    std::string any_bytes(4096, ' ');
    std::string printable(4096, ' ');
    for (auto& c : any_bytes) c = static_cast<char>(1 + random() % 255);  // no NUL
    for (auto& c : printable) c = static_cast<char>(' ' + random() % 95);
    INFO("seed " << seed);
    const auto binary = test::errors_of(any_bytes);
    REQUIRE(binary.size() == 1);
    CHECK(binary[0].line >= 1);
    CHECK(binary[0].column >= 1);
    const bool explained = binary[0].message.find("is not UTF-8 text") != std::string::npos ||
                           binary[0].message.find("control character") != std::string::npos;
    CHECK(explained);
    // Printable garbage reaches the YAML parser or the reader; either explains itself.
    const auto garbage = test::errors_of(printable);
    REQUIRE_FALSE(garbage.empty());
    for (const auto& d : garbage) CHECK(d.message.size() < 1000);
  }
}

TEST_CASE("YAML syntax errors name the place", "[load][hostile]") {
  CHECK_ONLY_ERROR("scenario: x\nservices:\n  api: {replicas: 2\n  db: 1\n", Where(4, 5),
                   "invalid YAML: a {...} map is not closed: add the missing '}', or a ',' "
                   "between its entries");
  CHECK_ONLY_ERROR("scenario: x\nzones: [a, b\n", Where(3, 1),
                   "invalid YAML: a [...] list is not closed: add the missing ']'");
  CHECK_ONLY_ERROR("scenario: x\nservices:\n\tapi: {}\n", Where(3, 5),
                   "invalid YAML: a ':' that cannot start a value here: check the indentation "
                   "(spaces, not tabs), or quote text that contains ': '");
  CHECK_ONLY_ERROR("scenario: x\nservices:\n  api: {}\n   db: {}\n", Where(4, 4),
                   "invalid YAML: a map ends unexpectedly here: check the indentation (the keys of "
                   "one map start in the same column)");
  CHECK_ONLY_ERROR("scenario: x\nservices: {api: }]\n", Where(2, 18),
                   "invalid YAML: a ']' or '}' that closes nothing");
  CHECK_ONLY_ERROR("scenario: x\nservices:\n  api: *nothing\n", Where(3, 8),
                   "invalid YAML: an alias (*name) names no anchor (&name) defined before it");
  CHECK_ONLY_ERROR("scenario: \"a\\qb\"\nservices: {api: }\n", Where(1, 15),
                   "invalid YAML: an unknown escape in double-quoted text: write \\\\ for a "
                   "backslash, or use single quotes; the escape: q");
  // yaml-cpp reads an unclosed quote to the end of the file; the check before it does not.
  CHECK_ONLY_ERROR("scenario: \"unterminated\nservices: {api: }\n", Where(1, 11),
                   "invalid YAML: the quoted text that starts here is never closed; end it with "
                   "\" on the same or a later line");
  CHECK_ONLY_ERROR("scenario: x\nservices:\n  api: {description: 'it''s\n", Where(3, 22),
                   "the quoted text that starts here is never closed; end it with '");
}

TEST_CASE("nesting 10,000 levels deep is refused without recursion", "[load][hostile]") {
  const std::string prefix = "scenario: x\nservices: ";
  CHECK_ONLY_ERROR(prefix + std::string(10'000, '[') + std::string(10'000, ']'), Where(2, 11 + 99),
                   too_deep);
  std::string maps;
  for (int i = 0; i < 10'000; ++i) maps += "{a: ";
  CHECK_ONLY_ERROR(prefix + maps + "1" + std::string(10'000, '}'), Where(2, 11 + 4 * 99), too_deep);
  std::string dashes;
  for (int i = 0; i < 10'000; ++i) dashes += "- ";
  CHECK_ONLY_ERROR(dashes + "x\n", Where(1, 1 + 2 * 100), too_deep);
  // Anchors and tags before a bracket do not hide it.
  CHECK_ONLY_ERROR(prefix + "!!seq" + std::string(10'000, '['), Where(2, 16 + 99), too_deep);
  CHECK_ONLY_ERROR(prefix + "&a " + std::string(10'000, '{'), Where(2, 14 + 99), too_deep);
  // Block style costs a line per level: 1,000 levels of indented maps and of list items.
  std::string indented = "scenario: x\nservices:\n";
  std::string items = indented;
  for (int i = 1; i <= 1000; ++i) {
    indented += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    items += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
  }
  CHECK_ONLY_ERROR(indented, Where(102, 101), too_deep);
  CHECK_ONLY_ERROR(items, Where(102, 101), too_deep);
  std::string mixed = "scenario: x\nservices:\n";
  for (int i = 0; i < 1000; ++i)
    mixed += std::string(static_cast<std::size_t>(2 * i + 1), ' ') + "- k:\n";
  // "- k:" lines count one level each (a list at its key's column is not counted apart), so
  // this form is refused at 200 real levels: still far below yaml-cpp's own guard.
  CHECK_ONLY_ERROR(mixed, Where(101, 200), too_deep);
}

TEST_CASE("nesting up to the limit is read as usual", "[load][hostile]") {
  // 98 levels of lists inside a service: the reader refuses the shape, not the depth.
  const std::string yaml = "scenario: x\nservices:\n  api: {depends_on: " + std::string(97, '[') +
                           std::string(97, ']') + "}\n";
  const Where outer = at(yaml, "[[");
  CHECK_ONLY_ERROR(yaml, Where(outer.line, outer.column + 1),
                   "services.api.depends_on[0]: must be a map with keys service, soft, degrade; "
                   "got a list");
}

// anchors &a0..&a29, each a list of 10 aliases of the one before: 10^30 values if expanded.
std::string billion_laughs() {
  std::string yaml = "scenario: bomb\nanchors:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 30; ++i) {
    yaml += "  - &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  return yaml + "services:\n  api:\n    failure_modes: *a29\n    depends_on: *a29\n";
}

TEST_CASE("an alias bomb used under valid keys stops at the first level", "[load][hostile]") {
  const std::string yaml = billion_laughs();
  const auto errors = test::errors_of(yaml);
  // One unknown key, and one error per item of each list: each item is a list, not a map.
  CHECK_ERROR_COUNT(errors, 21);
  CHECK_ERROR(errors, Where(2, 1), "top level: unknown key 'anchors'");
  // yaml-cpp places an alias at its anchor; the path names where it is used.
  const Where a28 = at(yaml, "&a28");
  CHECK_ERROR(errors, a28, "services.api.failure_modes[0]: must be a map with keys name, cause");
  CHECK_ERROR(errors, a28, "services.api.failure_modes[9]: must be a map with keys name, cause");
  CHECK_ERROR(errors, a28, "services.api.depends_on[9]: must be a map with keys service, soft");
}

TEST_CASE("aliases that multiply the values read are cut off", "[load][hostile]") {
  // 1,000 uses of a failure mode holding 3,000 samples: 3,000,000 values to read.
  std::string samples = "1d";
  for (int i = 1; i < 3000; ++i) samples += ", 1d";
  std::string uses;
  for (int i = 0; i < 1000; ++i) uses += ", *f";
  const std::string yaml =
      "scenario: x\nservices:\n  api:\n    failure_modes: [&f {name: f, "
      "occurs: {empirical: {samples: [" +
      samples + "]}}}" + uses + "]\n";
  const auto errors = test::errors_of(yaml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);
  CHECK_THAT(errors[0].message,
             Contains("services.api.failure_modes[") &&
                 Contains("the scenario holds more than 2,000,000 values here, counting every use "
                          "of a YAML alias (*name) in full; reliasim reads at most 2,000,000"));
}

TEST_CASE("files over 16 MiB are refused before parsing", "[load][hostile]") {
  const test::TempDir dir;
  // Nested brackets: parsing them would fail differently; the size check comes first.
  const std::string big(max_scenario_bytes + 1, '[');
  const std::string message =
      "the scenario is 16777217 bytes; reliasim reads scenarios up to 16 "
      "MiB (16777216 bytes), and a scenario is a few kilobytes";
  const auto errors = test::file_errors_of(dir.write("big.yaml", big));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 0);
  CHECK(errors[0].message == message);
  const auto text_errors = test::errors_of(big);
  REQUIRE(text_errors.size() == 1);
  CHECK(text_errors[0].message == message);
}

TEST_CASE("non-finite and huge numbers are refused where they appear", "[load][hostile]") {
  const std::string yaml = R"(scenario: x
horizon: .inf
services:
  api:
    replicas: {count: 1e12, min_healthy: .nan}
    failure_modes:
      - {name: f, occurs: {mtbf: .inf}, detect: {alert: {probability: .nan, delay: 1e308}}}
      - {name: g, occurs: {rate: 1e308/y}}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 7);
  CHECK_ERROR(errors, Where(2, 10), "horizon: '.inf' is not a duration");
  CHECK_ERROR(errors, at(yaml, "1e12"),
              "replicas.count: must be a whole number from 1 to 10000; got '1e12'");
  CHECK_ERROR(errors, at(yaml, ".nan}"),
              "replicas.min_healthy: must be a whole number from 1 to 10000; got '.nan'");
  CHECK_ERROR(errors, at(yaml, ".inf}"), "occurs.mtbf: '.inf' is not a duration");
  CHECK_ERROR(errors, at(yaml, ".nan,"), "alert.probability: '.nan' is not a probability");
  CHECK_ERROR(errors, at(yaml, "1e308}"), "alert.delay: '1e308' is not a duration");
  CHECK_ERROR(errors, at(yaml, "{rate: 1e308/y}"),
              "failure mode 'g' would fail about 1e+308 times");
}

TEST_CASE("a scalar or a list where the top-level map belongs", "[load][hostile]") {
  CHECK_ONLY_ERROR("hello\n", Where(1, 1),
                   "top level: must be a map with keys scenario, description, horizon, start, "
                   "windows, zones, defaults, services, crews, common_causes, maintenance, "
                   "journeys, slos, slas, stress; got 'hello'");
  CHECK_ONLY_ERROR("- scenario: x\n", Where(1, 1), "top level: must be a map with keys scenario");
  CHECK_ONLY_ERROR("42", Where(1, 1), "top level: must be a map with keys scenario");
}

TEST_CASE("JSON is accepted, and its errors are placed too", "[load][hostile]") {
  const test::TempDir dir;
  const auto file = dir.write("small.json", R"({
  "scenario": "json",
  "zones": ["a", "b"],
  "services": {
    "api": {"replicas": {"count": 2, "zones": ["a", "b"]},
            "failure_modes": [{"name": "crash", "scope": "replica", "occurs": {"mtbf": "90d"}}]}
  },
  "slos": [{"service": "api", "target": "99.9%"}]
})");
  const auto s = load_scenario_file(file);
  CHECK(s.name == "json");
  REQUIRE(s.services.size() == 1);
  CHECK(s.services[0].replicas.count.value == 2);
  CHECK(s.slos.at(0).target.value == Approx(0.999));
  const auto model = compile(s);
  CHECK(model.sources.size() == 2);

  const std::string bad = "{\"scenario\": \"j\",\n \"services\": {\"api\": {\"replicas\": -1}}}";
  CHECK_ONLY_ERROR(bad, at(bad, "-1"),
                   "services.api.replicas: must be a whole number from 1 to 10000");
}

TEST_CASE("a directory or a missing file is named, not read", "[load][hostile]") {
  const test::TempDir dir;
  const auto directory = test::file_errors_of(dir.path());
  REQUIRE(directory.size() == 1);
  CHECK(directory[0].file == dir.path().string());
  CHECK(directory[0].line == 0);
  CHECK(directory[0].message ==
        "this is a directory, not a scenario file; give a .yaml or .json file");
  const auto missing = test::file_errors_of(dir.path() / "nope.yaml");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].line == 0);
  CHECK(missing[0].message == "cannot read the file: No such file or directory");
  CHECK(missing[0].to_string() == (dir.path() / "nope.yaml").string() +
                                      ": error: cannot read the file: No such file or directory");
}

TEST_CASE("a second YAML document is refused where it starts", "[load][hostile]") {
  const auto errors = test::errors_of("scenario: a\nservices:\n  x: {}\n---\nscenario: b\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);  // the --- line
  CHECK_THAT(errors[0].message, Catch::Contains("a second YAML document starts here"));
  // A document marker before the only document is fine.
  CHECK(test::load_ok("---\nscenario: a\nservices:\n  x: {}\n").name == "a");
}

// yaml-cpp 0.7's LoadAll never returns on these (its issue 1040), allocating until the process
// is killed: found by the fuzz target tests/fuzz/fuzz_scenario.cpp.
TEST_CASE("a token the YAML parser cannot take is an error, not a hang", "[load][hostile]") {
  const std::string message =
      "invalid YAML: ',' cannot start a value here; put text that holds it in quotes";
  CHECK_ONLY_ERROR(",", Where(1, 1), message);
  CHECK_ONLY_ERROR("  , db-primary/*, cache/cache&-crash\n", Where(1, 3), message);
  CHECK_ONLY_ERROR("# a comment\n,\nscenario: x\n", Where(2, 1), message);
  // After a first document, the second's stuck token is named rather than the document.
  CHECK_ONLY_ERROR("scenario: a\nservices: {x: {}}\n---\n,\n", Where(4, 1), message);
}

}  // namespace
}  // namespace reliasim::scenario
