#include "bdd.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace reliasim::analytic::detail {
namespace {

constexpr int kTerminalLevel = INT_MAX;  // terminals sort below every variable

}  // namespace

std::size_t Bdd::TripleHash::operator()(const Triple& t) const noexcept {
  // Multiply-xor mixing of the three ids; collisions only cost time.
  std::uint64_t h = static_cast<std::uint32_t>(t.a);
  h = h * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint32_t>(t.b);
  h = h * 0xC2B2AE3D27D4EB4FULL ^ static_cast<std::uint32_t>(t.c);
  return static_cast<std::size_t>(h ^ (h >> 29));
}

Bdd::Bdd(int max_nodes) : max_nodes_(max_nodes) {
  nodes_.push_back({kTerminalLevel, kFalse, kFalse});
  nodes_.push_back({kTerminalLevel, kTrue, kTrue});
}

int Bdd::variable(int level) {
  return make(level, kFalse, kTrue);
}

int Bdd::make(int level, int low, int high) {
  if (low == high) return low;  // the decision does not matter: reduce it away
  const Triple key{level, low, high};
  if (auto it = unique_.find(key); it != unique_.end()) return it->second;
  if (size() >= max_nodes_) {
    throw std::length_error("analytic: the structure's decision diagram exceeds " +
                            std::to_string(max_nodes_) + " nodes");
  }
  nodes_.push_back({level, low, high});
  unique_.emplace(key, size() - 1);
  return size() - 1;
}

int Bdd::cofactor(int f, int level, bool value) const {
  const Node& n = node(f);
  if (n.level != level) return f;  // f does not decide this variable here
  return value ? n.high : n.low;
}

int Bdd::ite(int f, int g, int h) {
  if (f == kTrue) return g;
  if (f == kFalse) return h;
  if (g == h) return g;
  if (g == kTrue && h == kFalse) return f;
  const Triple key{f, g, h};
  if (auto it = computed_.find(key); it != computed_.end()) return it->second;
  // Shannon expansion on the first variable any of the three decides.
  const int top = std::min({node(f).level, node(g).level, node(h).level});
  const int high = ite(cofactor(f, top, true), cofactor(g, top, true), cofactor(h, top, true));
  const int low = ite(cofactor(f, top, false), cofactor(g, top, false), cofactor(h, top, false));
  const int result = make(top, low, high);
  computed_.emplace(key, result);
  return result;
}

BddProbability probability(const Bdd& bdd, int root, const std::vector<double>& p) {
  const auto top = static_cast<std::size_t>(root);
  const std::size_t count = std::max<std::size_t>(top + 1, 2);  // the terminals at least
  // Bottom-up (children have smaller ids): up[n] = P(function at n is true).
  std::vector<double> up(count, 0.0);
  up[Bdd::kTrue] = 1.0;
  for (std::size_t n = 2; n < count; ++n) {
    const Bdd::Node& node = bdd.node(static_cast<int>(n));
    const double q = p[static_cast<std::size_t>(node.level)];
    up[n] = q * up[static_cast<std::size_t>(node.high)] +
            (1.0 - q) * up[static_cast<std::size_t>(node.low)];
  }
  // Top-down: reach[n] = P(evaluation passes through n). An ordered diagram decides each
  // variable at most once on a path, so dP/dp_v sums reach * (P(high) - P(low)) over v's nodes.
  BddProbability result{up[top], std::vector<double>(p.size(), 0.0)};
  std::vector<double> reach(count, 0.0);
  reach[top] = 1.0;
  for (std::size_t n = count; n-- > 2;) {
    if (reach[n] == 0.0) continue;
    const Bdd::Node& node = bdd.node(static_cast<int>(n));
    const auto level = static_cast<std::size_t>(node.level);
    const auto high = static_cast<std::size_t>(node.high);
    const auto low = static_cast<std::size_t>(node.low);
    result.derivative[level] += reach[n] * (up[high] - up[low]);
    reach[high] += reach[n] * p[level];
    reach[low] += reach[n] * (1.0 - p[level]);
  }
  return result;
}

}  // namespace reliasim::analytic::detail
