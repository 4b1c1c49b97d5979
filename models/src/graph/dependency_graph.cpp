#include "dependency_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/topological_sort.hpp>

namespace reliasim::scenario::graph {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = Graph::vertex_descriptor;

Graph build(int vertex_count, const std::vector<Edge>& edges) {
  Graph graph(static_cast<std::size_t>(vertex_count));
  for (const auto& edge : edges)
    boost::add_edge(static_cast<Vertex>(edge.from), static_cast<Vertex>(edge.to), graph);
  return graph;
}

// Records the tree parent of each vertex and the first back edge, which closes a cycle.
class CycleFinder : public boost::default_dfs_visitor {
 public:
  CycleFinder(std::vector<Vertex>& parent, std::optional<std::pair<Vertex, Vertex>>& back)
      : parent_(parent), back_(back) {}
  void tree_edge(Graph::edge_descriptor e, const Graph& g) {
    parent_[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Graph::edge_descriptor e, const Graph& g) {
    if (!back_) back_ = std::pair(boost::source(e, g), boost::target(e, g));
  }

 private:
  std::vector<Vertex>& parent_;
  std::optional<std::pair<Vertex, Vertex>>& back_;
};

}  // namespace

std::optional<std::vector<int>> find_cycle(int vertex_count, const std::vector<Edge>& edges) {
  const Graph graph = build(vertex_count, edges);
  std::vector<Vertex> parent(static_cast<std::size_t>(vertex_count));
  std::optional<std::pair<Vertex, Vertex>> back;
  boost::depth_first_search(graph, boost::visitor(CycleFinder(parent, back)));
  if (!back) return std::nullopt;
  // The back edge u -> v closes the tree path v -> ... -> u.
  std::vector<int> cycle{static_cast<int>(back->first)};
  for (Vertex v = back->first; v != back->second;) {
    v = parent[v];
    cycle.push_back(static_cast<int>(v));
  }
  std::reverse(cycle.begin(), cycle.end());
  cycle.push_back(cycle.front());
  return cycle;
}

std::vector<int> dependencies_first(int vertex_count, const std::vector<Edge>& edges) {
  const Graph graph = build(vertex_count, edges);
  std::vector<Vertex> order;
  // topological_sort emits in reverse topological order: targets (what is needed) first.
  boost::topological_sort(graph, std::back_inserter(order));
  return {order.begin(), order.end()};
}

std::vector<bool> reaches(int vertex_count, const std::vector<Edge>& edges, int target) {
  const Graph graph = build(vertex_count, edges);
  const auto reversed = boost::make_reverse_graph(graph);
  std::vector<boost::default_color_type> colors(static_cast<std::size_t>(vertex_count));
  auto color_map =
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, reversed));
  boost::breadth_first_search(reversed, static_cast<Vertex>(target), boost::color_map(color_map));
  std::vector<bool> result(static_cast<std::size_t>(vertex_count));
  for (std::size_t v = 0; v < result.size(); ++v) result[v] = colors[v] != boost::white_color;
  return result;
}

}  // namespace reliasim::scenario::graph
