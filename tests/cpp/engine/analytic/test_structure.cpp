// The exact structure function against enumeration of all component states (random DAGs
// with shared nodes, fixed seed) and against published closed forms with heavy sharing.

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <stdexcept>
#include <vector>

#include "brute_force.hpp"
#include "reliasim/analytic/closed_forms.hpp"
#include "reliasim/analytic/structure.hpp"

namespace ra = reliasim::analytic;
using Catch::Matchers::WithinAbs;
using ra::testing::uniform;

namespace {

// A random DAG over `components` components: every gate draws 2-4 children among all
// earlier nodes, so nodes are shared between parents, and a component may get several
// component nodes.
ra::Structure random_dag(std::mt19937& rng, int components, int gates) {
  ra::Structure s;
  for (int c = 0; c < components; ++c) s.component(c);
  for (int extra = 0; extra < components / 2; ++extra)
    s.component(static_cast<int>(rng() % components));
  for (int g = 0; g < gates; ++g) {
    const int m = 2 + static_cast<int>(rng() % 3);
    std::vector<int> children;
    for (int i = 0; i < m; ++i) children.push_back(static_cast<int>(rng() % s.size()));
    switch (rng() % 3) {
      case 0: s.all_of(children); break;
      case 1: s.any_of(children); break;
      default: s.at_least(1 + static_cast<int>(rng() % m), children); break;
    }
  }
  return s;
}

}  // namespace

TEST_CASE("structure function matches enumeration on random shared DAGs", "[analytic]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    const int n = 3 + trial % 10;
    const ra::Structure s = random_dag(rng, n, 4 + trial % 12);
    std::vector<double> a;
    for (int i = 0; i < n; ++i) a.push_back(uniform(rng));
    const int root = s.size() - 1;
    const auto ref =
        ra::testing::enumerate(a, {}, [&](const auto& up) { return s.is_up(root, up); });
    const ra::StructureResult r = ra::solve(s, root, a);
    INFO("trial " << trial);
    CHECK_THAT(r.availability, WithinAbs(ref.availability, 1e-13));
    for (int i = 0; i < n; ++i) CHECK_THAT(r.birnbaum[i], WithinAbs(ref.birnbaum[i], 1e-13));
  }
}

TEST_CASE("a shared database is counted once", "[analytic]") {
  // Two services each need the database and their own app; naive multiplication of the
  // services' availabilities would count the database twice.
  ra::Structure s;
  const int db = s.component(0);
  const int s1 = s.all_of({db, s.component(1)});
  const int s2 = s.all_of({db, s.component(2)});
  const int both = s.all_of({s1, s2});
  const int either = s.any_of({s1, s2});
  const std::vector<double> a{0.99, 0.9, 0.8};
  CHECK_THAT(ra::solve(s, both, a).availability, WithinAbs(0.99 * 0.9 * 0.8, 1e-15));
  CHECK_THAT(ra::solve(s, either, a).availability, WithinAbs(0.99 * (1 - 0.1 * 0.2), 1e-15));
  // Birnbaum of the database for `both`: P(up | db up) - P(up | db down) = 0.9 * 0.8.
  CHECK_THAT(ra::solve(s, both, a).birnbaum[0], WithinAbs(0.72, 1e-15));
  // A component the root does not reach has importance 0.
  CHECK(ra::solve(s, s1, a).birnbaum[2] == 0.0);
}

TEST_CASE("an at_least gate over components equals the Poisson-binomial closed form",
          "[analytic]") {
  std::mt19937 rng(11);
  ra::Structure s;
  std::vector<int> units;
  std::vector<double> a;
  for (int i = 0; i < 25; ++i) {
    units.push_back(s.component(i));
    a.push_back(0.5 + 0.5 * uniform(rng));
  }
  const int root = s.at_least(20, units);
  const ra::StructureResult r = ra::solve(s, root, a);
  CHECK_THAT(r.availability, WithinAbs(ra::k_of_n_availability(20, a), 1e-13));
  const auto birnbaum = ra::k_of_n_birnbaum(20, a);
  for (int i = 0; i < 25; ++i) CHECK_THAT(r.birnbaum[i], WithinAbs(birnbaum[i], 1e-13));
}

TEST_CASE("consecutive-k-out-of-n:F with 40 shared components", "[analytic]") {
  // The line fails when k consecutive components are down: the AND over every window of k
  // of OR(window), each component shared by up to k windows. Hwang (IEEE TR 1982):
  // R(m) = R(m-1) - A_{m-k} U_{m-k+1} ... U_m R(m-k-1), with R(m) = 1 for m < k and
  // A_0 = R(-1) = 1 (the line of m fails, the line of m-1 does not, exactly when the last
  // k are down, the one before them is up and the first m-k-1 work).
  const int n = 40;
  const int k = 3;
  std::mt19937 rng(3);
  std::vector<double> a;
  for (int i = 0; i < n; ++i) a.push_back(0.3 + 0.6 * uniform(rng));
  ra::Structure s;
  for (int i = 0; i < n; ++i) s.component(i);
  std::vector<int> windows;
  for (int w = 0; w + k <= n; ++w) windows.push_back(s.any_of({w, w + 1, w + 2}));
  const ra::StructureResult r = ra::solve(s, s.all_of(windows), a);

  std::vector<double> reliability(n + 2, 1.0);  // reliability[m + 1] = R(m)
  for (int m = k; m <= n; ++m) {
    double all_down = 1.0;
    for (int j = m - k + 1; j <= m; ++j) all_down *= 1.0 - a[j - 1];
    const double before_up = m - k >= 1 ? a[m - k - 1] : 1.0;
    reliability[m + 1] = reliability[m] - before_up * all_down * reliability[m - k];
  }
  CHECK_THAT(r.availability, WithinAbs(reliability[n + 1], 1e-13));
}

TEST_CASE("30 shared components in a service graph solve fast", "[analytic]") {
  // 30 shared infrastructure components (databases, zones, caches); 120 services, each
  // needing 3 of them and 2 earlier services; the journey needs 100 of the last 110
  // services. No closed form: this checks size and time, and that P is a probability.
  std::mt19937 rng(30);
  ra::Structure s;
  std::vector<int> nodes;
  for (int c = 0; c < 30; ++c) nodes.push_back(s.component(c));
  std::vector<int> services;
  for (int i = 0; i < 120; ++i) {
    std::vector<int> needs;
    for (int j = 0; j < 3; ++j) needs.push_back(nodes[rng() % 30]);
    for (int j = 0; j < 2 && !services.empty(); ++j)
      needs.push_back(services[rng() % services.size()]);
    services.push_back(s.all_of(needs));
  }
  const int root = s.at_least(100, std::vector<int>(services.end() - 110, services.end()));
  std::vector<double> a(30);
  for (double& x : a) x = 0.99 + 0.0099 * uniform(rng);
  const auto start = std::chrono::steady_clock::now();
  const ra::StructureResult r = ra::solve(s, root, a);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  INFO("BDD nodes " << r.bdd_nodes << ", " << took.count() << " s");
  CHECK(r.availability > 0.0);
  CHECK(r.availability < 1.0);
  for (double b : r.birnbaum) CHECK(b >= -1e-15);  // coherent structure: monotone
  CHECK(took.count() < 10.0);  // loose: the target is < 1 s in an optimised build
}

TEST_CASE("structure rejects bad input", "[analytic]") {
  ra::Structure s;
  const int c = s.component(0);
  CHECK_THROWS_AS(s.component(-1), std::invalid_argument);
  CHECK_THROWS_AS(s.all_of({}), std::invalid_argument);
  CHECK_THROWS_AS(s.any_of({c, 5}), std::invalid_argument);  // no node 5 yet: no cycles
  CHECK_THROWS_AS(s.at_least(2, {c}), std::invalid_argument);
  CHECK_THROWS_AS(ra::solve(s, 3, {0.5}), std::invalid_argument);
  CHECK_THROWS_AS(ra::solve(s, c, {}), std::invalid_argument);
  CHECK_THROWS_AS(ra::solve(s, c, {1.5}), std::invalid_argument);
  CHECK_THROWS_AS(s.is_up(c, {}), std::invalid_argument);
  // A diagram too large for the limit is refused, not allowed to eat the memory.
  ra::Structure big;
  std::vector<int> units;
  for (int i = 0; i < 20; ++i) units.push_back(big.component(i));
  const int root = big.at_least(10, units);
  CHECK_THROWS_AS(ra::solve(big, root, std::vector<double>(20, 0.5), 50), std::length_error);
}
