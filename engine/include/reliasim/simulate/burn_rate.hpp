#pragma once
// Multiwindow, multi-burn-rate SLO alerts (Google SRE Workbook, ch. 5, "Alerting on SLOs"):
// a condition holds at an evaluation when the scope's mean error rate over its long window AND
// over its short window are both at least `factor` times the error budget (1 - target). Given
// a piecewise-constant error history, the first evaluation at which a condition holds is found
// exactly: each window's integral is piecewise linear in time, so each stretch between the
// times a window's edge crosses a change is solved in closed form.

#include <cstddef>
#include <limits>
#include <span>

namespace reliasim {

struct BurnRateCondition {
  double long_window = 3600.0;  // seconds
  double short_window = 300.0;  // seconds, at most long_window
  double factor = 14.4;         // times the error budget
};

// The error rate from `start` until the next step's start (the last step lasts for ever).
// Before the first step, and before time 0, the error rate is 0.
struct ErrorStep {
  double start = 0.0;
  double error = 0.0;  // failing share of requests, in [0, 1]
};

struct AlertFiring {
  double time = std::numeric_limits<double>::infinity();  // never, while the error stays
  std::size_t condition = 0;  // the first condition, in order, that holds then
};

// The integral of the error rate over [from, to] (seconds of full failure).
[[nodiscard]] double error_integral(std::span<const ErrorStep> history, double from, double to);

// The first evaluation time t >= `from`, on the grid k x `evaluation` (k = 0, 1, ...), at which
// one of `conditions` holds, when the error rate stays after `from` as `history` leaves it.
// `budget` is 1 - target. History steps come in time order. Throws std::invalid_argument for an
// evaluation interval or budget that is not above 0.
[[nodiscard]] AlertFiring next_alert(std::span<const ErrorStep> history, double from, double budget,
                                     std::span<const BurnRateCondition> conditions,
                                     double evaluation);

}  // namespace reliasim
