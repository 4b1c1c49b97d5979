#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "reliasim/random/sample.hpp"

using reliasim::DistributionKind;
using reliasim::DistributionSpec;
using reliasim::RandomStream;

namespace {

constexpr int kDraws = 200'000;
constexpr double kAlpha = 1e-3;  // false-alarm rate of each distribution check

struct Case {
  std::string name;
  DistributionSpec spec;
  std::function<double(double)> cdf;  // empty: no KS check
};

// Standard normal upper tail, accurate far out (no 1 - Phi cancellation).
double normal_tail(double z) {
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

std::vector<Case> cases() {
  auto spec = [](DistributionKind kind, double a, double b = 0, double c = 0) {
    return DistributionSpec{kind, a, b, c, {}};
  };
  auto positive_normal_cdf = [](double mean, double sd) {
    const double tail0 = normal_tail(-mean / sd);
    return [=](double x) { return 1.0 - normal_tail((x - mean) / sd) / tail0; };
  };
  auto triangular_cdf = [](double lo, double mode, double hi) {
    return [=](double x) {
      return x <= mode ? (x - lo) * (x - lo) / ((hi - lo) * (mode - lo))
                       : 1.0 - (hi - x) * (hi - x) / ((hi - lo) * (hi - mode));
    };
  };
  using K = DistributionKind;
  return {
      {"exponential", spec(K::exponential, 1000),
       [](double x) { return 1.0 - std::exp(-x / 1000); }},
      {"weibull 1.5", spec(K::weibull, 1.5, 2000),
       [](double x) { return 1.0 - std::exp(-std::pow(x / 2000, 1.5)); }},
      {"weibull 0.7", spec(K::weibull, 0.7, 10),
       [](double x) { return 1.0 - std::exp(-std::pow(x / 10, 0.7)); }},
      {"lognormal", spec(K::lognormal, 2, 0.5),
       [](double x) { return 1.0 - normal_tail((std::log(x) - 2) / 0.5); }},
      {"gamma 2.5", spec(K::gamma, 2.5, 3),
       [](double x) { return boost::math::gamma_p(2.5, x / 3); }},
      {"gamma 0.5", spec(K::gamma, 0.5, 4),
       [](double x) { return boost::math::gamma_p(0.5, x / 4); }},
      {"normal, mean well above 0", spec(K::truncated_normal, 5, 2), positive_normal_cdf(5, 2)},
      {"normal, half", spec(K::truncated_normal, 0, 1), positive_normal_cdf(0, 1)},
      {"normal, mean below 0", spec(K::truncated_normal, -3, 1), positive_normal_cdf(-3, 1)},
      {"normal, mean far below 0", spec(K::truncated_normal, -30, 1), positive_normal_cdf(-30, 1)},
      {"uniform", spec(K::uniform, 2, 5), [](double x) { return (x - 2) / 3; }},
      {"triangular", spec(K::triangular, 1, 2, 6), triangular_cdf(1, 2, 6)},
      {"triangular, mode at max", spec(K::triangular, 0, 1, 1), triangular_cdf(0, 1, 1)},
      {"fixed", DistributionSpec::fixed_value(3.5), {}},
      {"empirical", DistributionSpec{K::empirical, 0, 0, 0, {1, 2, 2, 7, 30}}, {}},
  };
}

// Each draw from a fresh stream, as the simulator does (one stream per trial and event).
std::vector<double> draws(const Case& c) {
  const std::uint64_t source = reliasim::stable_hash(c.name);
  std::vector<double> out(kDraws);
  for (int i = 0; i < kDraws; ++i) {
    RandomStream rng(12345, static_cast<std::uint64_t>(i), source, 0);
    out[static_cast<std::size_t>(i)] = reliasim::sample(c.spec, rng);
  }
  return out;
}

// The Kolmogorov-Smirnov statistic sup |F_n - F| of the sorted sample.
double ks_statistic(std::vector<double> x, const std::function<double(double)>& cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

}  // namespace

TEST_CASE("sample means agree with the exact means", "[random]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    const std::vector<double> x = draws(c);
    double sum = 0, sum_sq = 0;
    for (const double v : x) sum += v;
    const double mean = sum / kDraws;
    for (const double v : x) sum_sq += (v - mean) * (v - mean);
    const double std_error = std::sqrt(sum_sq / (kDraws - 1) / kDraws);
    CAPTURE(mean, c.spec.mean(), std_error);
    if (c.spec.kind == DistributionKind::fixed) {
      CHECK(std::all_of(x.begin(), x.end(), [&](double v) { return v == c.spec.a; }));
    } else {
      CHECK(std::abs(mean - c.spec.mean()) < 4.5 * std_error);
    }
  }
}

TEST_CASE("samples follow the exact distribution (Kolmogorov-Smirnov)", "[random]") {
  // Dvoretzky-Kiefer-Wolfowitz with Massart's constant: P(sup |F_n - F| > e) <= 2 exp(-2 n e^2)
  // for every n, so this critical value holds at level kAlpha without tables.
  const double critical = std::sqrt(std::log(2.0 / kAlpha) / (2.0 * kDraws));
  for (const Case& c : cases()) {
    if (!c.cdf) continue;
    INFO(c.name);
    const std::vector<double> x = draws(c);
    const double d = ks_statistic(x, c.cdf);
    CAPTURE(d, critical);
    CHECK(d < critical);
    if (c.spec.kind == DistributionKind::truncated_normal) {
      CHECK(*std::min_element(x.begin(), x.end()) > 0.0);
    }
  }
}

TEST_CASE("empirical draws pick every sample with equal probability", "[random]") {
  const Case c{"empirical frequencies",
               DistributionSpec{DistributionKind::empirical, 0, 0, 0, {10, 20, 30, 40}},
               {}};
  std::vector<int> counts(4);
  for (const double v : draws(c)) counts[static_cast<std::size_t>(v / 10) - 1] += 1;
  double chi2 = 0;
  for (const int n : counts) chi2 += (n - kDraws / 4.0) * (n - kDraws / 4.0) / (kDraws / 4.0);
  const boost::math::chi_squared_distribution<double> three_dof(3);
  CHECK(chi2 < boost::math::quantile(boost::math::complement(three_dof, kAlpha)));
}

TEST_CASE("degenerate specs return their point value", "[random]") {
  RandomStream rng(1, 2, 3, 4);
  CHECK(reliasim::sample({DistributionKind::uniform, 4, 4, 0, {}}, rng) == 4);
  CHECK(reliasim::sample({DistributionKind::triangular, 4, 4, 4, {}}, rng) == 4);
  CHECK(reliasim::sample({DistributionKind::truncated_normal, 4, 0, 0, {}}, rng) == 4);
  CHECK(reliasim::sample({DistributionKind::empirical, 0, 0, 0, {}}, rng) == 0);
  CHECK(reliasim::sample({DistributionKind::empirical, 0, 0, 0, {6}}, rng) == 6);
}

TEST_CASE("sampling is reproducible from the stream key", "[random]") {
  const DistributionSpec spec{DistributionKind::gamma, 2.5, 3, 0, {}};
  RandomStream a(7, 1, 2, 3), b(7, 1, 2, 3);
  for (int i = 0; i < 100; ++i) CHECK(reliasim::sample(spec, a) == reliasim::sample(spec, b));
}
