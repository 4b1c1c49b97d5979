// The generic CTMC solver against chains whose stationary distribution is known in closed
// form, on both the dense (small) and the sparse (large) solver paths.

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "reliasim/analytic/markov.hpp"

namespace ra = reliasim::analytic;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("one repairable component: A = MTTF / (MTTF + MTTR)", "[analytic]") {
  // States up, down; up -> down at lambda = 1/MTTF, down -> up at mu = 1/MTTR.
  // pi_up lambda = pi_down mu gives A = mu / (lambda + mu) = MTTF / (MTTF + MTTR), and
  // the failure frequency pi_up lambda = 1 / (MTTF + MTTR).
  const double mttf = 2000.0;
  const double mttr = 3.5;
  ra::MarkovChain chain{{true, false}, {{0, 1, 1.0 / mttf}, {1, 0, 1.0 / mttr}}, {"up", "down"}};
  const ra::MarkovSolution s = ra::solve(chain);
  CHECK_THAT(s.availability, WithinAbs(mttf / (mttf + mttr), 1e-15));
  CHECK_THAT(s.unavailability, WithinRel(mttr / (mttf + mttr), 1e-12));
  CHECK_THAT(s.failure_frequency, WithinRel(1.0 / (mttf + mttr), 1e-12));
  CHECK_THAT(s.steady_state().mean_down_time(), WithinRel(mttr, 1e-12));
}

TEST_CASE("a cycle: pi_i is proportional to the mean holding time 1 / r_i", "[analytic]") {
  // 0 -> 1 -> 2 -> 0 at rates r_0, r_1, r_2: the flow pi_i r_i is the same for every state.
  const std::vector<double> r{0.5, 3.0, 20.0};
  const auto pi = ra::stationary_distribution(3, {{0, 1, r[0]}, {1, 2, r[1]}, {2, 0, r[2]}});
  const double total = 1 / r[0] + 1 / r[1] + 1 / r[2];
  for (int i = 0; i < 3; ++i) CHECK_THAT(pi[i], WithinRel(1 / r[i] / total, 1e-12));
}

TEST_CASE("a long birth-death chain on the sparse path: pi_j = (1 - rho) rho^j / (1 - rho^N)",
          "[analytic]") {
  // j -> j+1 at lambda, j+1 -> j at mu over N = 2000 states (beyond the dense limit):
  // detailed balance pi_{j+1} = rho pi_j with rho = lambda / mu.
  const int n = 2000;
  const double lambda = 0.9;
  const double mu = 1.0;
  std::vector<ra::Transition> transitions;
  for (int j = 0; j + 1 < n; ++j) {
    transitions.push_back({j, j + 1, lambda});
    transitions.push_back({j + 1, j, mu});
  }
  const auto pi = ra::stationary_distribution(n, transitions);
  const double rho = lambda / mu;
  for (int j = 0; j < n; j += 7) {
    const double expected = (1 - rho) * std::pow(rho, j) / (1 - std::pow(rho, n));
    // LU's error is relative to the largest pi (0.1): absolute everywhere, relative up top.
    CHECK_THAT(pi[j], WithinAbs(expected, 1e-12));
    if (j <= 50) CHECK_THAT(pi[j], WithinRel(expected, 1e-9));
  }
}

TEST_CASE("transient states get probability 0; parallel transitions add", "[analytic]") {
  // State 0 leaks into the closed class {1, 2} and is never re-entered.
  const auto pi = ra::stationary_distribution(
      3, {{0, 1, 1.0}, {1, 2, 1.0}, {1, 2, 1.0}, {2, 1, 4.0}, {2, 0, 0.0}});
  CHECK_THAT(pi[0], WithinAbs(0.0, 1e-15));
  CHECK_THAT(pi[1], WithinRel(4.0 / 6.0, 1e-12));  // out of 1 at 2, out of 2 at 4
  CHECK_THAT(pi[2], WithinRel(2.0 / 6.0, 1e-12));
  CHECK(ra::stationary_distribution(1, {}) == std::vector<double>{1.0});
}

TEST_CASE("the Markov solver rejects bad chains", "[analytic]") {
  using ra::stationary_distribution;
  CHECK_THROWS_AS(stationary_distribution(0, {}), std::invalid_argument);
  CHECK_THROWS_AS(stationary_distribution(2, {{0, 2, 1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(stationary_distribution(2, {{0, 0, 1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(stationary_distribution(2, {{0, 1, -1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(stationary_distribution(2, {{0, 1, INFINITY}}), std::invalid_argument);
  // Two closed classes {0, 1} and {2}: pi is not unique.
  CHECK_THROWS_WITH(stationary_distribution(3, {{0, 1, 1.0}, {1, 0, 1.0}}),
                    Catch::Contains("closed classes"));
  ra::MarkovChain mislabelled{{true, false}, {{0, 1, 1.0}, {1, 0, 1.0}}, {"only one"}};
  CHECK_THROWS_AS(ra::solve(mislabelled), std::invalid_argument);
}

TEST_CASE("tiny probabilities keep their relative precision", "[analytic]") {
  // Ten units in parallel, independent repairs: P(all down) = (lambda / (lambda + mu))^10,
  // about 1e-40; state reduction resolves it, an LU solve would return 0 or noise.
  const int n = 10;
  const double lambda = 1e-4;
  const double mu = 1.0;
  std::vector<ra::Transition> transitions;
  for (int j = 0; j < n; ++j) {
    transitions.push_back({j, j + 1, (n - j) * lambda});
    transitions.push_back({j + 1, j, (j + 1) * mu});
  }
  std::vector<bool> up(n + 1, true);
  up[n] = false;
  const auto s = ra::solve({up, transitions, {}});
  CHECK_THAT(s.unavailability, WithinRel(std::pow(lambda / (lambda + mu), n), 1e-12));
}

TEST_CASE("the iterative solver: two independent queues, rates 1e7 apart, in product form",
          "[analytic]") {
  // Queue 1 (0..39) moves at 2e-6 up and 1e-5 down, queue 2 (0..39) at 50 up and 100 down:
  // 1600 states, pi(i, j) = pi_1(i) pi_2(j), each truncated-geometric with rho 0.2 and 0.5.
  constexpr int k = 40;
  const auto id = [](int i, int j) { return i * k + j; };
  std::vector<ra::Transition> transitions;
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      if (i + 1 < k) transitions.push_back({id(i, j), id(i + 1, j), 2e-6});
      if (i > 0) transitions.push_back({id(i, j), id(i - 1, j), 1e-5});
      if (j + 1 < k) transitions.push_back({id(i, j), id(i, j + 1), 50.0});
      if (j > 0) transitions.push_back({id(i, j), id(i, j - 1), 100.0});
    }
  }
  // Accurate to the solver's relative residual, 1e-10.
  const auto pi = ra::stationary_distribution_iterative(k * k, transitions);
  const auto geometric = [](double rho, int n) {
    return (1 - rho) * std::pow(rho, n) / (1 - std::pow(rho, k));
  };
  for (int i = 0; i < k; i += 3) {
    for (int j = 0; j < k; j += 5) {
      const double expected = geometric(0.2, i) * geometric(0.5, j);
      CHECK_THAT(pi[id(i, j)], WithinAbs(expected, 1e-10));
      if (expected > 1e-4) CHECK_THAT(pi[id(i, j)], WithinRel(expected, 1e-8));
    }
  }
}

TEST_CASE("the iterative solver on a long birth-death chain", "[analytic]") {
  const int n = 2000;
  std::vector<ra::Transition> transitions;
  for (int j = 0; j + 1 < n; ++j) {
    transitions.push_back({j, j + 1, 0.9});
    transitions.push_back({j + 1, j, 1.0});
  }
  const auto pi = ra::stationary_distribution_iterative(n, transitions);
  for (int j = 0; j < n; j += 7) {
    const double expected = 0.1 * std::pow(0.9, j) / (1 - std::pow(0.9, n));
    CHECK_THAT(pi[j], WithinAbs(expected, 1e-10));
    if (j <= 50) CHECK_THAT(pi[j], WithinRel(expected, 1e-8));
  }
}
