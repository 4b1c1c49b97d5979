// Tails of weighted samples, as importance sampling gives them (docs/rare-events.md): with
// unit weights they are the plain estimators, bit for bit; with likelihood-ratio weights
// they recover the tail of the distribution the weights stand for.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "reliasim/stats/tail_risk.hpp"
#include "reliasim/stats/weighted_quantile.hpp"

namespace reliasim {
namespace {

TEST_CASE("weighted tail risk with unit weights is the plain one", "[stats][weighted]") {
  std::mt19937_64 rng(5);
  std::exponential_distribution<double> draw(1.0);
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) values.push_back(i % 3 == 0 ? draw(rng) : 0.0);
  const std::vector<double> ones(values.size(), 1.0);
  for (const double level : {0.5, 0.9, 0.95, 0.99, 0.999}) {
    const TailRisk plain = tail_risk(values, level), weighted = tail_risk(values, ones, level);
    CHECK(weighted.var == plain.var);
    CHECK(weighted.cvar == Approx(plain.cvar).epsilon(1e-12));
  }
}

// Exp(1) sampled from Exp(0.2), each value weighted by f / g = 5 exp(-0.8 x): VaR 99.9 % is
// ln 1000 and CVaR is one more (memorylessness).
TEST_CASE("importance-sampled tails of an exponential match the closed form", "[stats][weighted]") {
  std::mt19937_64 rng(11);
  std::exponential_distribution<double> draw(0.2);
  std::vector<double> values, weights;
  std::vector<WeightedValue> pairs;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = draw(rng);
    values.push_back(x);
    weights.push_back(5.0 * std::exp(-0.8 * x));
    pairs.push_back({x, weights.back()});
  }
  const TailRisk t = tail_risk(values, weights, 0.999);
  // About 400 values fall beyond ln 1000 under the sampling law: a few per cent of error.
  CHECK(t.var == Approx(std::log(1000.0)).epsilon(0.03));
  CHECK(t.cvar == Approx(std::log(1000.0) + 1).epsilon(0.03));
  const Interval q = weighted_quantile(pairs, 0.999, n, 0.999);
  CHECK(q.lower <= std::log(1000.0));
  CHECK(std::log(1000.0) <= q.upper);
  // Self-normalised: the median of Exp(1), ln 2, inside its interval.
  const Interval median = weighted_quantile(pairs, 0.5, 0, 0.999);
  CHECK(median.lower <= std::log(2.0));
  CHECK(std::log(2.0) <= median.upper);
}

TEST_CASE("weighted quantiles beyond the sampled mass are +infinity", "[stats][weighted]") {
  const std::vector<WeightedValue> few{{1.0, 1.0}, {2.0, 1.0}};
  CHECK(std::isinf(weighted_quantile(few, 0.5, 100, 0.95).estimate));  // 2 of 100 trials
  CHECK(weighted_quantile(few, 0.5, 0, 0.95).estimate == 1.0);
}

}  // namespace
}  // namespace reliasim
