#pragma once
// The exact structure function of a service dependency graph with independent components.
//
// A structure is a DAG of gates over basic components: a service that needs its database
// and one of two zones is all_of(db, any_of(zone_a, zone_b)). A node may feed several
// parents (two services sharing one database), so the probabilities of the children of a
// gate are not independent and multiplying them is wrong; solve() is exact regardless,
// through a reduced ordered binary decision diagram (BDD) of the root.

#include <vector>

namespace reliasim::analytic {

enum class Gate {
  component,  // a basic component: up with its own availability
  all_of,     // series: up when every child is up
  any_of,     // parallel: up when at least one child is up
  at_least,   // k-of-n: up when at least k children are up
};

struct StructureNode {
  Gate gate = Gate::component;
  int component = -1;         // Gate::component: index into the availability vector
  int k = 0;                  // Gate::at_least: children needed up
  std::vector<int> children;  // gates: ids of earlier nodes
};

// Built bottom-up: each call returns the new node's id, and a gate may only name nodes
// that already exist, so the graph is acyclic by construction. Reuse an id to share it.
class Structure {
 public:
  int component(int index);
  int all_of(std::vector<int> children);
  int any_of(std::vector<int> children);
  int at_least(int k, std::vector<int> children);

  [[nodiscard]] int size() const { return static_cast<int>(nodes_.size()); }
  [[nodiscard]] const StructureNode& node(int id) const;
  // One more than the largest component index used (the availability vector's minimum size).
  [[nodiscard]] int component_count() const { return component_count_; }

  // Whether `root` is up when component i is up exactly when component_up[i].
  [[nodiscard]] bool is_up(int root, const std::vector<bool>& component_up) const;

 private:
  int add_gate(Gate gate, int k, std::vector<int> children);

  std::vector<StructureNode> nodes_;
  int component_count_ = 0;
};

struct StructureResult {
  double availability = 0.0;  // P(root up)
  // dP(root up)/dA_i = P(up | i up) - P(up | i down), one per component index
  // (0 for components the root does not depend on).
  std::vector<double> birnbaum;
  int bdd_nodes = 0;  // size of the decision diagram, for diagnostics
};

// Exact P(root up) for independent components with the given availabilities (one per
// component index, at least structure.component_count()). Throws std::invalid_argument for
// bad input, std::length_error if the decision diagram outgrows `max_bdd_nodes`.
[[nodiscard]] StructureResult solve(const Structure& structure, int root,
                                    const std::vector<double>& availabilities,
                                    int max_bdd_nodes = 10'000'000);

}  // namespace reliasim::analytic
