#include "reliasim/random/distribution.hpp"

#include <cmath>
#include <numeric>

namespace reliasim {

double DistributionSpec::mean() const {
  switch (kind) {
    case DistributionKind::exponential: return a;
    case DistributionKind::weibull: return b * std::tgamma(1.0 + 1.0 / a);
    case DistributionKind::lognormal: return std::exp(a + 0.5 * b * b);
    case DistributionKind::gamma: return a * b;
    case DistributionKind::truncated_normal: {
      // Mean of N(a, b^2) conditioned on being positive: a + b * phi(z) / (1 - Phi(z)), z = -a/b.
      const double z = -a / b;
      const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
      const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));
      return a + b * pdf / tail;
    }
    case DistributionKind::uniform: return 0.5 * (a + b);
    case DistributionKind::triangular: return (a + b + c) / 3.0;
    case DistributionKind::fixed: return a;
    case DistributionKind::empirical:
      return samples.empty() ? 0.0
                             : std::accumulate(samples.begin(), samples.end(), 0.0) /
                                   static_cast<double>(samples.size());
  }
  return 0.0;
}

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::exponential: return "exponential";
    case DistributionKind::weibull: return "weibull";
    case DistributionKind::lognormal: return "lognormal";
    case DistributionKind::gamma: return "gamma";
    case DistributionKind::truncated_normal: return "normal";
    case DistributionKind::uniform: return "uniform";
    case DistributionKind::triangular: return "triangular";
    case DistributionKind::fixed: return "fixed";
    case DistributionKind::empirical: return "empirical";
  }
  return "unknown";
}

}  // namespace reliasim
