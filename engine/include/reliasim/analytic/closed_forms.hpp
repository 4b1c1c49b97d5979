#pragma once
// Closed-form steady-state answers for independent repairable components: the exact
// values the Monte Carlo engine is validated against (docs/simulation.md, Exact answers).
//
// Availabilities hold for any time-to-failure and time-to-repair distributions (each
// component is an alternating renewal process); only independence is assumed. Times
// are in any one unit (the engine uses seconds); frequencies are per that unit.

#include <vector>

namespace reliasim::analytic {

// A Julian year (365.25 days) in seconds, the engine's time unit.
inline constexpr double kSecondsPerYear = 365.25 * 24.0 * 3600.0;

struct Component {
  double mttf = 1.0;  // mean time to failure, > 0
  double mttr = 0.0;  // mean time to repair, >= 0
};

struct SteadyState {
  double availability = 1.0;       // long-run fraction of time up
  double failure_frequency = 0.0;  // system failures (up -> down) per unit time

  [[nodiscard]] double unavailability() const { return 1.0 - availability; }
  // Mean length of one outage, (1 - A) / frequency (0 if never down, inf if never up).
  [[nodiscard]] double mean_down_time() const;
  // Expected downtime and failures over `period`, in the unit of the inputs
  // (for per-year figures with inputs in seconds: period = kSecondsPerYear).
  [[nodiscard]] double downtime_over(double period) const { return unavailability() * period; }
  [[nodiscard]] double failures_over(double period) const { return failure_frequency * period; }
};

// One component: A = MTTF / (MTTF + MTTR); failures per unit time = 1 / (MTTF + MTTR).
[[nodiscard]] double availability(double mttf, double mttr);
[[nodiscard]] double failure_frequency(double mttf, double mttr);

// Systems of independent components, given each component's availability.
[[nodiscard]] double series_availability(const std::vector<double>& availabilities);
[[nodiscard]] double parallel_availability(const std::vector<double>& availabilities);
// At least k of n identical units up: sum_{j>=k} C(n,j) A^j (1-A)^(n-j), through the
// regularized incomplete beta function, accurate for n in the thousands.
[[nodiscard]] double k_of_n_availability(int k, int n, double availability);
// At least k of n non-identical units up: the Poisson-binomial tail, by dynamic programming.
[[nodiscard]] double k_of_n_availability(int k, const std::vector<double>& availabilities);
// Birnbaum importance of each unit of a k-of-n system: P(exactly k-1 of the others up).
[[nodiscard]] std::vector<double> k_of_n_birnbaum(int k, const std::vector<double>& availabilities);

// Failure frequency of a coherent system of independent components in steady state:
// sum_i birnbaum_i / (MTTF_i + MTTR_i), i.e. each component's failures that are critical.
[[nodiscard]] double system_failure_frequency(const std::vector<Component>& components,
                                              const std::vector<double>& birnbaum);

// The same systems with failure frequencies.
[[nodiscard]] SteadyState steady_state(const Component& component);
[[nodiscard]] SteadyState series(const std::vector<Component>& components);
[[nodiscard]] SteadyState parallel(const std::vector<Component>& components);
[[nodiscard]] SteadyState k_of_n(int k, int n, const Component& component);
[[nodiscard]] SteadyState k_of_n(int k, const std::vector<Component>& components);

}  // namespace reliasim::analytic
