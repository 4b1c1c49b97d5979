#pragma once
// A reduced ordered binary decision diagram (private to the engine): the exact
// representation of a boolean function that lets shared components be counted once.
// Bryant, "Graph-Based Algorithms for Boolean Function Manipulation", IEEE TC 1986.

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace reliasim::analytic::detail {

class Bdd {
 public:
  static constexpr int kFalse = 0;
  static constexpr int kTrue = 1;

  // A decision on the variable at `level` (smaller levels are decided first). The
  // children of a node always have smaller ids than the node itself.
  struct Node {
    int level = 0;
    int low = kFalse;   // the function when the variable is false (component down)
    int high = kFalse;  // the function when the variable is true (component up)
  };

  explicit Bdd(int max_nodes);

  int variable(int level);
  int ite(int f, int g, int h);  // if f then g else h
  int both(int f, int g) { return ite(f, g, kFalse); }
  int either(int f, int g) { return ite(f, kTrue, g); }

  [[nodiscard]] const Node& node(int id) const { return nodes_[static_cast<std::size_t>(id)]; }
  [[nodiscard]] int size() const { return static_cast<int>(nodes_.size()); }

 private:
  struct Triple {
    int a = 0;
    int b = 0;
    int c = 0;
    bool operator==(const Triple&) const = default;
  };
  struct TripleHash {
    std::size_t operator()(const Triple& t) const noexcept;
  };

  int make(int level, int low, int high);
  [[nodiscard]] int cofactor(int f, int level, bool value) const;

  std::vector<Node> nodes_;
  std::unordered_map<Triple, int, TripleHash> unique_;    // (level, low, high) -> node
  std::unordered_map<Triple, int, TripleHash> computed_;  // (f, g, h) -> ite(f, g, h)
  int max_nodes_;
};

struct BddProbability {
  double probability = 0.0;
  std::vector<double> derivative;  // d probability / d p[level], one per level
};

// P(root is true) when the variable at each level is true with probability p[level],
// independently, and its partial derivatives (the Birnbaum importances).
[[nodiscard]] BddProbability probability(const Bdd& bdd, int root, const std::vector<double>& p);

}  // namespace reliasim::analytic::detail
