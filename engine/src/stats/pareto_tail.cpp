#include "reliasim/stats/pareto_tail.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t fewest = 20;

// Zhang and Stephens' posterior-mean estimate of the generalized Pareto shape of `tail`
// (excesses over the threshold, ascending), with the prior of Vehtari et al.
double fit_shape(const std::vector<double>& tail) {
  const auto n = static_cast<double>(tail.size());
  const auto m = static_cast<std::size_t>(30 + std::floor(std::sqrt(n)));
  const double quartile = tail[static_cast<std::size_t>(n / 4 + 0.5) - 1];
  std::vector<double> b(m), log_likelihood(m);
  for (std::size_t i = 0; i < m; ++i) {
    b[i] =
        (1 - std::sqrt(static_cast<double>(m) / (static_cast<double>(i) + 0.5))) / (3 * quartile) +
        1 / tail.back();
    double k = 0.0;
    for (const double x : tail) k += std::log1p(-b[i] * x);
    k /= n;
    log_likelihood[i] = n * (std::log(-b[i] / k) - k - 1);
  }
  // Posterior weights of the grid of b: 1 / sum_j exp(L_j - L_i).
  double total = 0.0, b_mean = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    double sum = 0.0;
    for (std::size_t j = 0; j < m; ++j) sum += std::exp(log_likelihood[j] - log_likelihood[i]);
    const double weight = 1 / sum;
    total += weight, b_mean += weight * b[i];
  }
  b_mean /= total;
  double k = 0.0;
  for (const double x : tail) k += std::log1p(-b_mean * x);
  k /= n;
  constexpr double prior_strength = 10.0;
  return (n * k + prior_strength * 0.5) / (n + prior_strength);
}

}  // namespace

double pareto_tail_shape(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !(v > 0.0) || !std::isfinite(v); });
  if (values.size() < fewest) return nan;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  const auto size =
      static_cast<std::size_t>(std::min(std::ceil(0.2 * n), std::ceil(3 * std::sqrt(n))));
  const double threshold = values[values.size() - size - 1];
  std::vector<double> tail;
  for (std::size_t i = values.size() - size; i < values.size(); ++i)
    tail.push_back(values[i] - threshold);
  if (!(tail.back() > 0.0) || !(tail[static_cast<std::size_t>(tail.size() / 4.0 + 0.5) - 1] > 0.0))
    return nan;
  return fit_shape(tail);
}

}  // namespace reliasim
