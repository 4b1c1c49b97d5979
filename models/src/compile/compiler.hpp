#pragma once
// Internal: the parts of compile() and the name lookups they share.

#include <functional>
#include <map>
#include <string>

#include "reliasim/scenario/compile.hpp"

namespace reliasim::scenario::compiler {

struct Lookup {
  std::map<std::string, Index> services;
  std::map<std::string, Index> zones;
  std::map<std::string, Index> crews;
  std::map<std::string, Index> journeys;

  // Names were checked by validation, so a missing one is a bug, not an input error.
  static Index at(const std::map<std::string, Index>& table, const std::string& name) {
    return table.at(name);
  }
};

void compile_services(const Scenario& scenario, const Lookup& lookup, CompiledModel& model);
void compile_failure_sources(const Scenario& scenario, const Lookup& lookup, CompiledModel& model);
void compile_contracts(const Scenario& scenario, const Lookup& lookup, CompiledModel& model);
// The scenario's stress tests against the model compiled so far; each incident that does not
// resolve goes to `report` (with the place of the part at fault) and is left out.
using ReportAt = std::function<void(const Place&, const std::string&)>;
[[nodiscard]] std::vector<StressTestSpec> resolve_stress_tests(const Scenario& scenario,
                                                               const CompiledModel& model,
                                                               const ReportAt& report);

// The failure modes of each service, in service order: its own, then those of the service it
// is `like` that it does not name itself. Each list is built once from the one it copies, so
// a long `like` chain costs the modes it yields rather than a walk of the chain per service.
[[nodiscard]] std::vector<std::vector<const FailureMode*>> failure_modes_by_service(
    const Scenario& scenario, const Lookup& lookup);

}  // namespace reliasim::scenario::compiler
