// Dependency cycles, printed as their path.
#include <map>

#include "../graph/dependency_graph.hpp"
#include "validate.hpp"

namespace reliasim::scenario {

void validate_dependency_cycles(const Scenario& s, DiagnosticSink& sink) {
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < s.services.size(); ++i)
    index.emplace(s.services[i].name.value, static_cast<int>(i));
  std::vector<graph::Edge> edges;
  auto add = [&](int from, const Name& to) {
    const auto found = index.find(to.value);
    if (found != index.end() && found->second != from) edges.push_back({from, found->second});
  };
  for (const auto& service : s.services) {
    const int from = index.at(service.name.value);
    for (const auto& dependency : service.depends_on) add(from, dependency.service);
    for (const auto& member : service.any_of) add(from, member);
  }
  const auto cycle = graph::find_cycle(static_cast<int>(s.services.size()), edges);
  if (!cycle) return;
  std::string path;
  for (int v : *cycle) path += (path.empty() ? "" : " -> ") + s.services[static_cast<std::size_t>(v)].name.value;
  const Place place = s.services[static_cast<std::size_t>(cycle->front())].name.place;
  sink.error(place.line, place.column, "dependency cycle: " + path +
                                           "; a service cannot need itself, directly or not");
}

}  // namespace reliasim::scenario
