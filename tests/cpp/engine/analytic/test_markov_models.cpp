// Model chains against closed forms derived by hand (each stated next to its test) and
// against the independent-component formulas in the cases where the models reduce to them.

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "reliasim/analytic/closed_forms.hpp"
#include "reliasim/analytic/markov_models.hpp"

namespace ra = reliasim::analytic;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kLambda = 1.0 / 1000.0;  // failures per hour (MTTF 1000 h)
constexpr double kMu = 1.0 / 8.0;         // repairs per hour (MTTR 8 h)
constexpr double kRho = kLambda / kMu;

ra::MarkovSolution failover(ra::StandbyMode mode, double p, int crews, double warm = 0.5) {
  return ra::solve(ra::failover_pair({kLambda, kMu, mode, warm, p, crews}));
}

}  // namespace

TEST_CASE("k-of-n with as many crews as units equals independent k-of-n", "[analytic]") {
  // With c >= n no unit ever waits for a crew, so the units are independent.
  const ra::Component unit{1.0 / kLambda, 1.0 / kMu};
  for (int n = 1; n <= 8; ++n) {
    for (int k = 1; k <= n; ++k) {
      const auto chain = ra::solve(ra::k_of_n_with_crews(k, n, kLambda, kMu, n));
      const ra::SteadyState closed = ra::k_of_n(k, n, unit);
      CHECK_THAT(chain.availability, WithinAbs(closed.availability, 1e-12));
      CHECK_THAT(chain.failure_frequency, WithinRel(closed.failure_frequency, 1e-9));
    }
  }
  // 600 units: 601 states, on the sparse solver path.
  for (int k : {500, 590, 599}) {
    const auto chain = ra::solve(ra::k_of_n_with_crews(k, 600, 0.01, 1.0, 600));
    CHECK_THAT(chain.availability, WithinAbs(ra::k_of_n_availability(k, 600, 1.0 / 1.01), 1e-12));
  }
}

TEST_CASE("two-unit parallel system with one repair crew", "[analytic]") {
  // States 0, 1, 2 failed: 0 -> 1 at 2 lambda, 1 -> 2 at lambda, 1 -> 0 and 2 -> 1 at mu.
  // pi_1 = 2 rho pi_0, pi_2 = 2 rho^2 pi_0, so with D = mu^2 + 2 lambda mu + 2 lambda^2:
  // A = (mu^2 + 2 lambda mu) / D, failure frequency = pi_1 lambda = 2 lambda^2 mu / D.
  const double l = kLambda;
  const double m = kMu;
  const double d = m * m + 2 * l * m + 2 * l * l;
  const auto s = ra::solve(ra::k_of_n_with_crews(1, 2, l, m, 1));
  CHECK_THAT(s.availability, WithinAbs((m * m + 2 * l * m) / d, 1e-15));
  CHECK_THAT(s.unavailability, WithinRel(2 * l * l / d, 1e-10));
  CHECK_THAT(s.failure_frequency, WithinRel(2 * l * l * m / d, 1e-10));
}

TEST_CASE("k-of-n with a shared crew follows the machine-repair product form", "[analytic]") {
  // Detailed balance of the birth-death chain on j failed units:
  // pi_j = pi_0 prod_{i<j} (n - i) lambda / (min(i + 1, c) mu).
  const int n = 6;
  const int k = 4;
  const int c = 2;
  std::vector<double> weight{1.0};
  for (int i = 0; i < n; ++i)
    weight.push_back(weight.back() * (n - i) * kLambda / (std::min(i + 1, c) * kMu));
  double total = 0.0;
  double up = 0.0;
  for (int j = 0; j <= n; ++j) {
    total += weight[j];
    if (n - j >= k) up += weight[j];
  }
  const auto s = ra::solve(ra::k_of_n_with_crews(k, n, kLambda, kMu, c));
  CHECK_THAT(s.availability, WithinAbs(up / total, 1e-14));
  // The system fails on the jump from n - k failed to n - k + 1, at k lambda.
  CHECK_THAT(s.failure_frequency, WithinRel(weight[n - k] / total * k * kLambda, 1e-10));
}

TEST_CASE("hot failover pair, perfect switching, two crews: 1 - (1 - A)^2", "[analytic]") {
  // Both units run and are repaired independently: a parallel pair of independent units,
  // failure frequency 2 f U with f = 1 / (MTTF + MTTR) and U = 1 - A per unit.
  const double a = kMu / (kLambda + kMu);
  const auto s = failover(ra::StandbyMode::hot, 1.0, 2);
  CHECK_THAT(s.availability, WithinAbs(1 - (1 - a) * (1 - a), 1e-15));
  CHECK_THAT(s.failure_frequency,
             WithinRel(2 * (kLambda * kMu / (kLambda + kMu)) * (1 - a), 1e-10));
}

TEST_CASE("cold standby pair, one crew: textbook and imperfect switching", "[analytic]") {
  // Perfect switching: 0 -> 1 at lambda, 1 -> 2 at lambda, repairs at mu:
  // A = (mu^2 + lambda mu) / (mu^2 + lambda mu + lambda^2).
  const double l = kLambda;
  const double m = kMu;
  CHECK_THAT(failover(ra::StandbyMode::cold, 1.0, 1).availability,
             WithinAbs((m * m + l * m) / (m * m + l * m + l * l), 1e-15));
  // Switchover success p (states 0 good, 1 one in repair, 2 switch failed, 3 both failed;
  // the cold standby cannot fail, so 2 only returns to 0): balance gives
  // pi_2 = (1 - p) rho pi_0, pi_1 = p rho pi_0, pi_3 = p rho^2 pi_0, hence
  // A = (1 + p rho) / (1 + rho + p rho^2); p = 0 leaves one unit: mu / (lambda + mu).
  for (double p : {0.0, 0.3, 0.9, 0.99}) {
    const double expected = (1 + p * kRho) / (1 + kRho + p * kRho * kRho);
    CHECK_THAT(failover(ra::StandbyMode::cold, p, 1).availability, WithinAbs(expected, 1e-15));
  }
  CHECK_THAT(failover(ra::StandbyMode::cold, 0.0, 1).availability, WithinAbs(m / (l + m), 1e-15));
}

TEST_CASE("warm standby pair, one crew, perfect switching", "[analytic]") {
  // Birth-death: 0 -> 1 at (1 + f) lambda, 1 -> 2 at lambda, repairs at mu:
  // A = (1 + (1 + f) rho) / (1 + (1 + f) rho + (1 + f) rho^2). Hot is f = 1, cold f = 0.
  for (double f : {0.0, 0.1, 0.5, 1.0}) {
    const double g = 1 + f;
    const double expected = (1 + g * kRho) / (1 + g * kRho + g * kRho * kRho);
    CHECK_THAT(failover(ra::StandbyMode::warm, 1.0, 1, f).availability, WithinAbs(expected, 1e-15));
  }
  CHECK_THAT(failover(ra::StandbyMode::warm, 0.8, 2, 1.0).availability,
             WithinAbs(failover(ra::StandbyMode::hot, 0.8, 2).availability, 1e-15));
  CHECK_THAT(failover(ra::StandbyMode::warm, 0.8, 1, 0.0).availability,
             WithinAbs(failover(ra::StandbyMode::cold, 0.8, 1).availability, 1e-15));
}

TEST_CASE("common-cause pair without shocks is two independent units", "[analytic]") {
  const double l1 = 1e-3, l2 = 4e-3, m1 = 0.1, m2 = 0.5;
  const double u1 = l1 / (l1 + m1), u2 = l2 / (l2 + m2);
  const double f1 = l1 * m1 / (l1 + m1), f2 = l2 * m2 / (l2 + m2);  // 1 / (MTTF + MTTR)
  const auto parallel = ra::solve(ra::common_cause_pair({l1, l2, 0.0, m1, m2, 2, 1}));
  CHECK_THAT(parallel.availability, WithinAbs(1 - u1 * u2, 1e-15));
  CHECK_THAT(parallel.failure_frequency, WithinRel(f1 * u2 + f2 * u1, 1e-10));
  const auto series = ra::solve(ra::common_cause_pair({l1, l2, 0.0, m1, m2, 2, 2}));
  CHECK_THAT(series.availability, WithinAbs((1 - u1) * (1 - u2), 1e-15));
  CHECK_THAT(series.failure_frequency, WithinRel(f1 * (1 - u2) + f2 * (1 - u1), 1e-10));
  // One crew, identical units: the two-unit parallel system with one crew.
  const double d = kMu * kMu + 2 * kLambda * kMu + 2 * kLambda * kLambda;
  const auto one_crew = ra::solve(ra::common_cause_pair({kLambda, kLambda, 0.0, kMu, kMu, 1, 1}));
  CHECK_THAT(one_crew.unavailability, WithinRel(2 * kLambda * kLambda / d, 1e-10));
}

TEST_CASE("common-cause pair of identical units with shocks", "[analytic]") {
  // Lumped by the number down (units identical): 0 -> 1 at 2 lambda, 0 -> 2 at lambda_c,
  // 1 -> 2 at lambda + lambda_c, 1 -> 0 at mu, 2 -> 1 at c mu (c crews busy on 2 units).
  // Balance: pi_1 = (2 lambda + lambda_c) / mu pi_0,
  //          pi_2 = (lambda_c pi_0 + (lambda + lambda_c) pi_1) / (c mu).
  const double l = kLambda;
  const double lc = 0.05 * kLambda;  // a beta factor of about 5 %
  for (int crews : {1, 2}) {
    const double pi1 = (2 * l + lc) / kMu;
    const double pi2 = (lc + (l + lc) * pi1) / (crews * kMu);
    const double total = 1 + pi1 + pi2;
    const auto s = ra::solve(ra::common_cause_pair({l, l, lc, kMu, kMu, crews, 1}));
    CHECK_THAT(s.unavailability, WithinRel(pi2 / total, 1e-10));
    CHECK_THAT(s.failure_frequency, WithinRel((lc + (l + lc) * pi1) / total, 1e-10));
  }
}

TEST_CASE("model builders reject bad input", "[analytic]") {
  CHECK_THROWS_AS(ra::k_of_n_with_crews(3, 2, 1.0, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(ra::k_of_n_with_crews(1, 2, 1.0, 1.0, 0), std::invalid_argument);
  CHECK_THROWS_AS(ra::k_of_n_with_crews(1, 2, -1.0, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(ra::failover_pair({1.0, 1.0, ra::StandbyMode::hot, 0.5, 1.5, 1}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ra::failover_pair({1.0, 1.0, ra::StandbyMode::warm, 2.0, 1.0, 1}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ra::failover_pair({1.0, 1.0, ra::StandbyMode::cold, 0.5, 1.0, 3}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ra::common_cause_pair({1.0, 1.0, 0.1, 1.0, 1.0, 2, 3}), std::invalid_argument);
}
