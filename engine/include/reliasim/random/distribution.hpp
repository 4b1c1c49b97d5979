#pragma once
// A probability distribution as plain data: what the scenario format produces and
// what the simulator samples. Durations are in seconds.

#include <string_view>
#include <vector>

namespace reliasim {

enum class DistributionKind {
  exponential,       // a = mean
  weibull,           // a = shape, b = scale
  lognormal,         // a = mu, b = sigma (of the natural log of the value)
  gamma,             // a = shape, b = scale
  truncated_normal,  // a = mean, b = standard deviation, truncated below at zero
  uniform,           // a = min, b = max
  triangular,        // a = min, b = mode, c = max
  fixed,             // a = value
  empirical,         // samples: draws uniformly among them
};

struct DistributionSpec {
  DistributionKind kind = DistributionKind::fixed;
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
  std::vector<double> samples;  // empirical only

  // The exact mean (for the analytic cross-checks and the CRE estimate).
  [[nodiscard]] double mean() const;

  static DistributionSpec fixed_value(double value) {
    return {DistributionKind::fixed, value, 0, 0, {}};
  }
  static DistributionSpec exponential_mean(double mean) {
    return {DistributionKind::exponential, mean, 0, 0, {}};
  }
  friend bool operator==(const DistributionSpec&, const DistributionSpec&) = default;
};

[[nodiscard]] std::string_view to_string(DistributionKind kind);

}  // namespace reliasim
