#include "reliasim/fit/maximum_likelihood.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "reliasim/random/density.hpp"
#include "reliasim/stats/critical_values.hpp"

namespace reliasim::fit {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double log_root_two_pi = 0.91893853320467274178;
constexpr int max_iterations = 200;
// A Newton step below this (on the log scale: a relative change) ends the search.
constexpr double converged_step = 1e-8;
// Central-difference steps on the unconstrained (log) scale: small enough for 1e-9 relative
// accuracy of the estimate, large enough to stay above rounding.
constexpr double gradient_step = 1e-5;
constexpr double hessian_step = 2e-4;

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

DistributionKind kind_of(Family family) {
  switch (family) {
    case Family::exponential: return DistributionKind::exponential;
    case Family::lognormal: return DistributionKind::lognormal;
    case Family::weibull: return DistributionKind::weibull;
    case Family::gamma: return DistributionKind::gamma;
  }
  return DistributionKind::exponential;
}

// The distribution at unconstrained parameters: logs of the positive ones, the lognormal's mu
// as it is.
DistributionSpec distribution_at(Family family, const Vector& eta) {
  DistributionSpec spec;
  spec.kind = kind_of(family);
  if (family == Family::exponential) {
    spec.a = std::exp(eta[0]);
  } else if (family == Family::lognormal) {
    spec.a = eta[0];
    spec.b = std::exp(eta[1]);
  } else {
    spec.a = std::exp(eta[0]);
    spec.b = std::exp(eta[1]);
  }
  return spec;
}

double log_density(const DistributionSpec& d, double x) {
  switch (d.kind) {
    case DistributionKind::exponential: return -std::log(d.a) - x / d.a;
    case DistributionKind::weibull: {
      const double z = x / d.b;
      return std::log(d.a / d.b) + (d.a - 1.0) * std::log(z) - std::pow(z, d.a);
    }
    case DistributionKind::lognormal: {
      const double z = (std::log(x) - d.a) / d.b;
      return -std::log(x * d.b) - log_root_two_pi - 0.5 * z * z;
    }
    case DistributionKind::gamma:
      return -boost::math::lgamma(d.a) - d.a * std::log(d.b) + (d.a - 1.0) * std::log(x) - x / d.b;
    default: return not_a_number;
  }
}

double log_cdf(const DistributionSpec& d, double x) {
  return std::log(-std::expm1(-cumulative_hazard(d, x)));
}

// Far from the estimate Boost.Math may find a value out of its range and throw: such
// parameters are as impossible as a zero likelihood.
double objective(Family family, const DurationSample& sample, const Vector& eta) {
  if (!eta.allFinite() || eta.cwiseAbs().maxCoeff() > 700.0) return -infinity;
  try {
    const double value = log_likelihood(distribution_at(family, eta), sample);
    return std::isnan(value) ? -infinity : value;
  } catch (const std::exception&) {
    return -infinity;
  }
}

Vector gradient(Family family, const DurationSample& sample, const Vector& eta) {
  Vector g(eta.size());
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    Vector up = eta, down = eta;
    up[i] += gradient_step;
    down[i] -= gradient_step;
    g[i] = (objective(family, sample, up) - objective(family, sample, down)) / (2 * gradient_step);
  }
  return g;
}

Matrix hessian(Family family, const DurationSample& sample, const Vector& eta) {
  const auto k = eta.size();
  const double h = hessian_step;
  const double center = objective(family, sample, eta);
  Matrix hess(k, k);
  for (Eigen::Index i = 0; i < k; ++i) {
    Vector up = eta, down = eta;
    up[i] += h;
    down[i] -= h;
    hess(i, i) =
        (objective(family, sample, up) - 2 * center + objective(family, sample, down)) / (h * h);
    for (Eigen::Index j = 0; j < i; ++j) {
      auto at = [&](double si, double sj) {
        Vector point = eta;
        point[i] += si * h;
        point[j] += sj * h;
        return objective(family, sample, point);
      };
      hess(i, j) = hess(j, i) = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h);
    }
  }
  return hess;
}

// Newton's method with a backtracking line search; where the Hessian is not negative definite
// (far from the estimate), the step is damped towards the gradient (Levenberg).
struct Maximum {
  Vector eta;
  bool converged = false;
};

Maximum maximize(Family family, const DurationSample& sample, Vector eta) {
  double value = objective(family, sample, eta);
  if (!std::isfinite(value)) return {eta, false};
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    const Vector g = gradient(family, sample, eta);
    const Matrix information = -hessian(family, sample, eta);
    if (!g.allFinite() || !information.allFinite()) return {eta, false};
    const double scale = 1.0 + information.diagonal().cwiseAbs().maxCoeff();
    bool moved = false;
    for (double damping = 0.0; damping <= 1e8 * scale && !moved;
         damping = damping == 0.0 ? 1e-6 * scale : damping * 10.0) {
      const Matrix damped = information + damping * Matrix::Identity(eta.size(), eta.size());
      const Eigen::LLT<Matrix> factor(damped);
      if (factor.info() != Eigen::Success) continue;
      Vector step = factor.solve(g);
      if (step.cwiseAbs().maxCoeff() > 2.0) step *= 2.0 / step.cwiseAbs().maxCoeff();
      for (double t = 1.0; t > 1e-6; t *= 0.5) {
        const Vector next = eta + t * step;
        const double next_value = objective(family, sample, next);
        // Rounding can leave the last steps level: accept those, never a fall.
        if (next_value >= value - 1e-12 * std::abs(value)) {
          const double moved_by = (t * step).cwiseAbs().maxCoeff();
          eta = next;
          value = std::max(value, next_value);
          moved = true;
          // Steps this small are the gradient's rounding noise: the estimate is found.
          if (moved_by < converged_step && damping == 0.0) return {eta, true};
          break;
        }
      }
    }
    if (!moved) return {eta, g.cwiseAbs().maxCoeff() < 1e-6 * (1.0 + std::abs(value))};
  }
  return {eta, false};
}

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

Moments moments_of(const std::vector<double>& values) {
  Moments m;
  if (values.empty()) return m;
  m.mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
  for (const double v : values) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= std::max<std::size_t>(values.size() - 1, 1);
  return m;
}

// Starting values from the ended durations (all of them when fewer than two ended), by the
// moments of the values or of their logarithms.
Vector start_of(Family family, const DurationSample& sample) {
  std::vector<double> values = sample.observed;
  for (const double bound : sample.left_censored) values.push_back(0.5 * bound);
  if (values.size() < 2)
    values.insert(values.end(), sample.right_censored.begin(), sample.right_censored.end());
  std::vector<double> logs(values.size());
  std::transform(values.begin(), values.end(), logs.begin(), [](double v) { return std::log(v); });
  const Moments plain = moments_of(values);
  const Moments logged = moments_of(logs);
  const double log_sd = std::max(std::sqrt(logged.variance), 0.05);
  Vector eta(parameter_count(family));
  switch (family) {
    case Family::exponential: {
      double total = 0.0;
      for (const auto* part : {&sample.observed, &sample.right_censored, &sample.left_censored})
        total += std::accumulate(part->begin(), part->end(), 0.0);
      eta[0] = std::log(total / std::max<double>(static_cast<double>(sample.ended()), 1.0));
      break;
    }
    case Family::lognormal: eta << logged.mean, std::log(log_sd); break;
    case Family::weibull: {
      const double shape = 1.2825 / log_sd;  // sd of log X = pi / (shape sqrt 6)
      eta << std::log(shape), logged.mean + 0.5772 / shape;
      break;
    }
    case Family::gamma: {
      const double variance = std::max(plain.variance, 1e-6 * plain.mean * plain.mean);
      eta << std::log(plain.mean * plain.mean / variance), std::log(variance / plain.mean);
      break;
    }
  }
  return eta;
}

std::string identifiable(Family family, const DurationSample& sample) {
  if (sample.ended() == 0)
    return sample.size() == 0 ? "no durations"
                              : "none of the " + std::to_string(sample.size()) +
                                    " durations has ended (all are still open)";
  if (parameter_count(family) == 1) return {};
  std::vector<double> ended = sample.observed;
  if (!sample.left_censored.empty()) ended.push_back(sample.left_censored.front());
  std::sort(ended.begin(), ended.end());
  if (std::unique(ended.begin(), ended.end()) - ended.begin() < 2)
    return "fewer than two different durations ended: a spread cannot be estimated";
  return {};
}

Interval log_wald(double log_value, double variance, double z, double confidence) {
  const double se = std::sqrt(variance);
  if (!(se >= 0.0)) return {std::exp(log_value), not_a_number, not_a_number, confidence};
  return {std::exp(log_value), std::exp(log_value - z * se), std::exp(log_value + z * se),
          confidence};
}

// An interval for a positive function of the parameters by the delta method on its logarithm.
template <class Function>
Interval delta_interval(const Vector& eta, const Matrix& covariance, Function f, double z,
                        double confidence) {
  const double value = f(eta);
  Vector g(eta.size());
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    Vector up = eta, down = eta;
    up[i] += gradient_step;
    down[i] -= gradient_step;
    g[i] = (std::log(f(up)) - std::log(f(down))) / (2 * gradient_step);
  }
  return log_wald(std::log(value), g.dot(covariance * g), z, confidence);
}

std::vector<Parameter> parameters_of(Family family, const Vector& eta, const Matrix& cov, double z,
                                     double confidence) {
  auto positive = [&](const char* name, Eigen::Index i, bool duration) {
    return Parameter{name, log_wald(eta[i], cov(i, i), z, confidence), duration};
  };
  switch (family) {
    case Family::exponential: return {positive("mean", 0, true)};
    case Family::lognormal: return {positive("median", 0, true), positive("sigma", 1, false)};
    case Family::weibull: return {positive("shape", 0, false), positive("scale", 1, true)};
    case Family::gamma: {
      const double mean_variance = cov(0, 0) + cov(1, 1) + 2 * cov(0, 1);
      return {positive("shape", 0, false),
              positive("scale", 1, true),
              {"mean", log_wald(eta[0] + eta[1], mean_variance, z, confidence), true}};
    }
  }
  return {};
}

FitOutcome fit_from(Family family, const DurationSample& sample, Vector start, double confidence) {
  check_confidence(confidence);
  if (auto problem = identifiable(family, sample); !problem.empty()) return {std::nullopt, problem};
  const Maximum found = maximize(family, sample, std::move(start));
  if (!found.converged)
    return {std::nullopt,
            "the likelihood's maximum was not found (the data may suit another "
            "family better)"};
  const auto k = found.eta.size();
  Matrix covariance = Matrix::Constant(k, k, not_a_number);
  const Matrix information = -hessian(family, sample, found.eta);
  const Eigen::LLT<Matrix> factor(information);
  if (factor.info() == Eigen::Success) covariance = factor.solve(Matrix::Identity(k, k));

  DistributionFit fit;
  fit.family = family;
  fit.distribution = distribution_at(family, found.eta);
  fit.log_likelihood = objective(family, sample, found.eta);
  fit.aic = 2.0 * static_cast<double>(k) - 2.0 * fit.log_likelihood;
  const double z = normal_critical_value(confidence);
  fit.parameters = parameters_of(family, found.eta, covariance, z, confidence);
  for (const auto& [name, p] : {std::pair{"median", 0.5}, std::pair{"p95", 0.95}}) {
    const double level = p;
    auto at = [&](const Vector& eta) {
      try {
        return quantile(distribution_at(family, eta), level);
      } catch (const std::exception&) {
        return not_a_number;
      }
    };
    fit.summaries.push_back({name, delta_interval(found.eta, covariance, at, z, confidence), true});
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    fit.unconstrained[static_cast<std::size_t>(i)] = found.eta[i];
    for (Eigen::Index j = 0; j < k; ++j)
      fit.covariance[static_cast<std::size_t>(i * k + j)] = covariance(i, j);
  }
  return {std::move(fit), {}};
}

}  // namespace

std::string_view to_string(Family family) {
  switch (family) {
    case Family::exponential: return "exponential";
    case Family::lognormal: return "lognormal";
    case Family::weibull: return "weibull";
    case Family::gamma: return "gamma";
  }
  return "?";
}

std::optional<Family> family_named(std::string_view name) {
  for (const Family family : all_families)
    if (to_string(family) == name) return family;
  return std::nullopt;
}

int parameter_count(Family family) {
  return family == Family::exponential ? 1 : 2;
}

double log_likelihood(const DistributionSpec& distribution, const DurationSample& sample) {
  double sum = 0.0;
  for (const double x : sample.observed) sum += log_density(distribution, x);
  for (const double x : sample.right_censored) sum -= cumulative_hazard(distribution, x);
  for (const double x : sample.left_censored) sum += log_cdf(distribution, x);
  return sum;
}

double cdf(const DistributionSpec& distribution, double x) {
  return -std::expm1(-cumulative_hazard(distribution, x));
}

double quantile(const DistributionSpec& distribution, double p) {
  return inverse_cumulative_hazard(distribution, -std::log1p(-p));
}

FitOutcome fit_distribution(Family family, const DurationSample& sample, double confidence) {
  if (sample.size() == 0) return {std::nullopt, "no durations"};
  return fit_from(family, sample, start_of(family, sample), confidence);
}

FitOutcome refit_distribution(Family family, const DurationSample& sample,
                              const std::array<double, 2>& start, double confidence) {
  Vector eta(parameter_count(family));
  for (Eigen::Index i = 0; i < eta.size(); ++i) eta[i] = start[static_cast<std::size_t>(i)];
  return fit_from(family, sample, eta, confidence);
}

}  // namespace reliasim::fit
