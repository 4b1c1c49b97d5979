// Stress tests: every scripted incident names a failure, a target and a time the model has.
// Resolving needs the compiled model, so this runs once the rest of the scenario is valid.
#include "../compile/compiler.hpp"
#include "validate.hpp"

namespace reliasim::scenario {

void validate_stress_tests(const Scenario& scenario, DiagnosticSink& sink) {
  if (scenario.stress_tests.empty() || !sink.empty()) return;
  const CompiledModel model = compile(scenario);
  (void)compiler::resolve_stress_tests(scenario, model,
                                       [&sink](const Place& place, const std::string& message) {
                                         sink.error(place.line, place.column, message);
                                       });
}

}  // namespace reliasim::scenario
