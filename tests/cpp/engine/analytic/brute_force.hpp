#pragma once
// Reference answers for the analytic tests by enumerating all 2^n component states: slow,
// but it assumes nothing beyond independence, so it checks the solvers independently.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace reliasim::analytic::testing {

struct Enumerated {
  double availability = 0.0;
  double failure_frequency = 0.0;  // rate of up -> down jumps, one component failing at a time
  std::vector<double> birnbaum;    // P(up | i up) - P(up | i down)
};

inline std::vector<bool> state_of(std::uint32_t mask, std::size_t n) {
  std::vector<bool> up(n);
  for (std::size_t i = 0; i < n; ++i) up[i] = ((mask >> i) & 1U) != 0;
  return up;
}

// `a[i]`: availability of component i; `failure_rate[i]`: its rate when up (may be empty);
// `system_up(state)`: the structure function.
template <class SystemUp>
Enumerated enumerate(const std::vector<double>& a, const std::vector<double>& failure_rate,
                     SystemUp system_up) {
  const std::size_t n = a.size();
  Enumerated result{0.0, 0.0, std::vector<double>(n, 0.0)};
  for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
    std::vector<bool> state = state_of(mask, n);
    double p = 1.0;
    for (std::size_t i = 0; i < n; ++i) p *= state[i] ? a[i] : 1.0 - a[i];
    const bool up = system_up(state);
    if (up) result.availability += p;
    for (std::size_t i = 0; i < n; ++i) {
      if (!state[i]) continue;
      state[i] = false;
      const bool up_without_i = system_up(state);
      state[i] = true;
      // P(the other components in this state) times the jump in the structure function.
      const double others = p / a[i];
      result.birnbaum[i] += others * ((up ? 1.0 : 0.0) - (up_without_i ? 1.0 : 0.0));
      if (up && !up_without_i && !failure_rate.empty())
        result.failure_frequency += p * failure_rate[i];
    }
  }
  return result;
}

// Portable uniform draws in (0, 1) for test inputs (std:: distributions differ by library).
inline double uniform(std::mt19937& rng) {
  return (static_cast<double>(rng()) + 0.5) / 4294967296.0;
}

}  // namespace reliasim::analytic::testing
