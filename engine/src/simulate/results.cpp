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
      next.slo_span != slo_span)
    throw std::invalid_argument(
        "results can only be joined with those of the directly following trials of the same "
        "model and seed");
  trials += next.trials;
  extend(scope_down, next.scope_down);
  extend(scope_degraded, next.scope_degraded);
  extend(scope_error, next.scope_error);
  extend(scope_down_by_cause, next.scope_down_by_cause);
  extend(scope_outages, next.scope_outages);
  extend(scope_longest_outage, next.scope_longest_outage);
  extend(attributed_down, next.attributed_down);
  extend(service_down, next.service_down);
  extend(service_degraded, next.service_degraded);
  extend(sla_uptime, next.sla_uptime);
  extend(sla_credit, next.sla_credit);
  extend(sla_counted, next.sla_counted);
  extend(sla_attributed_down, next.sla_attributed_down);
  extend(slo_spent, next.slo_spent);
  extend(weights, next.weights);
  extend(incidents, next.incidents);
  extend(outages, next.outages);
  events += next.events;
}

}  // namespace reliasim
