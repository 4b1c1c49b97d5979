#pragma once
// The SLA and SLO measurement rules (docs/simulation.md, SLAs), applied to a scope's history
// as a list of segments: a simulated trial's, or a real one replayed (`reliasim replay`).

#include <array>
#include <span>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim {

// A stretch of time in which a scope failed (fully or in part), with the share of each cause
// while it did. Segments of a scope are in time order and do not overlap.
struct ScopeSegment {
  double start = 0.0;
  double end = 0.0;
  double error = 0.0;  // the share of requests failing, (0, 1]
  bool down = false;   // the error reached the scope's threshold (its `down_at`)
  std::array<double, cause_count> share{};
  double counted_maintenance = 0.0;  // the part of the maintenance share no SLA may exclude
};

// The error rate from which an SLA counts time as bad under `bad_minutes`: its own threshold,
// or the scope's (from which the scope is down).
[[nodiscard]] double bad_from(const SlaSpec& spec, double scope_down_at);

// For each window [bounds[w], bounds[w + 1]): the uptime the SLA's rule measures, the credit
// it owes, and the time it counts (the window less what it excludes).
void measure_sla(const SlaSpec& spec, std::span<const ScopeSegment> segments, double scope_down_at,
                 std::span<const double> bounds, double* uptime, double* credit,
                 double* counted_time);

// For each window, the failing fraction's integral over it (seconds): what an SLO's error
// budget spends, every cause counted.
void spend_slo(std::span<const ScopeSegment> segments, std::span<const double> bounds,
               double* spent);

}  // namespace reliasim
