#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "reliasim/stats/exact_sum.hpp"

using reliasim::ExactSum;

namespace {

double sum_of(const std::vector<double>& values) {
  ExactSum s;
  for (const double v : values) s.add(v);
  return s.value().value();
}

}  // namespace

TEST_CASE("exact sums lose nothing to cancellation or magnitude", "[stats]") {
  CHECK(sum_of({1e100, 1.0, -1e100}) == 1.0);
  CHECK(sum_of({1.0, -3.0}) == -2.0);
  CHECK(sum_of({2.0, -2.0}) == 0.0);
  CHECK(sum_of({}) == 0.0);
  const double tiny = std::numeric_limits<double>::denorm_min();
  CHECK(sum_of({tiny, tiny, tiny}) == 3.0 * tiny);
  CHECK(sum_of({1e308, 1e308, -1e308}) == 1e308);  // above the double range on the way
  // Ten times the double nearest 0.1 is exactly 1 + 2^-54: the double-double value keeps the
  // excess, which plain addition (0.9999999999999999) loses.
  ExactSum tenth;
  for (int i = 0; i < 10; ++i) tenth.add(0.1);
  CHECK(tenth.value().hi == 1.0);
  CHECK(tenth.value().lo == std::ldexp(1.0, -54));
}

TEST_CASE("exact sums are the same bits in any order and any grouping", "[stats]") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-300, 300);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) values.push_back(std::ldexp(mantissa(random), exponent(random)));
  ExactSum whole;
  for (const double v : values) whole.add(v);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(values.begin(), values.end(), random);
    ExactSum parts[4], merged;
    for (std::size_t i = 0; i < values.size(); ++i) parts[(i * 7 + round) % 4].add(values[i]);
    for (int k = 3; k >= 0; --k) merged.merge(parts[k]);
    CHECK(merged == whole);
    CHECK(merged.value().hi == whole.value().hi);
    CHECK(merged.value().lo == whole.value().lo);
  }
}

TEST_CASE("non-finite values make the sum non-finite, as plain arithmetic would", "[stats]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(sum_of({1.0, inf, 2.0}) == inf);
  CHECK(std::isnan(sum_of({inf, -inf})));
  CHECK(std::isnan(sum_of({std::numeric_limits<double>::quiet_NaN(), 1.0})));
  ExactSum s;
  CHECK(s.empty());
  s.add(-0.0);
  CHECK(s.empty());
}
