#include "result_shape.hpp"

#include <cmath>
#include <numeric>

namespace reliasim::sim {
namespace {

// A rolling window slides in steps of at most a day that divide it exactly.
std::size_t rolling_steps(double length) {
  return static_cast<std::size_t>(std::ceil(length / 86400.0 - 1e-9));
}

// [0, step, 2 step, ...] up to the horizon: whole steps only.
std::vector<double> step_bounds(double step, double horizon) {
  std::vector<double> bounds{0.0};
  for (std::size_t k = 1; static_cast<double>(k) * step <= horizon * (1 + 1e-12); ++k)
    bounds.push_back(static_cast<double>(k) * step);
  return bounds;
}

// Windows over all SLAs (or SLOs) together: the width of their rows.
std::size_t total_windows(const std::vector<std::vector<double>>& bounds) {
  return std::accumulate(bounds.begin(), bounds.end(), std::size_t{0},
                         [](std::size_t sum, const auto& b) { return sum + b.size() - 1; });
}

}  // namespace

RunResults result_shape(const CompiledModel& model, const Topology& topology,
                        const RunConfig& config) {
  RunResults r;
  r.seed = config.seed;
  r.first_trial = config.first_trial;
  r.trials = config.trials;
  r.horizon = model.horizon;
  r.window_bounds = model.windows.boundaries;
  if (r.window_bounds.size() < 2) r.window_bounds = {0.0, model.horizon};
  r.scopes = topology.scopes;
  for (const auto& s : model.services) r.services.push_back(s.name);
  r.failure_modes = model.failure_modes;
  // An SLA's or SLO's windows; one over the whole horizon when it names none.
  const auto bounds_of = [&model](const WindowSpec& window) {
    return window.boundaries.size() < 2 ? std::vector<double>{0.0, model.horizon}
                                        : window.boundaries;
  };
  for (const auto& sla : model.slas) {
    r.slas.push_back(sla.name);
    r.sla_window_bounds.push_back(bounds_of(sla.window));
  }
  for (const auto& slo : model.slos) {
    r.slos.push_back(slo.name);
    const bool rolling = slo.window.kind == WindowKind::rolling && slo.window.length > 0.0;
    r.slo_span.push_back(rolling ? rolling_steps(slo.window.length) : 1);
    r.slo_window_bounds.push_back(
        rolling
            ? step_bounds(slo.window.length / static_cast<double>(r.slo_span.back()), model.horizon)
            : bounds_of(slo.window));
  }
  return r;
}

RowWidths row_widths(const RunResults& shape, bool sla_attribution) {
  const std::size_t scopes = shape.scopes.size(), windows = shape.windows();
  const std::size_t modes = shape.failure_modes.size(), services = shape.services.size();
  const std::size_t sla_windows = total_windows(shape.sla_window_bounds);
  const std::size_t by_window = scopes * windows, by_mode = scopes * modes;
  // In the order of RunResults::simulated_arrays.
  return {by_window,
          by_window,
          by_window,
          by_window * cause_count,
          scopes,
          scopes,
          by_mode,
          services,
          services,
          sla_windows,
          sla_windows,
          sla_windows,
          sla_attribution ? sla_windows * (modes + 1) : 0,
          total_windows(shape.slo_window_bounds),
          by_mode,
          by_mode,
          scopes,
          scopes * horizon_points};
}

}  // namespace reliasim::sim
