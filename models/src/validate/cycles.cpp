// Dependency cycles and `like` cycles, printed as their path.
#include <algorithm>
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
  for (int v : *cycle)
    path += (path.empty() ? "" : " -> ") + s.services[static_cast<std::size_t>(v)].name.value;
  const Place place = s.services[static_cast<std::size_t>(cycle->front())].name.place;
  sink.error(place.line, place.column,
             "dependency cycle: " + path + "; a service cannot need itself, directly or not");
}

// `like` chains (a like b, b like c) are followed when compiling; one that loops copies nothing.
void validate_like_cycles(const Scenario& s, DiagnosticSink& sink) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.services.size(); ++i) index.emplace(s.services[i].name.value, i);
  enum State { unvisited, on_path, done };
  std::vector<State> state(s.services.size(), unvisited);
  for (std::size_t start = 0; start < s.services.size(); ++start) {
    std::vector<std::size_t> path;
    for (std::size_t v = start; state[v] != done;) {
      if (state[v] == on_path) {
        const auto first = std::find(path.begin(), path.end(), v);
        std::string names;
        for (auto it = first; it != path.end(); ++it) names += s.services[*it].name.value + " -> ";
        const Place place = s.services[v].like->place;
        sink.error(place.line, place.column,
                   "'like' cycle: " + names + s.services[v].name.value +
                       "; a service copies failure modes from one that does not copy back");
        break;
      }
      state[v] = on_path;
      path.push_back(v);
      const auto& like = s.services[v].like;
      const auto next = like ? index.find(like->value) : index.end();
      if (next == index.end()) break;
      v = next->second;
    }
    for (const auto v : path) state[v] = done;
  }
}

}  // namespace reliasim::scenario
