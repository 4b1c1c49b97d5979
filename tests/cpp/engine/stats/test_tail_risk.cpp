// VaR and CVaR with a point mass at zero, against hand computations.
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "reliasim/stats/tail_risk.hpp"

using namespace reliasim;

TEST_CASE("VaR and CVaR of a loss with atoms") {
  std::vector<double> loss(90, 0.0);
  loss.insert(loss.end(), 9, 10.0);
  loss.push_back(100.0);
  // P(A <= 10) = 0.99 >= 0.95: VaR = 10; CVaR = (100/100 + 10 (0.99 - 0.95)) / 0.05 = 28.
  const TailRisk at95 = tail_risk(loss, 0.95);
  CHECK(at95.var == 10.0);
  CHECK(at95.cvar == Approx(28.0));
  // At 99 %: VaR = 10, CVaR = (1 + 10 (0.99 - 0.99)) / 0.01 = 100: the single worst year.
  const TailRisk at99 = tail_risk(loss, 0.99);
  CHECK(at99.var == 10.0);
  CHECK(at99.cvar == Approx(100.0));
}

TEST_CASE("mostly zero: VaR is zero, CVaR is the tail's mean share") {
  std::vector<double> loss(97, 0.0);
  loss.insert(loss.end(), {50.0, 50.0, 200.0});
  const TailRisk at95 = tail_risk(loss, 0.95);
  CHECK(at95.var == 0.0);
  // (300/100 + 0 * (0.97 - 0.95)) / 0.05 = 60, not E[A | A > 0] = 100.
  CHECK(at95.cvar == Approx(60.0));
}

TEST_CASE("a constant loss has VaR = CVaR = the constant; bad input throws") {
  const std::vector<double> constant(10, 7.0);
  CHECK(tail_risk(constant, 0.95).var == 7.0);
  CHECK(tail_risk(constant, 0.95).cvar == Approx(7.0));
  CHECK_THROWS_AS(tail_risk(std::vector<double>{}, 0.95), std::invalid_argument);
  CHECK_THROWS_AS(tail_risk(constant, 1.0), std::invalid_argument);
}

TEST_CASE("tail risk from 1 %-wide bins is within half a bin of the values'", "[tail_risk]") {
  // Most years pay nothing (an atom at zero), the rest a heavy-tailed amount.
  std::mt19937_64 random(3);
  std::bernoulli_distribution pays(0.3);
  std::lognormal_distribution<double> amount(8.0, 1.3);
  std::vector<double> values;
  BinnedSample bins;
  for (int i = 0; i < 50'000; ++i) {
    values.push_back(pays(random) ? amount(random) : 0.0);
    bins.add(values.back());
  }
  for (const double level : {0.5, 0.95, 0.99, 0.999}) {
    INFO(level);
    const TailRisk exact = tail_risk(values, level), binned = tail_risk(bins, level);
    CHECK(binned.var == Approx(exact.var).epsilon(0.005));
    CHECK(binned.cvar == Approx(exact.cvar).epsilon(0.005));
  }
  // Below the atom's share, VaR is zero either way.
  CHECK(tail_risk(bins, 0.6).var == 0.0);
  CHECK_THROWS_AS(tail_risk(BinnedSample(), 0.9), std::invalid_argument);
}
