#include "reliasim/simulate/burn_rate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace reliasim {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();

// Whether the condition holds at t. A relative tolerance keeps a tick that the closed form
// puts exactly on the threshold (a full outage of exactly the budgeted length) from being
// lost to rounding.
bool holds(std::span<const ErrorStep> history, double t, double threshold,
           const BurnRateCondition& c) {
  const auto enough = [&](double window) {
    return error_integral(history, t - window, t) >= threshold * window * (1.0 - 1e-12);
  };
  return enough(c.long_window) && enough(c.short_window);
}

// The first grid time k x evaluation at or after t (within rounding).
double tick_at_or_after(double t, double evaluation) {
  const double k = std::ceil(t / evaluation - 1e-9);
  return std::max(0.0, k) * evaluation;
}

// Where the linear function value(t) = at_start + slope (t - start) reaches `target` on
// [start, end]: the earliest such time, or never when it stays below.
double first_reach(double at_start, double at_end, double start, double end, double target) {
  if (at_start >= target) return start;
  if (at_end < target) return never;
  return start + (target - at_start) / (at_end - at_start) * (end - start);
}

AlertFiring first_firing(std::span<const ErrorStep> history, double from, double budget,
                         const BurnRateCondition& c, double evaluation) {
  const double threshold = c.factor * budget;
  // Each window's integral is linear between the times its trailing edge crosses a step
  // (a start + window); its leading edge stays in the last step from `from` on.
  std::vector<double> breaks{from};
  for (const double window : {c.long_window, c.short_window}) {
    breaks.push_back(window);
    for (const ErrorStep& step : history) breaks.push_back(step.start + window);
  }
  // A step after `from` moves the leading edge too (the caller's history normally ends there).
  for (const ErrorStep& step : history) breaks.push_back(step.start);
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::remove_if(breaks.begin(), breaks.end(), [&](double b) { return b < from; }),
               breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  const auto integral = [&](double window, double t) {
    return error_integral(history, t - window, t);
  };
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    const double start = breaks[i];
    const bool last = i + 1 == breaks.size();
    // After the last break both integrals are constant: holding there is holding for ever.
    const double end = last ? start + evaluation : breaks[i + 1];
    double lo = start;
    for (const double window : {c.long_window, c.short_window})
      lo = std::max(lo, first_reach(integral(window, start), integral(window, end), start, end,
                                    threshold * window));
    if (lo == never) continue;
    // Both reach the threshold by lo. Where both integrals are linear the set where both hold
    // is one stretch: the first tick from lo is in it, or none is. Rounding may put that tick
    // just before lo, where the condition does not hold yet: then the next one is the first.
    for (double t = std::max(tick_at_or_after(lo, evaluation), tick_at_or_after(from, evaluation));
         t <= lo + evaluation && (last || t <= end); t += evaluation)
      if (t >= from && holds(history, t, threshold, c)) return {t, 0};
  }
  return {};
}

}  // namespace

double error_integral(std::span<const ErrorStep> history, double from, double to) {
  double total = 0.0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const double begin = std::max({history[i].start, from, 0.0});
    const double finish = i + 1 < history.size() ? std::min(history[i + 1].start, to) : to;
    if (finish > begin) total += history[i].error * (finish - begin);
  }
  return total;
}

AlertFiring next_alert(std::span<const ErrorStep> history, double from, double budget,
                       std::span<const BurnRateCondition> conditions, double evaluation) {
  if (!(evaluation > 0.0) || !(budget > 0.0))
    throw std::invalid_argument(
        "burn-rate alerts need an evaluation interval and a budget above 0");
  AlertFiring first;
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const AlertFiring firing = first_firing(history, from, budget, conditions[c], evaluation);
    if (firing.time < first.time) first = {firing.time, c};
  }
  return first;
}

}  // namespace reliasim
