#include "reliasim/random/density.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

namespace reliasim {
namespace {

constexpr double log_root_two_pi = 0.91893853320467274178;  // log(sqrt(2 pi))

// log P(Z > z) for a standard normal Z, accurate far into the upper tail.
double log_normal_tail(double z) {
  return std::log(0.5 * boost::math::erfc(z / std::sqrt(2.0)));
}

}  // namespace

bool has_full_support(const DistributionSpec& d) {
  switch (d.kind) {
    case DistributionKind::exponential:
    case DistributionKind::weibull:
    case DistributionKind::lognormal:
    case DistributionKind::gamma:
      return d.a > 0.0 && (d.kind == DistributionKind::exponential || d.b > 0.0);
    case DistributionKind::truncated_normal: return d.b > 0.0;
    default: return false;
  }
}

double log_density(const DistributionSpec& d, double x) {
  constexpr double minus_infinity = -std::numeric_limits<double>::infinity();
  switch (d.kind) {
    case DistributionKind::exponential: return -std::log(d.a) - x / d.a;
    case DistributionKind::weibull: {
      if (x <= 0.0)
        return d.a < 1.0    ? std::numeric_limits<double>::infinity()
               : d.a == 1.0 ? -std::log(d.b)
                            : minus_infinity;
      const double z = x / d.b;
      return std::log(d.a / d.b) + (d.a - 1.0) * std::log(z) - std::pow(z, d.a);
    }
    case DistributionKind::lognormal: {
      if (x <= 0.0) return minus_infinity;
      const double z = (std::log(x) - d.a) / d.b;
      return -std::log(x * d.b) - log_root_two_pi - 0.5 * z * z;
    }
    case DistributionKind::gamma:
      if (x <= 0.0)
        return d.a < 1.0    ? std::numeric_limits<double>::infinity()
               : d.a == 1.0 ? -std::log(d.b)
                            : minus_infinity;
      return -std::lgamma(d.a) - d.a * std::log(d.b) + (d.a - 1.0) * std::log(x) - x / d.b;
    case DistributionKind::truncated_normal: {
      const double z = (x - d.a) / d.b;
      return -std::log(d.b) - log_root_two_pi - 0.5 * z * z - log_normal_tail(-d.a / d.b);
    }
    default: return minus_infinity;
  }
}

double log_survival(const DistributionSpec& d, double x) {
  if (x <= 0.0) return 0.0;
  switch (d.kind) {
    case DistributionKind::exponential: return -x / d.a;
    case DistributionKind::weibull: return -std::pow(x / d.b, d.a);
    case DistributionKind::lognormal: return log_normal_tail((std::log(x) - d.a) / d.b);
    case DistributionKind::gamma: return std::log(boost::math::gamma_q(d.a, x / d.b));
    case DistributionKind::truncated_normal:
      return log_normal_tail((x - d.a) / d.b) - log_normal_tail(-d.a / d.b);
    default: return 0.0;
  }
}

}  // namespace reliasim
