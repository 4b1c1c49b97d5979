// Binned quantiles: within one bin of the exact order statistics.
#include <catch2/catch.hpp>
#include <cmath>

#include "reliasim/stats/binned_sample.hpp"
#include "reliasim/stats/quantile.hpp"

using namespace reliasim;

TEST_CASE("binned quantiles are within the resolution of the exact ones") {
  BinnedSample binned(0.01);
  std::vector<double> values;
  for (int i = 1; i <= 5000; ++i) {
    const double v = 60.0 * std::exp(3.0 * std::sin(i * 0.7));  // spread over decades
    binned.add(v);
    values.push_back(v);
  }
  const SortedSample exact(values);
  for (const double p : {0.5, 0.9, 0.99}) {
    const Interval a = binned.quantile_interval(p), b = exact.quantile_interval(p);
    CHECK(a.estimate == Approx(b.estimate).epsilon(0.011));
    CHECK(a.lower == Approx(b.lower).epsilon(0.011));
    CHECK(a.upper == Approx(b.upper).epsilon(0.011));
  }
}

TEST_CASE("zeros, merging and bad input") {
  BinnedSample a, b;
  a.add(0.0);
  a.add(std::nan(""));
  a.add(-1.0);
  b.add(100.0);
  a.merge(b);
  CHECK(a.size() == 2);
  CHECK(a.value_at_rank(1) == 0.0);
  CHECK(a.value_at_rank(2) == Approx(100.0).epsilon(0.01));
  CHECK(std::isnan(BinnedSample().quantile(0.5)));
  CHECK_THROWS_AS(BinnedSample(0.0), std::invalid_argument);
  CHECK_THROWS_AS(a.merge(BinnedSample(0.05)), std::invalid_argument);
}
