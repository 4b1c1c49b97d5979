// Kaplan-Meier against a published table, the KS and AD distances against their textbook
// formulas, and the bootstrap p-values: uniform under the fitted family, small off it, and the
// same on any number of threads.
#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "draws.hpp"
#include "reliasim/fit/goodness_of_fit.hpp"

using namespace reliasim;
using namespace reliasim::fit;

namespace {

std::vector<double> draws(const DistributionSpec& d, int n, std::uint64_t seed) {
  return test::draws(d, n, seed, 1);
}

}  // namespace

TEST_CASE("Kaplan-Meier reproduces the 6-MP leukaemia table", "[fit]") {
  // Freireich et al. (1963), 6-MP arm, as tabulated by Kaplan-Meier textbooks (e.g. Kleinbaum
  // and Klein, Survival Analysis, table 2.1): remission weeks, + censored.
  DurationSample s;
  s.observed = {6, 6, 6, 7, 10, 13, 16, 22, 23};
  s.right_censored = {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35};
  const auto steps = kaplan_meier(s);
  const std::vector<std::pair<double, double>> survival = {{6, 0.8571},  {7, 0.8067},  {10, 0.7529},
                                                           {13, 0.6902}, {16, 0.6275}, {22, 0.5378},
                                                           {23, 0.4482}};
  REQUIRE(steps.size() == survival.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    CHECK(steps[i].time == survival[i].first);
    CHECK(1 - steps[i].at == Approx(survival[i].second).margin(5e-5));
  }
}

TEST_CASE("without censoring KS and AD are the textbook statistics", "[fit]") {
  const DistributionSpec d{DistributionKind::lognormal, 5.0, 0.9, 0, {}};
  auto values = draws(DistributionSpec{DistributionKind::weibull, 1.2, 200, 0, {}}, 60, 3);
  DurationSample s;
  s.observed = values;
  std::sort(values.begin(), values.end());
  const double n = 60;
  double ks = 0, ad = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double f = cdf(d, values[i]);
    ks = std::max({ks, (i + 1) / n - f, f - i / n});
    ad += (2.0 * i + 1) * (std::log(f) + std::log1p(-cdf(d, values[values.size() - 1 - i])));
  }
  ad = -n - ad / n;
  CHECK(kolmogorov_smirnov(s, d) == Approx(ks).epsilon(1e-12));
  CHECK(anderson_darling(s, d) == Approx(ad).epsilon(1e-9));
}

TEST_CASE("bootstrap p-values are uniform when the family is right", "[fit]") {
  // 200 exponential samples of 30: the tests reject at 5 % about 5 % of the time (Binomial
  // 3 standard deviations: 4.6 points).
  const DistributionSpec truth{DistributionKind::exponential, 600, 0, 0, {}};
  int rejected_ks = 0, rejected_ad = 0;
  for (int r = 0; r < 200; ++r) {
    DurationSample s;
    s.observed = draws(truth, 30, 500 + r);
    const auto fit = fit_distribution(Family::exponential, s).fit;
    REQUIRE(fit);
    const auto g = test_goodness_of_fit(s, *fit, 199, 77 + r);
    rejected_ks += g.kolmogorov_smirnov_p <= 0.05;
    rejected_ad += g.anderson_darling_p <= 0.05;
  }
  CHECK(std::abs(rejected_ks / 200.0 - 0.05) < 0.046);
  CHECK(std::abs(rejected_ad / 200.0 - 0.05) < 0.046);
}

TEST_CASE("a wrong family gets a small p-value; censoring is kept in the resamples", "[fit]") {
  const DistributionSpec truth{DistributionKind::lognormal, std::log(600), 1.5, 0, {}};
  DurationSample s;
  for (const double x : draws(truth, 200, 9))
    (x > 5000 ? s.right_censored : s.observed).push_back(std::min(x, 5000.0));
  const auto wrong = fit_distribution(Family::exponential, s).fit;
  const auto right = fit_distribution(Family::lognormal, s).fit;
  REQUIRE(wrong);
  REQUIRE(right);
  const auto bad = test_goodness_of_fit(s, *wrong, 199, 1);
  const auto good = test_goodness_of_fit(s, *right, 199, 1);
  CHECK(bad.kolmogorov_smirnov_p <= 0.01);
  CHECK(bad.anderson_darling_p <= 0.01);
  CHECK(good.kolmogorov_smirnov_p > 0.01);
  CHECK(good.anderson_darling_p > 0.01);
  CHECK(good.resamples == 199);
}

TEST_CASE("bootstrap p-values are the same on one thread and many", "[fit]") {
  DurationSample s;
  s.observed = draws(DistributionSpec{DistributionKind::gamma, 2, 300, 0, {}}, 80, 5);
  s.right_censored = {2000, 2500};
  const auto fit = fit_distribution(Family::weibull, s).fit;
  REQUIRE(fit);
  const auto many = test_goodness_of_fit(s, *fit, 100, 42);
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto single = test_goodness_of_fit(s, *fit, 100, 42);
  CHECK(many.kolmogorov_smirnov_p == single.kolmogorov_smirnov_p);
  CHECK(many.anderson_darling_p == single.anderson_darling_p);
  const auto other_seed = test_goodness_of_fit(s, *fit, 100, 43);
  CHECK(other_seed.kolmogorov_smirnov == many.kolmogorov_smirnov);
}
