// reliasim/scenario/diagnostics.hpp: the form of a diagnostic, the exception that carries
// them, and the cap on how many one file can produce.
#include "load_helpers.hpp"
#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using test::Where;

TEST_CASE("a diagnostic reads file:line:column: error: message", "[diagnostics]") {
  CHECK(Diagnostic{"shop.yaml", 12, 7, "bad value"}.to_string() ==
        "shop.yaml:12:7: error: bad value");
  // A problem with the whole file has no line.
  CHECK(Diagnostic{"shop.yaml", 0, 0, "cannot read the file"}.to_string() ==
        "shop.yaml: error: cannot read the file");
}

TEST_CASE("ScenarioError lists every diagnostic in what()", "[diagnostics]") {
  const ScenarioError error({{"a.yaml", 1, 2, "first"}, {"a.yaml", 3, 4, "second"}});
  CHECK(std::string(error.what()) == "a.yaml:1:2: error: first\na.yaml:3:4: error: second");
  REQUIRE(error.diagnostics().size() == 2);
  CHECK(error.diagnostics()[1].line == 3);
}

TEST_CASE("the sink stops a file after too many errors", "[diagnostics]") {
  DiagnosticSink sink("many.yaml");
  CHECK(sink.empty());
  for (std::size_t i = 0; i < DiagnosticSink::max_errors; ++i)
    sink.error(static_cast<int>(i) + 1, 1, "error " + std::to_string(i));
  CHECK_THROWS_AS(sink.error(1000, 1, "one too many"), TooManyErrors);
  const auto diagnostics = sink.take();
  REQUIRE(diagnostics.size() == DiagnosticSink::max_errors + 1);
  CHECK(diagnostics.back().line == 0);
  CHECK(diagnostics.back().message == "too many errors; stopped after 100");
  CHECK(diagnostics.front().file == "many.yaml");
}

TEST_CASE("a file with hundreds of errors reports the first hundred and a note", "[diagnostics]") {
  std::string yaml = "scenario: many\nservices:\n  api:\n    depends_on:\n";
  for (int i = 0; i < 300; ++i) yaml += "      - missing-" + std::to_string(i) + "\n";
  const auto errors = test::errors_of(yaml);
  REQUIRE(errors.size() == DiagnosticSink::max_errors + 1);
  CHECK_ERROR(errors, Where(5, 9), "service 'api' names unknown service 'missing-0'; defined: api");
  CHECK(errors.back().line == 0);
  CHECK_THAT(errors.back().message, Contains("too many errors; stopped after 100"));
}

}  // namespace
}  // namespace reliasim::scenario
