#pragma once
// Internal: the parts of compile() and the name lookups they share.

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

// The failure modes a service has: its own, then those of the service it is `like`.
[[nodiscard]] std::vector<const FailureMode*> failure_modes_of(const Scenario& scenario,
                                                               const Service& service);

}  // namespace reliasim::scenario::compiler
