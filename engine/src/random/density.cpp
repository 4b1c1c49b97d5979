#include "reliasim/random/density.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

namespace reliasim {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
const double root_two = std::sqrt(2.0);

// -log P(Z > z) for a standard normal Z: from the lower tail where that is small (log1p keeps
// a tiny hazard), from the upper tail's erfc far into it.
double normal_hazard(double z) {
  if (z < 0.0) return -std::log1p(-0.5 * boost::math::erfc(-z / root_two));
  return -std::log(0.5 * boost::math::erfc(z / root_two));
}

// The z with normal_hazard(z) = h.
double inverse_normal_hazard(double h) {
  if (h < std::log(2.0)) return -root_two * boost::math::erfc_inv(-2.0 * std::expm1(-h));
  const double survival = std::exp(-h);
  return survival > 0.0 ? root_two * boost::math::erfc_inv(2.0 * survival) : infinity;
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

double cumulative_hazard(const DistributionSpec& d, double x) {
  if (x <= 0.0) return 0.0;
  switch (d.kind) {
    case DistributionKind::exponential: return x / d.a;
    case DistributionKind::weibull: return std::pow(x / d.b, d.a);
    case DistributionKind::lognormal: return normal_hazard((std::log(x) - d.a) / d.b);
    case DistributionKind::gamma: {
      const double p = boost::math::gamma_p(d.a, x / d.b);
      return p < 0.5 ? -std::log1p(-p) : -std::log(boost::math::gamma_q(d.a, x / d.b));
    }
    case DistributionKind::truncated_normal:
      return normal_hazard((x - d.a) / d.b) - normal_hazard(-d.a / d.b);
    default: return 0.0;
  }
}

double inverse_cumulative_hazard(const DistributionSpec& d, double h) {
  if (!(h > 0.0)) return 0.0;
  if (h == infinity) return infinity;
  switch (d.kind) {
    case DistributionKind::exponential: return h * d.a;
    case DistributionKind::weibull: return d.b * std::pow(h, 1.0 / d.a);
    case DistributionKind::lognormal: return std::exp(d.a + d.b * inverse_normal_hazard(h));
    case DistributionKind::gamma: {
      if (h < std::log(2.0)) return d.b * boost::math::gamma_p_inv(d.a, -std::expm1(-h));
      const double survival = std::exp(-h);
      return survival > 0.0 ? d.b * boost::math::gamma_q_inv(d.a, survival) : infinity;
    }
    case DistributionKind::truncated_normal:
      return std::max(0.0, d.a + d.b * inverse_normal_hazard(h + normal_hazard(-d.a / d.b)));
    default: return infinity;
  }
}

}  // namespace reliasim
