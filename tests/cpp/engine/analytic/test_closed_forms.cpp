// Closed forms against first principles: enumeration of all 2^n component states for small
// n, and an independent algorithm (dynamic programming vs incomplete beta) for large n.

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "brute_force.hpp"
#include "reliasim/analytic/closed_forms.hpp"

namespace ra = reliasim::analytic;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using ra::testing::enumerate;

namespace {

int count_up(const std::vector<bool>& state) {
  int up = 0;
  for (bool u : state) up += u ? 1 : 0;
  return up;
}

std::vector<ra::Component> random_components(std::mt19937& rng, int n) {
  std::vector<ra::Component> components;
  for (int i = 0; i < n; ++i) {
    components.push_back(
        {100.0 + 900.0 * ra::testing::uniform(rng), 1.0 + 99.0 * ra::testing::uniform(rng)});
  }
  return components;
}

// Availabilities and failure rates (1 / MTTF, the rate while up) for the enumeration.
std::vector<double> availabilities(const std::vector<ra::Component>& components) {
  std::vector<double> a;
  for (const auto& c : components) a.push_back(c.mttf / (c.mttf + c.mttr));
  return a;
}

std::vector<double> rates(const std::vector<ra::Component>& components) {
  std::vector<double> r;
  for (const auto& c : components) r.push_back(1.0 / c.mttf);
  return r;
}

}  // namespace

TEST_CASE("one component: A = MTTF / (MTTF + MTTR), frequency = 1 / (MTTF + MTTR)", "[analytic]") {
  const ra::SteadyState s = ra::steady_state({999.0, 1.0});
  CHECK_THAT(s.availability, WithinAbs(0.999, 1e-15));
  CHECK_THAT(s.failure_frequency, WithinRel(1.0 / 1000.0, 1e-15));
  CHECK_THAT(s.mean_down_time(), WithinRel(1.0, 1e-12));  // one outage lasts MTTR on average
  CHECK_THAT(s.downtime_over(ra::kSecondsPerYear), WithinRel(0.001 * 31'557'600.0, 1e-12));
  CHECK_THAT(s.failures_over(1000.0), WithinRel(1.0, 1e-12));
  CHECK(ra::steady_state({5.0, 0.0}).mean_down_time() == 0.0);
}

TEST_CASE("series, parallel and k-of-n match enumeration of all states", "[analytic]") {
  std::mt19937 rng(20240601);
  for (int n = 1; n <= 10; ++n) {
    const auto components = random_components(rng, n);
    const auto a = availabilities(components);
    const auto r = rates(components);
    const auto series = enumerate(a, r, [&](const auto& s) { return count_up(s) == n; });
    const auto parallel = enumerate(a, r, [&](const auto& s) { return count_up(s) >= 1; });
    CHECK_THAT(ra::series(components).availability, WithinAbs(series.availability, 1e-14));
    CHECK_THAT(ra::series(components).failure_frequency,
               WithinRel(series.failure_frequency, 1e-12));
    CHECK_THAT(ra::parallel(components).availability, WithinAbs(parallel.availability, 1e-14));
    CHECK_THAT(ra::parallel(components).failure_frequency,
               WithinRel(parallel.failure_frequency, 1e-12));
    for (int k = 1; k <= n; ++k) {
      const auto ref = enumerate(a, r, [&](const auto& s) { return count_up(s) >= k; });
      const ra::SteadyState s = ra::k_of_n(k, components);
      CHECK_THAT(s.availability, WithinAbs(ref.availability, 1e-14));
      CHECK_THAT(s.failure_frequency, WithinRel(ref.failure_frequency, 1e-12));
      const auto birnbaum = ra::k_of_n_birnbaum(k, a);
      for (int i = 0; i < n; ++i) CHECK_THAT(birnbaum[i], WithinAbs(ref.birnbaum[i], 1e-14));
    }
  }
}

TEST_CASE("k-of-n identical matches enumeration, availability and frequency", "[analytic]") {
  const ra::Component unit{200.0, 10.0};
  const double a = 200.0 / 210.0;
  for (int n = 1; n <= 12; ++n) {
    const std::vector<double> as(static_cast<std::size_t>(n), a);
    const std::vector<double> rs(static_cast<std::size_t>(n), 1.0 / 200.0);
    for (int k = 1; k <= n; ++k) {
      const auto ref = enumerate(as, rs, [&](const auto& s) { return count_up(s) >= k; });
      CHECK_THAT(ra::k_of_n_availability(k, n, a), WithinAbs(ref.availability, 1e-14));
      const ra::SteadyState s = ra::k_of_n(k, n, unit);
      CHECK_THAT(s.availability, WithinAbs(ref.availability, 1e-14));
      CHECK_THAT(s.failure_frequency, WithinRel(ref.failure_frequency, 1e-12));
    }
  }
}

TEST_CASE("k-of-n identical stays accurate for thousands of units", "[analytic]") {
  // Incomplete beta (identical) vs Poisson-binomial dynamic programming (non-identical code
  // path with equal inputs): two independent algorithms, compared relatively so that tails
  // far below 1e-16 count too.
  for (const auto& [k, n, a] :
       {std::tuple{1500, 3000, 0.5}, std::tuple{2990, 3000, 0.999}, std::tuple{2000, 2500, 0.7},
        std::tuple{1900, 2000, 0.9}, std::tuple{10, 2000, 0.001}}) {
    const double beta = ra::k_of_n_availability(k, n, a);
    const double dp =
        ra::k_of_n_availability(k, std::vector<double>(static_cast<std::size_t>(n), a));
    INFO("k = " << k << ", n = " << n << ", A = " << a << ": " << beta << " vs " << dp);
    CHECK(std::isfinite(beta));
    CHECK_THAT(beta, WithinRel(dp, 1e-10));
  }
  // Ends of the range: all n needed is A^n, any one suffices is 1 - (1 - A)^n.
  CHECK_THAT(ra::k_of_n_availability(3000, 3000, 0.9999), WithinRel(std::pow(0.9999, 3000), 1e-12));
  CHECK_THAT(ra::k_of_n_availability(1, 3000, 0.001),
             WithinRel(1.0 - std::pow(0.999, 3000), 1e-12));
  CHECK(ra::k_of_n_availability(2, 3, 1.0) == 1.0);
  CHECK(ra::k_of_n_availability(2, 3, 0.0) == 0.0);
}

TEST_CASE("closed forms reject bad input", "[analytic]") {
  CHECK_THROWS_AS(ra::availability(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(ra::availability(1.0, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(ra::availability(NAN, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(ra::series_availability({}), std::invalid_argument);
  CHECK_THROWS_AS(ra::parallel_availability({0.5, 1.5}), std::invalid_argument);
  CHECK_THROWS_AS(ra::k_of_n_availability(0, 3, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(ra::k_of_n_availability(4, 3, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(ra::k_of_n_availability(2, {0.5}), std::invalid_argument);
  CHECK_THROWS_AS(ra::system_failure_frequency({{1.0, 1.0}}, {}), std::invalid_argument);
  CHECK_THROWS_WITH(ra::availability(1.0, -0.25), Catch::Contains("mttr = -0.25"));
}
