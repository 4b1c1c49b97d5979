#pragma once
// Steady state of a continuous-time Markov chain: the exact answer for exponential models
// with dependencies that closed forms cannot express (shared repair crews, standby,
// imperfect switching, common-cause shocks). Builders for those models: markov_models.hpp.

#include <string>
#include <vector>

#include "reliasim/analytic/closed_forms.hpp"

namespace reliasim::analytic {

// One off-diagonal entry of the generator Q: the chain jumps from -> to at `rate` (per unit
// time). Several transitions between the same two states add up; zero rates are ignored.
struct Transition {
  int from = 0;
  int to = 0;
  double rate = 0.0;
};

struct MarkovChain {
  std::vector<bool> up;  // up[i]: the system is up in state i (one per state)
  std::vector<Transition> transitions;
  std::vector<std::string> labels;  // empty, or a name per state (for reports and errors)

  [[nodiscard]] int size() const { return static_cast<int>(up.size()); }
};

struct MarkovSolution {
  std::vector<double> stationary;  // pi: pi Q = 0, sum pi = 1
  double availability = 0.0;       // sum of pi over up states
  double unavailability = 0.0;     // sum of pi over down states (keeps precision when tiny)
  double failure_frequency = 0.0;  // sum over up -> down transitions of pi_from * rate

  [[nodiscard]] SteadyState steady_state() const { return {availability, failure_frequency}; }
};

// The stationary distribution of the chain with `states` states. Up to 500 states by
// Grassmann-Taksar-Heyman state reduction: every pi_i to full relative precision, however
// small. Beyond, by sparse LU of pi Q = 0 with sum pi = 1: error relative to the largest
// pi_i, so probabilities below ~1e-15 of it are not resolved. Throws
// std::invalid_argument unless the chain has exactly one closed class of states (then pi
// is unique; states outside it get 0), or for a state index out of range, a negative or
// non-finite rate, or a transition from a state to itself.
[[nodiscard]] std::vector<double> stationary_distribution(
    int states, const std::vector<Transition>& transitions);

// The same for large chains whose LU fills in (crew queues in order): up to 500 states as
// above, beyond by BiCGSTAB (diagonal, then incomplete-LU preconditioner) to a relative
// residual of at most 1e-10 (check the balance of the answer). Throws as above, or
// std::runtime_error when the iteration does not converge.
[[nodiscard]] std::vector<double> stationary_distribution_iterative(
    int states, const std::vector<Transition>& transitions);

[[nodiscard]] MarkovSolution solve(const MarkovChain& chain);

}  // namespace reliasim::analytic
