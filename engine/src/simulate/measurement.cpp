#include "reliasim/simulate/measurement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "../model/window_walk.hpp"
#include "reliasim/model/contract.hpp"

namespace reliasim {
namespace {

// Bad-minute counting: runs of down time (shorter than `min_run` ignored) cover slots of
// `granularity` from the window start; a slot touched by any run is bad.
double bad_slot_time(std::span<const std::pair<double, double>> runs, double lo, double hi,
                     double granularity, double min_run) {
  double last_slot = -1.0;
  double slots = 0.0;
  for (const auto& [a, b] : runs) {
    if (a >= hi) break;  // runs are in time order
    if (b - a < min_run || b <= lo) continue;
    const double first = std::floor((std::max(a, lo) - lo) / granularity);
    const double end = std::ceil((std::min(b, hi) - lo) / granularity);
    slots += std::max(0.0, end - std::max(first, last_slot));
    last_slot = std::max(last_slot, end);
  }
  return std::min(hi - lo, slots * granularity);
}

// The share of a segment's time that an SLA leaves out (excluded), and the share it counts as
// caused by something it does not exclude (counted); each sums its own terms, so that a
// segment wholly excluded counts exactly 0.
double excluded_share(const SlaSpec& spec, const ScopeSegment& s) {
  double share = 0.0;
  if (spec.excludes_maintenance)
    share += s.share[static_cast<std::size_t>(Cause::maintenance)] - s.counted_maintenance;
  if (spec.excludes_third_party) share += s.share[static_cast<std::size_t>(Cause::third_party)];
  if (spec.excludes_customer) share += s.share[static_cast<std::size_t>(Cause::customer)];
  return share;
}
double counted_share(const SlaSpec& spec, const ScopeSegment& s) {
  double share = s.share[static_cast<std::size_t>(Cause::internal)];
  share += spec.excludes_maintenance ? s.counted_maintenance
                                     : s.share[static_cast<std::size_t>(Cause::maintenance)];
  if (!spec.excludes_third_party) share += s.share[static_cast<std::size_t>(Cause::third_party)];
  if (!spec.excludes_customer) share += s.share[static_cast<std::size_t>(Cause::customer)];
  return share;
}

// `interval_error_rate`: each `interval` from the window start (the last one cut short) fails
// at its error rate over the part of it the SLA counts, and the window's bad share is the mean
// of those rates over the intervals with counted time, each weighted by its length. Under the
// engine's constant traffic it equals the failing fraction's integral over the counted time
// (`weighted_outage`) unless excluded time covers part of an interval: that interval's rate is
// then taken over its counted part alone (docs/scenario-format.md, section 16).
double interval_bad_share(const SlaSpec& spec, std::span<const ScopeSegment> segments, double lo,
                          double hi) {
  const double length = spec.interval;
  double weight = (hi - lo) / length, bad = 0.0;  // in intervals
  std::size_t current = static_cast<std::size_t>(-1);
  double error = 0.0, excluded = 0.0;  // seconds, in the current interval
  const auto close_interval = [&] {
    if (current == static_cast<std::size_t>(-1)) return;
    const double start = lo + static_cast<double>(current) * length;
    const double span = std::min(hi, start + length) - start;
    if (span - excluded <= 1e-9 * span)
      weight -= span / length;  // wholly excluded: not an interval the SLA averages over
    else
      bad += span / length * std::min(1.0, error / (span - excluded));
    error = excluded = 0.0;
    current = static_cast<std::size_t>(-1);
  };
  // Part of interval k, [from, to), failing at `rate` with `left_out` of it excluded.
  const auto add = [&](std::size_t k, double from, double to, double rate, double left_out) {
    if (to <= from) return;
    if (k != current) close_interval(), current = k;
    error += (to - from) * rate * (1.0 - left_out);
    excluded += (to - from) * left_out;
  };
  const auto start_of = [&](std::size_t k) { return lo + static_cast<double>(k) * length; };
  for (const ScopeSegment& s : segments) {
    if (s.end <= lo) continue;
    if (s.start >= hi) break;
    const double left_out = excluded_share(spec, s);
    const double from = std::max(s.start, lo), to = std::min(s.end, hi);
    const auto first = static_cast<std::size_t>(std::floor((from - lo) / length));
    const auto last = static_cast<std::size_t>(std::floor((to - lo) / length));
    add(first, from, std::min(to, start_of(first + 1)), s.error, left_out);
    if (last <= first) continue;
    // The intervals wholly inside the segment fail at its rate (or are wholly excluded): added
    // at once, so a long outage costs as little as a short one, whatever the interval.
    close_interval();
    const auto whole = static_cast<double>(last - first - 1);
    if (left_out >= 1.0 - 1e-9)
      weight -= whole;
    else
      bad += whole * std::min(1.0, s.error);
    add(last, start_of(last), to, s.error, left_out);
  }
  close_interval();
  return weight > 0.0 ? bad / weight : 0.0;
}

}  // namespace

// The error rate from which an SLA counts time as bad under `bad_minutes`: its own threshold,
// or the scope's (from which the scope is down).
double bad_from(const SlaSpec& spec, double scope_down_at) {
  return std::isnan(spec.error_threshold) ? scope_down_at : spec.error_threshold;
}

void measure_sla(const SlaSpec& spec, std::span<const ScopeSegment> segments, double scope_down_at,
                 std::span<const double> bounds, double* uptime, double* credit,
                 double* counted_time) {
  const double bad_at = bad_from(spec, scope_down_at);
  std::vector<std::pair<double, double>> runs;  // non-excluded down time, merged when touching
  for (const ScopeSegment& s : segments) {
    if (s.error < bad_at || counted_share(spec, s) <= 0.0) continue;
    if (!runs.empty() && runs.back().second == s.start)
      runs.back().second = s.end;
    else
      runs.emplace_back(s.start, s.end);
  }
  // Segments and runs are in time order, as are the windows: each window starts its scan at
  // the first one that has not ended before it.
  std::size_t first_segment = 0, first_run = 0;
  for (std::size_t w = 0; w + 1 < bounds.size(); ++w) {
    const double lo = bounds[w], hi = bounds[w + 1];
    while (first_segment < segments.size() && segments[first_segment].end <= lo) ++first_segment;
    while (first_run < runs.size() && runs[first_run].second <= lo) ++first_run;
    double excluded_time = 0.0, error_time = 0.0;
    for (std::size_t i = first_segment; i < segments.size() && segments[i].start < hi; ++i) {
      const ScopeSegment& s = segments[i];
      const double t = overlap(s.start, s.end, lo, hi);
      if (t <= 0.0) continue;
      const double left_out = excluded_share(spec, s);
      excluded_time += t * left_out;
      error_time += t * s.error * (1.0 - left_out);
    }
    counted_time[w] = hi - lo - excluded_time;
    const std::span<const ScopeSegment> window_segments{segments.data() + first_segment,
                                                        segments.size() - first_segment};
    const double bad = spec.rule == MeasureRule::bad_minutes
                           ? bad_slot_time({runs.data() + first_run, runs.size() - first_run}, lo,
                                           hi, spec.granularity, spec.min_run)
                       : spec.rule == MeasureRule::interval_error_rate
                           ? counted_time[w] * interval_bad_share(spec, window_segments, lo, hi)
                           : error_time;
    uptime[w] =
        counted_time[w] > 0.0 ? std::max(0.0, counted_time[w] - bad) / counted_time[w] : 1.0;
    credit[w] = credit_owed(spec, uptime[w], lo, hi);
  }
}

void spend_slo(std::span<const ScopeSegment> segments, std::span<const double> bounds,
               double* spent) {
  const std::size_t windows = bounds.size() - 1;
  const double mean = (bounds.back() - bounds.front()) / static_cast<double>(windows);
  std::size_t cursor = 0;
  for (const ScopeSegment& s : segments) {
    // A rolling SLO has a window a day: jump to the window the mean length points at
    // (exact for equal steps) when it starts at or before the segment, rather than walk.
    const auto guess = static_cast<std::size_t>(std::max(0.0, (s.start - bounds[0]) / mean));
    if (guess > cursor && guess < windows && bounds[guess] <= s.start) cursor = guess;
    for_each_window(bounds, cursor, s.start, s.end,
                    [&](std::size_t w, double seconds) { spent[w] += s.error * seconds; });
  }
}

}  // namespace reliasim
