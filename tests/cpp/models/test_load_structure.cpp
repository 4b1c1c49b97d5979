// reliasim/scenario/load.hpp, the structure pass: types, required keys, unknown keys with
// "did you mean", and the path of each value in the document.
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using test::at;
using test::Where;

const char* const top_keys =
    "scenario, description, horizon, start, windows, zones, defaults, services, crews, "
    "common_causes, maintenance, journeys, slos, slas, stress";

TEST_CASE("a minimal scenario loads with the documented defaults", "[load][structure]") {
  const auto s = test::load_ok("scenario: minimal\nservices:\n  api:\n");
  CHECK(s.name == "minimal");
  CHECK(s.file == "test.yaml");
  CHECK(s.horizon == 365 * 86400.0);
  CHECK(s.start_year == 2027);
  CHECK(s.start_month == 1);
  CHECK(s.windows.kind == WindowKind::calendar_month);
  REQUIRE(s.services.size() == 1);
  const auto& api = s.services[0];
  CHECK(api.name.value == "api");
  CHECK(api.name.place.line == 3);
  CHECK(api.name.place.column == 3);
  CHECK(api.replicas.count.value == 1);
  CHECK(api.replicas.min_healthy.value == 1);
  CHECK(api.failure_modes.empty());
}

TEST_CASE("unknown keys at the top level are named as such", "[load][structure]") {
  const std::string yaml = "scenario: t\na0: 1\nservices: {api: }\n";
  CHECK_ONLY_ERROR(yaml, Where(2, 1),
                   "top level: unknown key 'a0'; valid keys: " + std::string(top_keys));
}

TEST_CASE("unknown keys suggest the key that was meant", "[load][structure]") {
  const std::string yaml = R"(scenario: typos
servces: {}
services:
  api:
    replica: 2
    failure_modes:
      - name: f
        ocurs: {rate: 1/y}
        detect: {alert: {probabilty: 0.9, delay: 1m}}
      - {name: g, occurs: {weibull: {shape: 1.5, scal: 30d}}}
)";
  const auto errors = test::errors_of(yaml);
  // A misspelt required key gets its suggestion, not a second "missing" error.
  CHECK_ERROR_COUNT(errors, 5);
  CHECK_ERROR(errors, Where(2, 1), "top level: unknown key 'servces'; did you mean 'services'?");
  CHECK_ERROR(errors, Where(5, 5), "services.api: unknown key 'replica'; did you mean 'replicas'?");
  CHECK_ERROR(errors, at(yaml, "ocurs"),
              "services.api.failure_modes[0]: unknown key 'ocurs'; did you mean 'occurs'?");
  CHECK_ERROR(errors, at(yaml, "probabilty"),
              "services.api.failure_modes[0].detect.alert: unknown key 'probabilty'; did you "
              "mean 'probability'?");
  CHECK_ERROR(errors, at(yaml, "scal:"),
              "services.api.failure_modes[1].occurs.weibull: unknown key 'scal'; did you mean "
              "'scale'?");
}

TEST_CASE("an unknown key far from every valid one lists the valid keys", "[load][structure]") {
  const std::string yaml = "scenario: t\nservices:\n  api: {replicas: {count: 2, placement: x}}\n";
  CHECK_ONLY_ERROR(yaml, at(yaml, "placement"),
                   "services.api.replicas: unknown key 'placement'; valid keys: count, zones, "
                   "min_healthy");
}

TEST_CASE("missing required keys are reported at the map that lacks them", "[load][structure]") {
  CHECK_ONLY_ERROR("services:\n  api:\n", Where(1, 1),
                   "top level: missing required key 'scenario'");
  CHECK_ONLY_ERROR("scenario: t\n", Where(1, 1), "top level: missing required key 'services'");
  const std::string yaml = R"(scenario: t
services:
  api:
    failure_modes:
      - {occurs: {rate: 1/y}}
      - name: no-occurs
crews:
  ops: {}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 3);
  CHECK_ERROR(errors, at(yaml, "{occurs"),
              "services.api.failure_modes[0]: missing required key 'name'");
  CHECK_ERROR(errors, at(yaml, "name: no-occurs"),
              "services.api.failure_modes[1]: missing required key 'occurs'");
  CHECK_ERROR(errors, at(yaml, "{}"), "crews.ops: missing required key 'size'");
}

TEST_CASE("values of the wrong type say what was expected and what was given",
          "[load][structure]") {
  const std::string yaml = R"(scenario: [not, text]
zones: eu-1a
services:
  api:
    external: maybe
    depends_on: db
    failure_modes:
      - name: has space
        occurs: 4/y
        impact: up
        scope: node
  db: [1, 2]
journeys: {checkout: 42}
slas: {name: s}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 11);
  CHECK_ERROR(errors, Where(1, 11), "scenario: must be text; got a list");
  CHECK_ERROR(errors, Where(2, 8), "zones: must be a list; got 'eu-1a'");
  CHECK_ERROR(errors, at(yaml, "maybe"),
              "services.api.external: must be true or false; got 'maybe'");
  CHECK_ERROR(errors, at(yaml, "db\n"), "services.api.depends_on: must be a list; got 'db'");
  CHECK_ERROR(errors, at(yaml, "has space"),
              "services.api.failure_modes[0].name: must be a name of letters, digits, '_', '-' "
              "and '.' (at most 200 characters); got 'has space'");
  CHECK_ERROR(errors, at(yaml, "4/y"),
              "services.api.failure_modes[0].occurs: must be a map with keys rate, mtbf, "
              "per_deploy, deploys, exponential");
  CHECK_ERROR(errors, at(yaml, "up"),
              "services.api.failure_modes[0].impact: must be 'down' or {degrade: fraction}; got "
              "'up'");
  CHECK_ERROR(errors, at(yaml, "node"),
              "services.api.failure_modes[0].scope: must be replica or service; got 'node'");
  CHECK_ERROR(errors, at(yaml, "[1, 2]"),
              "services.db: must be a map with keys description, external, replicas");
  CHECK_ERROR(errors, at(yaml, "42"),
              "journeys.checkout: must be a map with keys services, "
              "description, down_at; got '42'");
  CHECK_ERROR(errors, at(yaml, "{name: s}"), "slas: must be a list; got a map");
}

TEST_CASE("a key given twice is reported at the second", "[load][structure]") {
  const std::string yaml = "scenario: t\nservices:\n  api: {replicas: 2, replicas: 3}\n";
  CHECK_ONLY_ERROR(yaml, at(yaml, "replicas", 2), "services.api: key 'replicas' is given twice");
}

TEST_CASE("top-level values are checked: horizon, start, windows", "[load][structure]") {
  const std::string yaml = R"(scenario: t
horizon: 30s
start: 2027-13
windows: weekly
services: {api: }
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 3);
  CHECK_ERROR(errors, Where(2, 10), "horizon: must be a horizon of at least 1m; got '30s'");
  CHECK_ERROR(errors, Where(3, 8),
              "start: must be a year and month such as 2027-01; got '2027-13'");
  CHECK_ERROR(errors, Where(4, 10),
              "windows: must be calendar-month, a fixed length such as 30d, or a rolling window "
              "such as 30d-rolling; got 'weekly'");
}

TEST_CASE("services needs at least one service", "[load][structure]") {
  CHECK_ONLY_ERROR("scenario: t\nservices: {}\n", Where(2, 11),
                   "services: must be at least one service; got a map");
  CHECK_ONLY_ERROR("scenario: t\nservices:\n", Where(2, 1),
                   "services: must be a map from names to definitions; got nothing");
}

TEST_CASE("long and control-character values are shortened and escaped in messages",
          "[load][structure]") {
  const std::string long_key(500, 'k');
  const std::string yaml = "scenario: t\n" + long_key + ": 1\nservices: {api: }\n";
  const auto errors = test::errors_of(yaml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "top level: unknown key '" + std::string(57, 'k') + "...'; valid keys: " + top_keys);
  const std::string escaped = "scenario: t\nhorizon: \"\\x01\\x02d\"\nservices: {api: }\n";
  CHECK_ONLY_ERROR(escaped, Where(2, 10), "horizon: '\\u0001\\u0002d' is not a duration");
}

TEST_CASE("structure errors come in document order, each once", "[load][structure]") {
  const std::string yaml = R"(scenario: t
services:
  b: {replicas: x}
  a: {replicas: y}
horizon: z
)";
  const auto errors = test::errors_of(yaml);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 3);
  CHECK(errors[1].line == 4);
  CHECK(errors[2].line == 5);
  CHECK_THAT(errors[2].message, Contains("horizon: 'z' is not a duration"));
}

}  // namespace
}  // namespace reliasim::scenario
