// The Pareto tail shape of importance weights against samples of known shape: a generalized
// Pareto distribution with shape k has excesses X = sigma ((1 - U)^-k - 1) / k.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "reliasim/stats/pareto_tail.hpp"

namespace reliasim {
namespace {

std::vector<double> generalized_pareto(double k, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> values;
  for (int i = 0; i < n; ++i)
    values.push_back(k == 0.0 ? -std::log(1 - u(rng)) : (std::pow(1 - u(rng), -k) - 1) / k);
  return values;
}

TEST_CASE("Pareto tail shape recovers the shape of generalized Pareto samples", "[stats][pareto]") {
  // 20,000 values: a tail of 425, where the estimate's standard error is about
  // (1 + k) / sqrt(425) < 0.1; 0.25 is beyond 2.5 of them.
  for (const double k : {0.0, 0.3, 0.6, 0.9}) {
    INFO("k = " << k);
    CHECK(pareto_tail_shape(generalized_pareto(k, 20000, 3)) == Approx(k).margin(0.25));
  }
  // Lighter than any Pareto: a normal's tail has a shape at or below 0.
  std::mt19937_64 rng(4);
  std::normal_distribution<double> normal(10.0, 1.0);
  std::vector<double> light;
  for (int i = 0; i < 20000; ++i) light.push_back(normal(rng));
  CHECK(pareto_tail_shape(light) < 0.25);
}

TEST_CASE("Pareto tail shape needs 20 positive values", "[stats][pareto]") {
  CHECK(std::isnan(pareto_tail_shape(std::vector<double>(19, 1.0))));
  CHECK(std::isnan(pareto_tail_shape(std::vector<double>(100, 1.0))));  // no tail at all
  std::vector<double> zeros(1000, 0.0);
  CHECK(std::isnan(pareto_tail_shape(zeros)));
}

}  // namespace
}  // namespace reliasim
