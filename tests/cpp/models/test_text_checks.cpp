// The checks on the raw text before YAML parsing (encoding, nesting, unclosed quotes) must
// let every valid form through: brackets and quotes inside text, comments, block scalars,
// multi-line plain text, anchors and aliases, explicit keys, JSON.
#include "../../../models/src/reader/text_checks.hpp"
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using test::Where;

TEST_CASE("brackets and quotes inside text, comments and block scalars are text", "[load][text]") {
  const std::string yaml = R"(# a comment with [[[ {{ ' " does not count
scenario: "quoted [name] with 'single' and \"escaped\" # no comment"
description: >
  folded text with [brackets and {braces
  and an apostrophe: it's fine
zones: &zones [a, b]   # an anchor, reused below
defaults:
  engage: {lognormal: {median: 5m, p95: 20m}}   # ' unbalanced in a comment
services:
  api:
    description: |
      literal text
        - not a list item
      key: not a map, "not closed
    replicas: {count: 2, zones: *zones}
    failure_modes:
      - name: crash
        cause: it's a 'crash' of [the] process
        effect:
          the process
          'restarts' later, then it's up
        occurs: {mtbf: 90d}
  db:
    like: api
journeys:
  ? checkout
  : [api, db]
slos: [{"service": "api", 'target': '99.9%'}]
)";
  const auto s = test::load_ok(yaml);
  CHECK(s.name == "quoted [name] with 'single' and \"escaped\" # no comment");
  CHECK(s.description == "folded text with [brackets and {braces and an apostrophe: it's fine\n");
  REQUIRE(s.services.size() == 2);
  const auto& api = s.services[0];
  CHECK(api.description == "literal text\n  - not a list item\nkey: not a map, \"not closed\n");
  REQUIRE(api.replicas.zones.size() == 2);
  CHECK(api.replicas.zones[1].value == "b");
  REQUIRE(api.failure_modes.size() == 1);
  CHECK(api.failure_modes[0].cause == "it's a 'crash' of [the] process");
  CHECK(api.failure_modes[0].effect == "the process 'restarts' later, then it's up");
  REQUIRE(s.journeys.size() == 1);
  CHECK(s.journeys[0].name.value == "checkout");
  CHECK(s.slos.at(0).target.value == Approx(0.999));
}

TEST_CASE("windows line endings and a byte-order mark are fine", "[load][text]") {
  const auto s =
      test::load_ok("\xEF\xBB\xBFscenario: crlf\r\nservices:\r\n  api: {replicas: 2}\r\n");
  CHECK(s.name == "crlf");
  CHECK(s.services.at(0).replicas.count.value == 2);
}

TEST_CASE("nesting just under the limit is read in every style", "[load][text]") {
  // 1 level for the top-level map, 2 for `zones` and its list, then 97 more lists: 100.
  const std::string flow = "scenario: x\nservices: {api: }\nzones: " + std::string(98, '[') + "a" +
                           std::string(98, ']') + "\n";
  CHECK_ONLY_ERROR(flow, Where(3, 9), "zones[0]: must be a name");
  std::string block = "scenario: x\nservices: {api: }\nzones:\n";
  for (int i = 1; i <= 98; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
  block += std::string(99, ' ') + "a\n";
  CHECK_ONLY_ERROR(block, Where(5, 3), "zones[0]: must be a name");
}

TEST_CASE("a quote left open names where it starts", "[load][text]") {
  CHECK_ONLY_ERROR("scenario: x\nservices:\n  api:\n    description: \"open\n\n  db:\n",
                   Where(4, 18),
                   "the quoted text that starts here is never closed; end it with \"");
  CHECK_ONLY_ERROR("scenario: x\nzones: ['a, b]\nservices: {api: }\n", Where(2, 9),
                   "the quoted text that starts here is never closed; end it with '");
}

TEST_CASE("a long one-line document is scanned in one pass", "[load][text]") {
  // Minified JSON: 5 MB on one line, with a million quoted strings. Counting the column of
  // every quote from the start of the line made this quadratic (a 2 MB line took 27 s); the
  // column is now counted once, for the message. CTest's timeout guards against a relapse.
  std::string json = R"({"scenario": "x", "services": {"api": {}}, "zones": [)";
  for (int i = 0; i < 1'000'000; ++i) json += (i ? ",\"z" : "\"z") + std::to_string(i % 10) + '"';
  json += "]}";
  REQUIRE(json.size() > 4'000'000);
  CHECK_FALSE(reader::check_text(json).has_value());
  // An unclosed quote at its end is still placed by characters, not bytes.
  const auto open = reader::check_text(json.substr(0, json.size() - 2) + ",\"é\", \"open]}");
  REQUIRE(open.has_value());
  CHECK(open->line == 1);
  CHECK(open->column == static_cast<int>(json.size() - 2 + 7));
}

}  // namespace
}  // namespace reliasim::scenario
