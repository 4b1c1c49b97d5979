#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "reliasim/stats/quantile.hpp"

using reliasim::order_statistic_ranks;
using reliasim::SortedSample;

namespace {

// Binomial(n, p) probabilities by direct summation of the pmf in log space: an independent
// check on the code's incomplete-beta-based search.
std::vector<double> binomial_pmf(std::size_t n, double p) {
  std::vector<double> pmf(n + 1);
  const double nd = static_cast<double>(n);
  for (std::size_t k = 0; k <= n; ++k) {
    const double kd = static_cast<double>(k);
    pmf[k] = std::exp(std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) +
                      kd * std::log(p) + (nd - kd) * std::log1p(-p));
  }
  return pmf;
}

// The equal-tailed ranks by brute force: largest j with P(B < j) <= tail, smallest k with
// P(B >= k) <= tail.
reliasim::OrderStatisticRanks brute_force_ranks(std::size_t n, double p, double confidence) {
  const std::vector<double> pmf = binomial_pmf(n, p);
  const double tail = 0.5 * (1 - confidence);
  std::size_t j = 0;
  double below = 0;  // P(B < j)
  while (j < n && below + pmf[j] <= tail) below += pmf[j++];
  std::size_t k = n + 1;
  double above = 0;  // P(B >= k)
  while (k > 1 && above + pmf[k - 1] <= tail) above += pmf[--k];
  double coverage = 0;
  for (std::size_t b = j; b < k; ++b) coverage += pmf[b];
  return {j, k, coverage};
}

}  // namespace

TEST_CASE("median of 100 at 95 % lies between the 40th and 61st order statistics", "[stats]") {
  // The standard table value, and by hand:
  // P(B <= 39) = 0.0176 <= 0.025 < P(B <= 40) = 0.0284 for B ~ Bin(100, 1/2).
  const auto ranks = order_statistic_ranks(100, 0.5, 0.95);
  CHECK(ranks.lower == 40);
  CHECK(ranks.upper == 61);
  CHECK(ranks.coverage == Approx(brute_force_ranks(100, 0.5, 0.95).coverage).epsilon(1e-10));
  CHECK(ranks.coverage == Approx(1 - 2 * 0.0176001).epsilon(1e-5));

  std::vector<double> x(100);
  std::iota(x.rbegin(), x.rend(), 1.0);  // 100, 99, ..., 1: x_(i) = i once sorted
  const auto interval = SortedSample(x).quantile_interval(0.5, 0.95);
  CHECK(interval.estimate == 50.5);
  CHECK(interval.lower == 40.0);
  CHECK(interval.upper == 61.0);
}

TEST_CASE("order-statistic ranks agree with brute-force binomial sums", "[stats]") {
  for (const std::size_t n : {1, 2, 5, 6, 10, 20, 59, 100, 299, 1000, 5000}) {
    for (const double p : {0.01, 0.05, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99}) {
      for (const double confidence : {0.8, 0.9, 0.95, 0.99}) {
        CAPTURE(n, p, confidence);
        const auto got = order_statistic_ranks(n, p, confidence);
        const auto want = brute_force_ranks(n, p, confidence);
        CHECK(got.lower == want.lower);
        CHECK(got.upper == want.upper);
        CHECK(got.coverage == Approx(want.coverage).margin(1e-9));
        CHECK(got.coverage >= confidence - 1e-12);
      }
    }
  }
}

TEST_CASE("too few values give unbounded ends", "[stats]") {
  // With n = 5, P(B = 0) = 1/32 > 0.025: no order statistic bounds the median at 95 %.
  const auto five = SortedSample({3, 1, 4, 1, 5}).quantile_interval(0.5, 0.95);
  CHECK(five.lower == -std::numeric_limits<double>::infinity());
  CHECK(five.upper == std::numeric_limits<double>::infinity());
  // n = 6 is the smallest that works: (x_(1), x_(6)) with coverage 1 - 2/64.
  const auto six = order_statistic_ranks(6, 0.5, 0.95);
  CHECK(six.lower == 1);
  CHECK(six.upper == 6);
  CHECK(six.coverage == Approx(1 - 2.0 / 64).epsilon(1e-12));
}

TEST_CASE("quantile point estimates interpolate linearly (NumPy's default)", "[stats]") {
  const SortedSample s({4, 1, 3, 2});
  CHECK(s.quantile(0.0) == 1.0);
  CHECK(s.quantile(1.0) == 4.0);
  CHECK(s.quantile(0.5) == 2.5);
  CHECK(s.quantile(0.25) == 1.75);  // numpy.quantile([1, 2, 3, 4], 0.25) == 1.75
  CHECK(s.values()[0] == 1.0);
  CHECK(SortedSample({7}).quantile(0.3) == 7.0);
  CHECK(std::isnan(SortedSample({}).quantile(0.5)));
}

TEST_CASE("large samples use the exact binomial search quickly", "[stats]") {
  const auto ranks = order_statistic_ranks(10'000'000, 0.999, 0.95);
  CHECK(ranks.lower < 9'990'000);
  CHECK(ranks.upper > 9'990'000);
  CHECK(ranks.coverage >= 0.95);
  CHECK(ranks.coverage < 0.96);
}

TEST_CASE("quantile errors", "[stats]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(SortedSample({1.0, nan}), std::invalid_argument);
  const SortedSample s({1, 2, 3});
  CHECK_THROWS_AS(s.quantile(1.5), std::invalid_argument);
  CHECK_THROWS_AS(s.quantile_interval(0.0), std::invalid_argument);
  CHECK_THROWS_AS(s.quantile_interval(0.5, 1.0), std::invalid_argument);
}

TEST_CASE("selected quantiles equal those of the sorted sample, ties and tiny samples too",
          "[stats]") {
  // The known answer first: x_(i) = i, median of 100 at 95 % in [x_(40), x_(61)].
  std::vector<double> hundred(100);
  std::iota(hundred.rbegin(), hundred.rend(), 1.0);
  const std::vector<double> levels{0.5, 0.9, 0.99};
  const auto median = reliasim::quantile_intervals(hundred, levels)[0];
  CHECK(median.estimate == 50.5);
  CHECK(median.lower == 40.0);
  CHECK(median.upper == 61.0);

  // Every size from empty to a few hundred, with many ties (values rounded) and without.
  std::uint64_t state = 12345;
  const auto next = [&state] {  // a fixed LCG: the same values on every machine
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (std::size_t n : {0, 1, 2, 3, 5, 8, 13, 40, 99, 100, 101, 250, 1000}) {
    for (const bool ties : {false, true}) {
      std::vector<double> values(n);
      for (double& v : values) v = ties ? std::floor(10 * next()) : -std::log(next());
      const SortedSample sorted(values);
      const auto selected = reliasim::quantile_intervals(values, levels, 0.9);
      REQUIRE(selected.size() == levels.size());
      for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto expected = sorted.quantile_interval(levels[i], 0.9);
        INFO("n " << n << " ties " << ties << " p " << levels[i]);
        CHECK((selected[i].estimate == expected.estimate ||
               (std::isnan(selected[i].estimate) && std::isnan(expected.estimate))));
        CHECK(selected[i].lower == expected.lower);
        CHECK(selected[i].upper == expected.upper);
        CHECK(selected[i].confidence == 0.9);
      }
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(reliasim::quantile_intervals({1.0, nan}, levels), std::invalid_argument);
  CHECK_THROWS_AS(reliasim::quantile_intervals({1.0, 2.0}, std::vector<double>{1.0}),
                  std::invalid_argument);
}
