#include "reliasim/analytic/structure.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "bdd.hpp"
#include "checks.hpp"

namespace reliasim::analytic {
namespace {

auto at(int id) {
  return static_cast<std::size_t>(id);
}

// Components in the order a depth-first walk from the root first meets them: keeps the
// components of one subsystem adjacent in the BDD order, which keeps the diagram small.
struct Order {
  std::vector<int> level;  // level[c]: component c's BDD level, -1 if the root ignores it
  std::vector<bool> seen;  // seen[id]: the root depends on node id
};

Order variable_order(const Structure& structure, int root) {
  std::vector<int> level(at(structure.component_count()), -1);
  std::vector<bool> seen(at(root) + 1, false);
  std::vector<std::pair<int, std::size_t>> stack{{root, 0}};  // (node, next child)
  seen[at(root)] = true;
  int next_level = 0;
  while (!stack.empty()) {
    auto& [id, child] = stack.back();
    const StructureNode& node = structure.node(id);
    if (node.gate == Gate::component && level[at(node.component)] < 0) {
      level[at(node.component)] = next_level++;
    }
    if (child == node.children.size()) {
      stack.pop_back();
      continue;
    }
    const int next = node.children[child++];
    if (!seen[at(next)]) {
      seen[at(next)] = true;
      stack.emplace_back(next, 0);
    }
  }
  return {std::move(level), std::move(seen)};
}

// At least k of the children's functions true: T(i, r) = ite(g_i, T(i+1, r-1), T(i+1, r)),
// swept from the last child back, with need[r] holding T(i, r).
int threshold(detail::Bdd& bdd, const std::vector<int>& children, int k) {
  const auto m = children.size();
  std::vector<int> need(at(k) + 1, detail::Bdd::kFalse);
  need[0] = detail::Bdd::kTrue;
  for (std::size_t i = m; i-- > 0;) {
    for (std::size_t r = need.size() - 1; r > 0; --r) {
      need[r] = bdd.ite(children[i], need[r - 1], need[r]);
    }
  }
  return need[at(k)];
}

void require_root(const Structure& structure, int root) {
  if (root < 0 || root >= structure.size()) {
    detail::fail("root id", std::to_string(root),
                 "the id of an existing node, in [0, " + std::to_string(structure.size()) + ")");
  }
}

// The diagram of a gate from its children's diagrams (component nodes are not gates).
int gate_bdd(detail::Bdd& bdd, const StructureNode& node, const std::vector<int>& children) {
  if (node.gate == Gate::at_least) return threshold(bdd, children, node.k);
  const bool all = node.gate == Gate::all_of;
  int result = all ? detail::Bdd::kTrue : detail::Bdd::kFalse;
  for (int child : children) result = all ? bdd.both(result, child) : bdd.either(result, child);
  return result;
}

}  // namespace

int Structure::component(int index) {
  if (index < 0) detail::fail("component index", std::to_string(index), ">= 0");
  nodes_.push_back({Gate::component, index, 0, {}});
  component_count_ = std::max(component_count_, index + 1);
  return size() - 1;
}

int Structure::all_of(std::vector<int> children) {
  return add_gate(Gate::all_of, 0, std::move(children));
}

int Structure::any_of(std::vector<int> children) {
  return add_gate(Gate::any_of, 0, std::move(children));
}

int Structure::at_least(int k, std::vector<int> children) {
  detail::require_k_of_n(k, static_cast<int>(children.size()));
  return add_gate(Gate::at_least, k, std::move(children));
}

int Structure::add_gate(Gate gate, int k, std::vector<int> children) {
  if (children.empty()) detail::fail("number of children of a gate", "0", ">= 1");
  for (int child : children) {
    if (child < 0 || child >= size()) {
      detail::fail("child id", std::to_string(child),
                   "the id of an existing node, in [0, " + std::to_string(size()) + ")");
    }
  }
  nodes_.push_back({gate, -1, k, std::move(children)});
  return size() - 1;
}

const StructureNode& Structure::node(int id) const {
  if (id < 0 || id >= size()) {
    detail::fail("node id", std::to_string(id), "in [0, " + std::to_string(size()) + ")");
  }
  return nodes_[at(id)];
}

bool Structure::is_up(int root, const std::vector<bool>& component_up) const {
  require_root(*this, root);
  if (component_up.size() < at(component_count_)) {
    detail::fail("number of component states", std::to_string(component_up.size()),
                 ">= " + std::to_string(component_count_));
  }
  // Children precede parents, so one pass in id order evaluates every node once.
  std::vector<bool> up(at(root) + 1);
  for (std::size_t id = 0; id <= at(root); ++id) {
    const StructureNode& n = nodes_[id];
    if (n.gate == Gate::component) {
      up[id] = component_up[at(n.component)];
      continue;
    }
    const auto count = std::count_if(n.children.begin(), n.children.end(),
                                     [&](int child) { return up[at(child)]; });
    const auto children = static_cast<std::ptrdiff_t>(n.children.size());
    up[id] = n.gate == Gate::all_of   ? count == children
             : n.gate == Gate::any_of ? count > 0
                                      : count >= n.k;
  }
  return up[at(root)];
}

StructureResult solve(const Structure& structure, int root,
                      const std::vector<double>& availabilities, int max_bdd_nodes) {
  require_root(structure, root);
  if (availabilities.size() < at(structure.component_count())) {
    detail::fail("number of availabilities", std::to_string(availabilities.size()),
                 ">= " + std::to_string(structure.component_count()));
  }
  for (std::size_t i = 0; i < availabilities.size(); ++i) {
    detail::require_probability(availabilities[i], "availability[" + std::to_string(i) + "]");
  }
  const auto [level, seen] = variable_order(structure, root);
  std::vector<double> p_by_level(level.size(), 0.0);
  for (std::size_t c = 0; c < level.size(); ++c) {
    if (level[c] >= 0) p_by_level[at(level[c])] = availabilities[c];
  }
  // Children precede parents: build every node's diagram in id order, up to the root.
  detail::Bdd bdd(max_bdd_nodes);
  std::vector<int> function(at(root) + 1, detail::Bdd::kFalse);
  std::vector<int> children;
  for (int id = 0; id <= root; ++id) {
    const StructureNode& node = structure.node(id);
    if (!seen[at(id)]) continue;
    if (node.gate == Gate::component) {
      function[at(id)] = bdd.variable(level[at(node.component)]);
      continue;
    }
    children.clear();
    for (int child : node.children) children.push_back(function[at(child)]);
    function[at(id)] = gate_bdd(bdd, node, children);
  }
  const detail::BddProbability p = detail::probability(bdd, function[at(root)], p_by_level);
  StructureResult result{p.probability, std::vector<double>(availabilities.size(), 0.0),
                         bdd.size()};
  for (std::size_t c = 0; c < level.size(); ++c) {
    if (level[c] >= 0) result.birnbaum[c] = p.derivative[at(level[c])];
  }
  return result;
}

}  // namespace reliasim::analytic
