#pragma once
// The exact time-dependent measures of a Markovian model over its horizon, from the transient
// solution of its whole-model chain (model_estimate.hpp) by uniformisation, starting with
// everything up: what the simulation's reliability measures estimate, for the cross-check.

#include <array>
#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim::analytic {

struct TransientScope {
  std::string name;
  // At horizon_time(horizon, k) for k < horizon_points (results.hpp): P(up at t), and
  // P(no outage in [0, t]).
  std::vector<double> availability;
  std::vector<double> reliability;
  double outages_in_horizon = 0.0;  // expected outages (up -> down changes) in [0, horizon]
  // Mean time to the first outage; +infinity when the scope may never go down (a part that is
  // never repaired can leave it up for good).
  double mttf = 0.0;
  // B1 and B10 (b_life_fractions): when R(t) falls to 0.99 and 0.9; +infinity beyond the
  // horizon. Interpolated on a grid of a thousandth of the horizon.
  std::array<double, 2> b_lives{};
};

struct TransientEstimate {
  std::vector<TransientScope> scopes;  // journeys, then the services SLAs or SLOs name
  int states = 0;
  std::string not_solved;  // why there is no exact answer (then `scopes` is empty)
  [[nodiscard]] bool solved() const { return not_solved.empty(); }
};

// Uniformisation steps through about rate x horizon jumps of the chain, each a sparse
// product: beyond this many transition visits the answer would take minutes.
inline constexpr double kMaxTransientWork = 4e9;

[[nodiscard]] TransientEstimate transient_estimate(const CompiledModel& model,
                                                   int max_states = 100'000,
                                                   double max_work = kMaxTransientWork);

}  // namespace reliasim::analytic
