#pragma once
// The service dependency graph (hard and soft dependencies and failover-group membership),
// kept behind a small interface so that Boost.Graph stays inside one source file.

#include <optional>
#include <vector>

namespace reliasim::scenario::graph {

// An edge from a service to what it needs: a dependency or a failover-group member.
struct Edge {
  int from = 0;
  int to = 0;
};

// The services on one cycle, in order, starting and ending with the same service.
[[nodiscard]] std::optional<std::vector<int>> find_cycle(int vertex_count,
                                                         const std::vector<Edge>& edges);

// Every service after everything it needs; requires an acyclic graph.
[[nodiscard]] std::vector<int> dependencies_first(int vertex_count, const std::vector<Edge>& edges);

// For each service, whether `target` is reachable from it (it needs `target`, directly or not).
[[nodiscard]] std::vector<bool> reaches(int vertex_count, const std::vector<Edge>& edges,
                                        int target);

}  // namespace reliasim::scenario::graph
