#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "reliasim/random/stream.hpp"
#include "reliasim/stats/critical_values.hpp"
#include "reliasim/stats/mean.hpp"

using reliasim::Interval;
using reliasim::mean_interval;
using reliasim::MeanAccumulator;
using reliasim::MeanSummary;
using reliasim::summarize_mean;

TEST_CASE("mean summary matches a hand computation", "[stats]") {
  // Mean 5, sum of squared deviations 32, so s^2 = 32 / 7 and the standard error sqrt(4 / 7).
  const std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  const MeanSummary s = summarize_mean(x);
  CHECK(s.count == 8);
  CHECK(s.effective_sample_size == Approx(8.0));
  CHECK(s.interval.estimate == Approx(5.0));
  CHECK(s.std_dev == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(s.std_error == Approx(std::sqrt(4.0 / 7.0)));
  CHECK(s.relative_error() == Approx(std::sqrt(4.0 / 7.0) / 5.0));
  const double half = 2.364624 * std::sqrt(4.0 / 7.0);  // t_{0.975, 7} from tables
  CHECK(s.interval.lower == Approx(5.0 - half).epsilon(1e-6));
  CHECK(s.interval.upper == Approx(5.0 + half).epsilon(1e-6));
  CHECK(s.interval.confidence == 0.95);
}

TEST_CASE("weighted mean uses the self-normalised estimate and its delta-method error", "[stats]") {
  const std::vector<double> x = {1.0, 3.0, 4.0, 10.0, 2.5};
  const std::vector<double> w = {0.5, 2.0, 1.0, 0.25, 3.0};
  // Brute force, two-pass.
  double sw = 0, sw2 = 0, swx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sw += w[i], sw2 += w[i] * w[i], swx += w[i] * x[i];
  const double mean = swx / sw, n_eff = sw * sw / sw2;
  double spread = 0, m2 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    spread += w[i] * w[i] * (x[i] - mean) * (x[i] - mean);
    m2 += w[i] * (x[i] - mean) * (x[i] - mean);
  }
  const double correction = n_eff / (n_eff - 1);
  const MeanSummary s = summarize_mean(x, w, 0.9);
  CHECK(s.interval.estimate == Approx(mean).epsilon(1e-14));
  CHECK(s.effective_sample_size == Approx(n_eff).epsilon(1e-14));
  CHECK(reliasim::effective_sample_size(w) == Approx(n_eff).epsilon(1e-14));
  CHECK(s.std_error == Approx(std::sqrt(spread / (sw * sw) * correction)).epsilon(1e-12));
  CHECK(s.std_dev == Approx(std::sqrt(m2 / sw * correction)).epsilon(1e-12));
  const double half = reliasim::student_t_critical_value(0.9, n_eff - 1) * s.std_error;
  CHECK(s.interval.upper - s.interval.lower == Approx(2 * half).epsilon(1e-12));
}

TEST_CASE("unit weights give exactly the unweighted summary", "[stats]") {
  const std::vector<double> x = {0.3, 1.7, 2.2, 9.1, 4.4, 4.4, 0.0};
  const std::vector<double> ones(x.size(), 1.0);
  const MeanSummary a = summarize_mean(x), b = summarize_mean(x, ones);
  CHECK(a.interval.lower == b.interval.lower);
  CHECK(a.interval.upper == b.interval.upper);
  CHECK(a.std_error == b.std_error);
}

TEST_CASE("merging chunk accumulators equals one pass, bit for bit, in any order", "[stats]") {
  std::vector<double> x;
  for (int i = 0; i < 1000; ++i) x.push_back(1e6 + std::sin(i) * 3.0 + (i % 7));
  for (const bool weighted : {false, true}) {
    const auto weight = [&](std::size_t i) { return weighted ? 1.0 + (i % 3) * 0.37 : 1.0; };
    MeanAccumulator whole, chunks[3];
    for (std::size_t i = 0; i < x.size(); ++i) {
      whole.add(x[i], weight(i));
      chunks[i * 3 / x.size()].add(x[i], weight(i));
    }
    MeanAccumulator merged, backwards;
    for (const auto& chunk : chunks) merged.merge(chunk);
    for (int k = 2; k >= 0; --k) backwards.merge(chunks[k]);
    const MeanSummary a = whole.summary();
    for (const MeanSummary& b : {merged.summary(), backwards.summary()}) {
      CHECK(b.count == a.count);
      CHECK(b.interval.estimate == a.interval.estimate);
      CHECK(b.interval.lower == a.interval.lower);
      CHECK(b.std_error == a.std_error);
      CHECK(b.effective_sample_size == a.effective_sample_size);
    }
  }
}

TEST_CASE("a spread far below the mean keeps its precision", "[stats]") {
  // 1e9 + {1, 2, 3} repeated: mean 1e9 + 2, variance exactly 1 (n / (n - 1) corrected); sums
  // of squares in plain doubles would lose it entirely (1e18 against 1).
  MeanAccumulator a;
  const int n = 30000;
  for (int i = 0; i < n; ++i) a.add(1e9 + 1.0 + (i % 3));
  const MeanSummary s = a.summary();
  CHECK(s.interval.estimate == 1e9 + 2.0);
  const double variance = 2.0 / 3.0 * n / (n - 1.0);
  CHECK(s.std_dev == Approx(std::sqrt(variance)).epsilon(1e-12));
}

TEST_CASE("the t-interval covers the true mean at its nominal rate", "[stats]") {
  // The t-interval is exact for normal data: out of 4000 samples of 10, 95 % should cover.
  constexpr int kReplicates = 4000;
  int covered = 0;
  for (int r = 0; r < kReplicates; ++r) {
    reliasim::RandomStream rng(99, static_cast<std::uint64_t>(r), 0, 0);
    boost::random::normal_distribution<double> normal(3.0, 2.0);
    std::vector<double> x(10);
    for (double& v : x) v = normal(rng);
    covered += summarize_mean(x).interval.contains(3.0);
  }
  // Binomial(4000, 0.95) has standard deviation 13.8; allow 4.5 of them.
  CHECK(std::abs(covered - 0.95 * kReplicates) < 4.5 * std::sqrt(kReplicates * 0.95 * 0.05));
}

TEST_CASE("mean summary edge cases and errors", "[stats]") {
  CHECK(std::isnan(summarize_mean(std::vector<double>{}).interval.estimate));
  const MeanSummary one = summarize_mean(std::vector<double>{4.0});
  CHECK(one.interval.estimate == 4.0);
  CHECK(std::isnan(one.interval.lower));
  CHECK(std::isnan(one.std_error));
  const MeanSummary flat = summarize_mean(std::vector<double>{2.0, 2.0, 2.0});
  CHECK(flat.std_error == 0.0);
  CHECK(flat.interval.lower == 2.0);
  CHECK(flat.interval.upper == 2.0);
  // A zero weight counts the trial but carries no mass.
  const MeanSummary zero =
      summarize_mean(std::vector<double>{1, 5, 3}, std::vector<double>{1, 0, 1});
  CHECK(zero.count == 3);
  CHECK(zero.interval.estimate == 2.0);
  CHECK(zero.effective_sample_size == 2.0);

  const std::vector<double> x = {1, 2, 3};
  CHECK_THROWS_AS(summarize_mean(x, std::vector<double>{1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(summarize_mean(x, std::vector<double>{1, -1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(summarize_mean(x, 1.5), std::invalid_argument);
}

TEST_CASE("mean_interval keeps the bounds where the values lie") {
  MeanAccumulator credits;  // mostly nothing, once a large credit
  for (int i = 0; i < 99; ++i) credits.add(0.0);
  credits.add(1000.0);
  const Interval raw = credits.summary(0.95).interval;
  REQUIRE(raw.lower < 0.0);  // what a t-interval says over many zeros
  const Interval kept = mean_interval(credits, 0.95, 12.0, 0.0);
  CHECK(kept.lower == 0.0);
  CHECK(kept.estimate == Approx(12.0 * 10.0));
  CHECK(kept.upper == Approx(12.0 * raw.upper));
  MeanAccumulator one;
  one.add(0.5);
  CHECK(std::isnan(mean_interval(one, 0.95, 1.0, 0.0, 1.0).lower));  // undefined stays so
}
