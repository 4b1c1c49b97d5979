#include "reliasim/scenario/compile.hpp"

#include "compiler.hpp"

namespace reliasim::scenario {
namespace {

template <typename T, typename NameOf>
std::map<std::string, Index> index_by_name(const std::vector<T>& items, NameOf name_of) {
  std::map<std::string, Index> table;
  for (std::size_t i = 0; i < items.size(); ++i)
    table.emplace(name_of(items[i]), static_cast<Index>(i));
  return table;
}

}  // namespace

CompiledModel compile(const Scenario& scenario) {
  compiler::Lookup lookup;
  lookup.services = index_by_name(scenario.services, [](const auto& s) { return s.name.value; });
  lookup.zones = index_by_name(scenario.zones, [](const auto& z) { return z.value; });
  lookup.crews = index_by_name(scenario.crews, [](const auto& c) { return c.name.value; });
  lookup.journeys = index_by_name(scenario.journeys, [](const auto& j) { return j.name.value; });

  CompiledModel model;
  model.name = scenario.name;
  model.description = scenario.description;
  model.file = scenario.file;
  model.inputs = scenario.inputs;
  model.horizon = scenario.horizon;
  for (const auto& zone : scenario.zones) model.zones.push_back(zone.value);
  for (const auto& crew : scenario.crews) model.crews.push_back({crew.name.value, crew.size});
  compiler::compile_services(scenario, lookup, model);
  compiler::compile_failure_sources(scenario, lookup, model);
  compiler::compile_contracts(scenario, lookup, model);
  // Validation has resolved every incident: nothing is left to report.
  model.stress_tests =
      compiler::resolve_stress_tests(scenario, model, [](const Place&, const std::string&) {});
  return model;
}

}  // namespace reliasim::scenario
