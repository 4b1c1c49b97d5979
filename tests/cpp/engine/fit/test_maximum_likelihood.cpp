// Maximum-likelihood fits against closed forms (exponential; lognormal without censoring),
// against the true parameters of synthetic samples (the intervals cover them as often as
// their level says), and with censoring.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "draws.hpp"
#include "reliasim/fit/maximum_likelihood.hpp"

using namespace reliasim;
using namespace reliasim::fit;

namespace {

std::vector<double> draws(const DistributionSpec& d, int n, std::uint64_t seed) {
  return test::draws(d, n, seed, 0);
}

const Parameter& parameter(const DistributionFit& fit, const std::string& name) {
  return *std::find_if(fit.parameters.begin(), fit.parameters.end(),
                       [&](const Parameter& p) { return p.name == name; });
}

DistributionSpec spec(DistributionKind kind, double a, double b = 0) {
  return {kind, a, b, 0, {}};
}

}  // namespace

TEST_CASE("the exponential fit is the closed form: total time over ended durations", "[fit]") {
  DurationSample s;
  s.observed = {100, 250, 40, 900, 310};
  s.right_censored = {500, 1200};
  const auto fit = fit_distribution(Family::exponential, s).fit;
  REQUIRE(fit);
  const double total = 100 + 250 + 40 + 900 + 310 + 500 + 1200;
  CHECK(fit->distribution.a == Approx(total / 5).epsilon(1e-9));
  // The observed information of log(mean) is the number of ended durations: se = 1/sqrt(5).
  const auto& mean = parameter(*fit, "mean").value;
  CHECK(std::log(mean.upper / mean.lower) / (2 * 1.959964) ==
        Approx(1 / std::sqrt(5.0)).epsilon(1e-5));
  CHECK(fit->log_likelihood == Approx(-5 * std::log(total / 5) - 5).epsilon(1e-12));
}

TEST_CASE("the lognormal fit without censoring is the mean and sd (1/n) of the logs", "[fit]") {
  const auto values = draws(spec(DistributionKind::lognormal, 6.0, 0.8), 300, 7);
  DurationSample s;
  s.observed = values;
  double mean = 0, squares = 0;
  for (const double v : values) mean += std::log(v) / 300;
  for (const double v : values) squares += (std::log(v) - mean) * (std::log(v) - mean) / 300;
  const auto fit = fit_distribution(Family::lognormal, s).fit;
  REQUIRE(fit);
  CHECK(fit->distribution.a == Approx(mean).epsilon(1e-9));
  CHECK(fit->distribution.b == Approx(std::sqrt(squares)).epsilon(1e-8));
  // se(mu) = sigma / sqrt(n), se(log sigma) = 1 / sqrt(2 n).
  const auto& median = parameter(*fit, "median").value;
  CHECK(std::log(median.upper / median.lower) / (2 * 1.959964) ==
        Approx(std::sqrt(squares / 300)).epsilon(1e-4));
  const auto& sigma = parameter(*fit, "sigma").value;
  CHECK(std::log(sigma.upper / sigma.lower) / (2 * 1.959964) ==
        Approx(1 / std::sqrt(600.0)).epsilon(1e-4));
}

TEST_CASE("the Weibull fit solves its profile equation", "[fit]") {
  const auto values = draws(spec(DistributionKind::weibull, 1.7, 3600), 250, 11);
  DurationSample s;
  s.observed = values;
  const auto fit = fit_distribution(Family::weibull, s).fit;
  REQUIRE(fit);
  const double k = fit->distribution.a;
  // 1/k + mean(log x) - sum x^k log x / sum x^k = 0 and scale = (mean x^k)^(1/k).
  double logs = 0, power = 0, weighted = 0;
  for (const double x : values) {
    logs += std::log(x) / 250;
    power += std::pow(x, k);
    weighted += std::pow(x, k) * std::log(x);
  }
  CHECK(std::abs(1 / k + logs - weighted / power) < 1e-8);
  CHECK(fit->distribution.b == Approx(std::pow(power / 250, 1 / k)).epsilon(1e-8));
}

TEST_CASE("the gamma fit solves log k - digamma(k) = log mean - mean log", "[fit]") {
  const auto values = draws(spec(DistributionKind::gamma, 2.3, 600), 400, 13);
  DurationSample s;
  s.observed = values;
  const auto fit = fit_distribution(Family::gamma, s).fit;
  REQUIRE(fit);
  double mean = 0, logs = 0;
  for (const double x : values) mean += x / 400, logs += std::log(x) / 400;
  const double k = fit->distribution.a;
  // digamma by its derivative-free identity is not in the standard library: check the scale
  // equation k * scale = mean exactly and the shape equation through a finite difference of
  // lgamma (digamma(k) = d/dk lgamma(k)).
  const double h = 1e-5;
  const double digamma = (std::lgamma(k + h) - std::lgamma(k - h)) / (2 * h);
  CHECK(k * fit->distribution.b == Approx(mean).epsilon(1e-8));
  CHECK(std::abs(std::log(k) - digamma - (std::log(mean) - logs)) < 1e-7);
}

TEST_CASE("95 % intervals cover the true parameters about 95 % of the time", "[fit]") {
  // 200 samples of 120 from each family, a quarter of them censored at a fixed time.
  struct Case {
    Family family;
    DistributionSpec truth;
    const char* first;
    double first_value;
  };
  const Case cases[] = {
      {Family::exponential, spec(DistributionKind::exponential, 3600), "mean", 3600},
      {Family::lognormal, spec(DistributionKind::lognormal, std::log(900), 1.1), "median", 900},
      {Family::weibull, spec(DistributionKind::weibull, 1.3, 1800), "shape", 1.3},
      {Family::gamma, spec(DistributionKind::gamma, 1.8, 700), "shape", 1.8},
  };
  for (const auto& c : cases) {
    int covered = 0;
    const int runs = 200;
    const double cut = quantile(c.truth, 0.75);
    for (int r = 0; r < runs; ++r) {
      DurationSample s;
      for (const double x : draws(c.truth, 120, 1000 + r))
        (x > cut ? s.right_censored : s.observed).push_back(x > cut ? cut : x);
      const auto fit = fit_distribution(c.family, s).fit;
      REQUIRE(fit);
      covered += parameter(*fit, c.first).value.contains(c.first_value);
    }
    // Binomial(200, 0.95): 3 standard deviations are 4.6 percentage points.
    INFO(to_string(c.family) << " covered " << covered);
    CHECK(std::abs(covered / double(runs) - 0.95) < 0.046);
  }
}

TEST_CASE("fits that cannot be made say why", "[fit]") {
  DurationSample open;
  open.right_censored = {100, 200};
  CHECK_FALSE(fit_distribution(Family::lognormal, open).fit);
  CHECK_THAT(fit_distribution(Family::lognormal, open).problem, Catch::Contains("still open"));
  DurationSample same;
  same.observed = {60, 60, 60};
  CHECK_FALSE(fit_distribution(Family::weibull, same).fit);
  CHECK_THAT(fit_distribution(Family::weibull, same).problem, Catch::Contains("spread"));
  CHECK(fit_distribution(Family::exponential, same).fit);
  CHECK_THROWS_AS(fit_distribution(Family::gamma, same, 1.5), std::invalid_argument);
}

TEST_CASE("durations at most the resolution count as left-censored", "[fit]") {
  // Exponential with k observed, m at most r: maximise the likelihood by brute force.
  DurationSample s;
  s.observed = {30, 90, 240, 600};
  s.left_censored = {1, 1, 1};
  s.resolution = 1;
  const auto fit = fit_distribution(Family::exponential, s).fit;
  REQUIRE(fit);
  auto log_l = [&](double mean) {
    double sum = 0;
    for (const double x : s.observed) sum += -std::log(mean) - x / mean;
    return sum + 3 * std::log(-std::expm1(-1 / mean));
  };
  double best = 1, best_value = -INFINITY;
  for (double mean = 1; mean < 2000; mean *= 1.0001)
    if (log_l(mean) > best_value) best_value = log_l(mean), best = mean;
  CHECK(fit->distribution.a == Approx(best).epsilon(2e-4));
}
