#include "reliasim/random/sample.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <vector>

namespace reliasim {
namespace {

// Both rejection loops accept with probability at least 1/2, so the cap is unreachable with a
// working generator (odds below 2^-200); it only guarantees that the hot path terminates.
constexpr int kMaxRejections = 200;

// Standard normal conditioned on z > lower, for lower >= 0 (Robert 1995):
// propose lower + Exp(rate) with the optimal rate, accept with exp(-(z - rate)^2 / 2).
double standard_normal_tail(double lower, RandomStream& rng) {
  const double rate = 0.5 * (lower + std::sqrt(lower * lower + 4.0));
  boost::random::exponential_distribution<double> proposal(rate);
  for (int attempt = 0; attempt < kMaxRejections; ++attempt) {
    const double z = lower + proposal(rng);
    const double excess = z - rate;
    if (uniform01(rng) <= std::exp(-0.5 * excess * excess)) return z;
  }
  return lower + 1.0 / rate;  // the proposal's mean
}

double sample_empirical(const std::vector<double>& samples, RandomStream& rng) {
  if (samples.empty()) return 0.0;  // matches DistributionSpec::mean()
  boost::random::uniform_int_distribution<std::size_t> pick(0, samples.size() - 1);
  return samples[pick(rng)];
}

double sample_triangular(double low, double mode, double high, RandomStream& rng) {
  if (!(high > low)) return low;
  return boost::random::triangle_distribution<double>(low, mode, high)(rng);
}

double sample_uniform(double low, double high, RandomStream& rng) {
  // Boost's uniform_real loops forever on an empty range, so a point range is answered here.
  if (!(high > low)) return low;
  return boost::random::uniform_real_distribution<double>(low, high)(rng);
}

}  // namespace

double sample_positive_normal(double mean, double sd, RandomStream& rng) noexcept {
  if (!(sd > 0.0)) return std::max(mean, 0.0);
  const double lower = -mean / sd;  // the truncation point in standard units
  if (lower >= 0.0) return mean + sd * standard_normal_tail(lower, rng);
  // Mean above zero: plain rejection accepts more than half the draws.
  boost::random::normal_distribution<double> normal(mean, sd);
  for (int attempt = 0; attempt < kMaxRejections; ++attempt) {
    const double x = normal(rng);
    if (x > 0.0) return x;
  }
  return mean;
}

double sample(const DistributionSpec& spec, RandomStream& rng) noexcept {
  const double a = spec.a, b = spec.b, c = spec.c;
  switch (spec.kind) {
    case DistributionKind::exponential:
      return boost::random::exponential_distribution<double>(1.0 / a)(rng);
    case DistributionKind::weibull: return boost::random::weibull_distribution<double>(a, b)(rng);
    case DistributionKind::lognormal:
      // Boost 1.74 takes (m, s) of the underlying normal, which is what a and b hold.
      return boost::random::lognormal_distribution<double>(a, b)(rng);
    case DistributionKind::gamma:
      return boost::random::gamma_distribution<double>(a, b)(rng);  // (shape, scale)
    case DistributionKind::truncated_normal: return sample_positive_normal(a, b, rng);
    case DistributionKind::uniform: return sample_uniform(a, b, rng);
    case DistributionKind::triangular: return sample_triangular(a, b, c, rng);
    case DistributionKind::fixed: return a;
    case DistributionKind::empirical: return sample_empirical(spec.samples, rng);
  }
  return a;
}

}  // namespace reliasim
