// Time accounting: per service, per scope and window, by cause and failure mode; and the
// SLA measurement rules applied to each trial's history (docs/simulation.md).
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "../model/window_walk.hpp"
#include "reliasim/invariant.hpp"
#include "reliasim/simulate/measurement.hpp"
#include "trial.hpp"

namespace reliasim::sim {
namespace {

bool excluded_by(const SlaSpec& spec, const Contributor& c) {
  return c.excludable && ((c.cause == Cause::maintenance && spec.excludes_maintenance) ||
                          (c.cause == Cause::third_party && spec.excludes_third_party) ||
                          (c.cause == Cause::customer && spec.excludes_customer));
}

// The scope's bad time in [from, to) (failing at `error`) per window of every SLA on it, split
// equally among the causes as `attributed_down` splits down time; causes that are not failure
// modes (maintenance, none known) go to the last column (results.hpp). As measure_sla counts
// it: `bad_minutes` counts the whole time from its error threshold on, the other rules the
// failing fraction's integral; causes the SLA excludes count nothing.
void attribute_to_slas(RunResults& out, const CompiledModel& model, const Topology& topology,
                       std::size_t row, Index scope, double from, double to, double error,
                       const std::vector<Contributor>& causes) {
  if (out.sla_attributed_down.empty()) return;  // not asked for (RunConfig::sla_attribution)
  const std::size_t columns = model.failure_modes.size() + 1;
  std::size_t stride = 0;
  for (std::size_t l = 0; l < model.slas.size(); ++l) stride += out.sla_windows(l);
  const double share = causes.empty() ? 1.0 : 1.0 / static_cast<double>(causes.size());
  std::size_t offset = row * stride;
  for (std::size_t l = 0; l < model.slas.size(); offset += out.sla_windows(l), ++l) {
    if (topology.sla_scope[l] != scope) continue;
    const SlaSpec& spec = model.slas[l];
    const bool minutes = spec.rule == MeasureRule::bad_minutes;
    if (minutes && error < bad_from(spec, topology.scope_down_at[static_cast<std::size_t>(scope)]))
      continue;
    for_each_window(out.sla_window_bounds[l], from, to, [&](std::size_t w, double seconds) {
      const double t = (minutes ? 1.0 : error) * seconds;
      double* cell = &out.sla_attributed_down[(offset + w) * columns];
      if (causes.empty()) cell[columns - 1] += t;
      for (const Contributor& c : causes) {
        if (excluded_by(spec, c)) continue;
        cell[c.failure_mode == no_index ? columns - 1 : static_cast<std::size_t>(c.failure_mode)] +=
            share * t;
      }
    });
  }
}

// Each cause category's share of a stretch of time: concurrent causes share it equally; none
// known means an internal cause. Returns the share of maintenance that SLAs count.
double cause_shares(const std::vector<Contributor>& causes,
                    std::array<double, cause_count>& shares) {
  shares.fill(0.0);
  if (causes.empty()) shares[static_cast<std::size_t>(Cause::internal)] = 1.0;
  double counted_maintenance = 0.0;
  for (const Contributor& c : causes) {
    const double share = 1.0 / static_cast<double>(causes.size());
    shares[static_cast<std::size_t>(c.cause)] += share;
    if (!c.excludable) counted_maintenance += share;
  }
  return counted_maintenance;
}

}  // namespace

void Trial::scope_changed(Index scope, double new_error) {
  close_segment(scope);
  double& error = at(scope_error_, scope);
  if (open_) {
    const double down_at = at(topology_.scope_down_at, scope);
    if (error < down_at && new_error >= down_at)
      begin_outage(scope);
    else if (error >= down_at && new_error < down_at)
      at(outage_end_, scope) = now_;  // recorded when the scope goes down later, or at the end
  }
  error = new_error;
}

// Books the time since the scope's last change at its current state: down from its threshold
// on (a journey's `down_at`), degraded below it.
void Trial::close_segment(Index scope) {
  if (!open_) return;
  double& since = at(scope_since_, scope);
  const double from = since;
  since = now_;
  const double error = at(scope_error_, scope);
  if (now_ > from && error > 0.0) book_segment(scope, from, error);
}

void Trial::book_segment(Index scope, double from, double error) {
  RELIASIM_ASSERT(now_ > from && error > 0.0 && error <= 1.0);
  const std::size_t cell = static_cast<std::size_t>(scope) * out_.windows();
  const auto& causes = at(contributors_, scope);
  const bool down = error >= at(topology_.scope_down_at, scope);
  // The segment is built in place (when an SLA or SLO measures the scope) and its shares are
  // written where they are read: a copy of them, loaded 16 bytes at a time right after they
  // were stored 8 bytes at a time, would wait for the stores to retire.
  Segment unkept;
  Segment& segment = at(topology_.scope_measured, scope)
                         ? at(segments_, scope).emplace_back(Segment{from, now_, error, down})
                         : unkept;
  std::array<double, cause_count>& share = segment.share;
  segment.counted_maintenance = cause_shares(causes, share);
  attribute_to_slas(out_, model_, topology_, row_, scope, from, now_, error, causes);
  if (down) attribute_down(scope, causes, now_ - from);
  attribute_failing(scope, causes, now_ - from, error, down);
  for_each_window(
      out_.window_bounds, at(scope_window_, scope), from, now_, [&](std::size_t w, double seconds) {
        if (down) {
          cells_.scope_down[cell + w] += seconds;
          for (std::size_t c = 0; c < cause_count; ++c)
            cells_.scope_down_by_cause[(cell + w) * cause_count + c] += seconds * share[c];
        } else {
          cells_.scope_degraded[cell + w] += seconds;
        }
        cells_.scope_error[cell + w] += error * seconds;
      });
}

// Down time of a scope goes to the failure modes keeping it down, in equal shares; their
// incidents become user-facing, and the first detection among them is the outage's.
void Trial::attribute_down(Index scope, const std::vector<Contributor>& causes, double duration) {
  const double share = causes.empty() ? 1.0 : 1.0 / static_cast<double>(causes.size());
  RELIASIM_ASSERT(duration > 0.0);
  double* attributed =
      cells_.attributed_down + static_cast<std::size_t>(scope) * model_.failure_modes.size();
  for (const Contributor& c : causes) {
    if (c.failure_mode != no_index)
      attributed[static_cast<std::size_t>(c.failure_mode)] += share * duration;
    if (c.incident == no_index) continue;
    IncidentRecord& incident = at(slots_, c.incident).data;
    incident.user_facing = true;
    if (incident.detected < at(outage_detected_, scope))
      at(outage_detected_, scope) = incident.detected;
  }
}

// Degraded time and the failing fraction's integral go to the failure modes failing the scope,
// in equal shares as down time does: what each spends of the scope's error budget.
void Trial::attribute_failing(Index scope, const std::vector<Contributor>& causes, double duration,
                              double error, bool down) {
  const double share = 1.0 / static_cast<double>(std::max<std::size_t>(1, causes.size()));
  const std::size_t row = static_cast<std::size_t>(scope) * model_.failure_modes.size();
  for (const Contributor& c : causes) {
    if (c.failure_mode == no_index) continue;
    const std::size_t cell = row + static_cast<std::size_t>(c.failure_mode);
    if (!down) cells_.attributed_degraded[cell] += share * duration;
    cells_.attributed_error[cell] += share * error * duration;
  }
}

// A scope that goes down again at the instant its last outage ended (a failover with no
// delay: two events at one time) continues that outage: a user-facing incident is a maximal
// down interval (docs/simulation.md), and a gap of no time is none.
void Trial::begin_outage(Index scope) {
  double& ended = at(outage_end_, scope);
  if (ended == now_) {
    ended = no_outage_end;
    return;
  }
  if (ended != no_outage_end) record_outage(scope, false);
  at(outage_start_, scope) = now_;
  at(outage_detected_, scope) = std::numeric_limits<double>::infinity();
  if (bias_.active && scope == bias_.scope) bias_.outage_began = true;
}

// Counts and records the scope's last outage, which ended at outage_end_ (or, censored, is
// still on at now_): one of no length is no outage. Its detection is the first among its
// contributors', or its start when one was detected before it began (its TTD is then 0).
void Trial::record_outage(Index scope, bool censored) {
  const double start = at(outage_start_, scope);
  double& ended = at(outage_end_, scope);
  const double end = censored ? now_ : ended;
  ended = no_outage_end;
  RELIASIM_ASSERT(end >= start);
  if (end <= start) return;
  const auto cell = static_cast<std::size_t>(scope);
  // A scope's outages are recorded in the order they began: the first sets the time.
  if (cells_.scope_outages[cell] == 0.0) cells_.scope_first_outage[cell] = start;
  cells_.scope_outages[cell] += 1.0;
  cells_.scope_longest_outage[cell] = std::max(cells_.scope_longest_outage[cell], end - start);
  // Down at the sampled times within [start, end), and at the horizon itself when still down.
  for (std::size_t point = 0; point < horizon_points; ++point) {
    const double t = horizon_time(model_.horizon, point);
    if (start <= t && (t < end || (censored && t == end)))
      cells_.scope_down_at[cell * horizon_points + point] = 1.0;
  }
  const double detected = at(outage_detected_, scope);
  if (keep_incidents_)
    outages_.push_back(
        {trial_, scope, start, end,
         detected <= end ? std::max(start, detected) : std::numeric_limits<double>::quiet_NaN(),
         censored});
}

void Trial::add_contributor(std::span<const Index> scopes, Contributor contributor) {
  for (const Index scope : scopes) {
    close_segment(scope);
    at(contributors_, scope).push_back(contributor);
  }
}

void Trial::remove_contributor(std::span<const Index> scopes, Index incident, Index scheduled) {
  for (const Index scope : scopes) {
    close_segment(scope);
    auto& causes = at(contributors_, scope);
    const auto found = std::find_if(causes.begin(), causes.end(), [&](const Contributor& c) {
      return c.incident == incident && c.scheduled == scheduled;
    });
    if (found != causes.end()) causes.erase(found);
  }
}

void Trial::finish_accounting() {
  for (Index s = 0; s < static_cast<Index>(model_.services.size()); ++s)
    service_changed(s, at(error_, s));
  for (Index scope = 0; scope < static_cast<Index>(topology_.scopes.size()); ++scope) {
    close_segment(scope);
    if (at(scope_error_, scope) >= at(topology_.scope_down_at, scope))
      record_outage(scope, true);
    else if (at(outage_end_, scope) != no_outage_end)
      record_outage(scope, false);
  }
  measure_slas();
  measure_slos();
  open_ = false;
}

void Trial::measure_slas() {
  std::size_t stride = 0;
  for (std::size_t l = 0; l < model_.slas.size(); ++l) stride += out_.sla_windows(l);
  std::size_t offset = row_ * stride;
  for (std::size_t l = 0; l < model_.slas.size(); ++l) {
    measure_sla(l, &out_.sla_uptime[offset], &out_.sla_credit[offset], &out_.sla_counted[offset]);
    offset += out_.sla_windows(l);
  }
}

// Every failing second of the SLO's scope spends its budget, whatever the cause: SLOs are
// internal targets, with none of a contract's exclusions.
void Trial::measure_slos() {
  std::size_t stride = 0;
  for (std::size_t l = 0; l < model_.slos.size(); ++l) stride += out_.slo_windows(l);
  double* spent = out_.slo_spent.data() + row_ * stride;
  for (std::size_t l = 0; l < model_.slos.size(); spent += out_.slo_windows(l), ++l)
    spend_slo(segments_[static_cast<std::size_t>(topology_.slo_scope[l])],
              out_.slo_window_bounds[l], spent);
}

void Trial::measure_sla(std::size_t sla, double* uptime, double* credit,
                        double* counted_time) const {
  const auto scope = static_cast<std::size_t>(topology_.sla_scope[sla]);
  reliasim::measure_sla(model_.slas[sla], segments_[scope], topology_.scope_down_at[scope],
                        out_.sla_window_bounds[sla], uptime, credit, counted_time);
}

}  // namespace reliasim::sim
