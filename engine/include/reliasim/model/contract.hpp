#pragma once
// What an SLA owes for a window (docs/simulation.md): the largest credit tier the uptime
// falls under, capped, times the fee, paid only from the minimum payout up.

#include "reliasim/model/compiled_model.hpp"

namespace reliasim {

// The credit (money) for the window [start, end) measured at `uptime`. Calendar months bill
// the monthly fee; other windows a share of it pro rata to their length.
[[nodiscard]] double credit_owed(const SlaSpec& sla, double uptime, double start, double end);

// The largest credit tier `uptime` falls under, as a fraction of the fee (0: none).
[[nodiscard]] double credit_fraction(const SlaSpec& sla, double uptime);

}  // namespace reliasim
