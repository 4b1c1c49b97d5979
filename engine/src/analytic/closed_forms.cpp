#include "reliasim/analytic/closed_forms.hpp"

#include <boost/math/distributions/binomial.hpp>
#include <cstddef>
#include <limits>
#include <string>

#include "checks.hpp"

namespace reliasim::analytic {
namespace {

void require_availabilities(const std::vector<double>& availabilities) {
  if (availabilities.empty()) detail::fail("number of components", "0", ">= 1");
  for (std::size_t i = 0; i < availabilities.size(); ++i) {
    detail::require_probability(availabilities[i], "availability[" + std::to_string(i) + "]");
  }
}

void require_component(const Component& component) {
  detail::require_positive(component.mttf, "mttf");
  detail::require_non_negative(component.mttr, "mttr");
}

std::vector<double> availabilities_of(const std::vector<Component>& components) {
  std::vector<double> result;
  result.reserve(components.size());
  for (const Component& c : components) result.push_back(availability(c.mttf, c.mttr));
  return result;
}

// out[i] = product of all values but the i-th, by prefix and suffix products (no division,
// so a zero factor is handled).
std::vector<double> products_excluding_each(const std::vector<double>& values) {
  std::vector<double> out(values.size(), 1.0);
  double prefix = 1.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out[i] = prefix;
    prefix *= values[i];
  }
  double suffix = 1.0;
  for (std::size_t i = values.size(); i-- > 0;) {
    out[i] *= suffix;
    suffix *= values[i];
  }
  return out;
}

// Distribution of the number of units up among the ones added so far, truncated to the
// counts 0..size-1 (larger counts are dropped: callers only need exact small counts).
void add_unit(std::vector<double>& counts, double a) {
  for (std::size_t j = counts.size(); j-- > 1;)
    counts[j] = counts[j] * (1.0 - a) + counts[j - 1] * a;
  counts[0] *= 1.0 - a;
}

}  // namespace

double SteadyState::mean_down_time() const {
  if (failure_frequency > 0.0) return unavailability() / failure_frequency;
  return availability >= 1.0 ? 0.0 : std::numeric_limits<double>::infinity();
}

double availability(double mttf, double mttr) {
  require_component({mttf, mttr});
  return mttf / (mttf + mttr);
}

double failure_frequency(double mttf, double mttr) {
  require_component({mttf, mttr});
  return 1.0 / (mttf + mttr);
}

double series_availability(const std::vector<double>& availabilities) {
  require_availabilities(availabilities);
  double product = 1.0;
  for (double a : availabilities) product *= a;
  return product;
}

double parallel_availability(const std::vector<double>& availabilities) {
  require_availabilities(availabilities);
  double all_down = 1.0;
  for (double a : availabilities) all_down *= 1.0 - a;
  return 1.0 - all_down;
}

double k_of_n_availability(int k, int n, double availability) {
  detail::require_k_of_n(k, n);
  detail::require_probability(availability, "availability");
  // P(X >= k) = P(X > k - 1) for X ~ Binomial(n, A); Boost evaluates it as an incomplete
  // beta function, without summing n terms or cancelling against 1.
  const boost::math::binomial_distribution<double> units(n, availability);
  return boost::math::cdf(boost::math::complement(units, k - 1));
}

double k_of_n_availability(int k, const std::vector<double>& availabilities) {
  require_availabilities(availabilities);
  detail::require_k_of_n(k, static_cast<int>(availabilities.size()));
  // counts[j] = P(j units up) for j < k, and counts[k] = P(at least k up): capping the
  // count at k keeps the work at O(n k) and the tail is accumulated, never 1 - something.
  const auto cap = static_cast<std::size_t>(k);
  std::vector<double> counts(cap + 1, 0.0);
  counts[0] = 1.0;
  for (double a : availabilities) {
    counts[cap] += counts[cap - 1] * a;
    for (std::size_t j = cap - 1; j > 0; --j) counts[j] = counts[j] * (1.0 - a) + counts[j - 1] * a;
    counts[0] *= 1.0 - a;
  }
  return counts[cap];
}

std::vector<double> k_of_n_birnbaum(int k, const std::vector<double>& availabilities) {
  require_availabilities(availabilities);
  const std::size_t n = availabilities.size();
  detail::require_k_of_n(k, static_cast<int>(n));
  // Unit i is critical when exactly k-1 of the others are up. Combine the count
  // distribution of the units before i with that of the units after i.
  const auto size = static_cast<std::size_t>(k);  // counts 0..k-1
  std::vector<std::vector<double>> after(n + 1, std::vector<double>(size, 0.0));
  after[n][0] = 1.0;
  for (std::size_t i = n; i-- > 0;) {
    after[i] = after[i + 1];
    add_unit(after[i], availabilities[i]);
  }
  std::vector<double> before(size, 0.0);
  before[0] = 1.0;
  std::vector<double> birnbaum(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < size; ++j) birnbaum[i] += before[j] * after[i + 1][size - 1 - j];
    add_unit(before, availabilities[i]);
  }
  return birnbaum;
}

double system_failure_frequency(const std::vector<Component>& components,
                                const std::vector<double>& birnbaum) {
  if (components.size() != birnbaum.size()) {
    detail::fail("number of Birnbaum importances", std::to_string(birnbaum.size()),
                 "the number of components, " + std::to_string(components.size()));
  }
  double frequency = 0.0;
  for (std::size_t i = 0; i < components.size(); ++i) {
    frequency += birnbaum[i] * failure_frequency(components[i].mttf, components[i].mttr);
  }
  return frequency;
}

SteadyState steady_state(const Component& component) {
  return {availability(component.mttf, component.mttr),
          failure_frequency(component.mttf, component.mttr)};
}

SteadyState series(const std::vector<Component>& components) {
  const std::vector<double> a = availabilities_of(components);
  return {series_availability(a), system_failure_frequency(components, products_excluding_each(a))};
}

SteadyState parallel(const std::vector<Component>& components) {
  const std::vector<double> a = availabilities_of(components);
  std::vector<double> down(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) down[i] = 1.0 - a[i];
  return {parallel_availability(a),
          system_failure_frequency(components, products_excluding_each(down))};
}

SteadyState k_of_n(int k, int n, const Component& component) {
  const SteadyState unit = steady_state(component);
  const double a = k_of_n_availability(k, n, unit.availability);
  // Each of the n units is critical when exactly k-1 of the other n-1 are up.
  const boost::math::binomial_distribution<double> others(n - 1, unit.availability);
  const double critical = boost::math::pdf(others, k - 1);
  return {a, n * unit.failure_frequency * critical};
}

SteadyState k_of_n(int k, const std::vector<Component>& components) {
  const std::vector<double> a = availabilities_of(components);
  return {k_of_n_availability(k, a), system_failure_frequency(components, k_of_n_birnbaum(k, a))};
}

}  // namespace reliasim::analytic
