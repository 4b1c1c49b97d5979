#include "reliasim/simulate/results.hpp"

#include <stdexcept>

namespace reliasim {
namespace {

template <typename Vector>
void extend(Vector& to, const Vector& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

void RunResults::append(const RunResults& next) {
  if (next.seed != seed || next.first_trial != first_trial + trials || next.horizon != horizon ||
      next.window_bounds != window_bounds || next.scopes.size() != scopes.size() ||
      next.services != services || next.slas != slas || next.slos != slos ||
      next.slo_span != slo_span || next.biasing != biasing)
    throw std::invalid_argument(
        "results can only be joined with those of the directly following trials of the same "
        "model and seed");
  trials += next.trials;
  for (const auto array : simulated_arrays) extend(this->*array, next.*array);
  extend(weights, next.weights);
  extend(incidents, next.incidents);
  extend(outages, next.outages);
  events += next.events;
}

}  // namespace reliasim
