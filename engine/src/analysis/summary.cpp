#include "reliasim/analysis/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/proportion.hpp"
#include "reliasim/stats/quantile.hpp"

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

Interval scaled(Interval i, double factor) {
  i.estimate *= factor, i.lower *= factor, i.upper *= factor;
  return i;
}

Interval mean_of(const std::vector<double>& values, double confidence, double factor = 1.0) {
  return scaled(summarize_mean(values, confidence).interval, factor);
}

DurationSummary durations(std::vector<double> values, double confidence) {
  DurationSummary d;
  d.count = values.size();
  if (values.empty()) {
    d.mean = d.p50 = d.p90 = d.p99 = {nan, nan, nan, confidence};
    return d;
  }
  d.mean = values.size() > 1 ? summarize_mean(values, confidence).interval
                             : Interval{values[0], nan, nan, confidence};
  const SortedSample sorted(std::move(values));
  d.p50 = sorted.quantile_interval(0.50, confidence);
  d.p90 = sorted.quantile_interval(0.90, confidence);
  d.p99 = sorted.quantile_interval(0.99, confidence);
  return d;
}

template <typename Keep>
IncidentTimes incident_times(const std::vector<IncidentRecord>& incidents, Keep keep, double confidence) {
  std::vector<double> ttd, tta, ttm, ttr;
  for (const IncidentRecord& i : incidents) {
    if (!keep(i)) continue;
    if (std::isfinite(i.detected)) ttd.push_back(i.detected - i.start);
    if (std::isfinite(i.engaged) && std::isfinite(i.detected)) tta.push_back(i.engaged - i.detected);
    if (std::isfinite(i.mitigated)) ttm.push_back(i.mitigated - i.start);
    if (std::isfinite(i.repaired)) ttr.push_back(i.repaired - i.start);
  }
  return {durations(std::move(ttd), confidence), durations(std::move(tta), confidence),
          durations(std::move(ttm), confidence), durations(std::move(ttr), confidence)};
}

ScopeSummary scope_summary(const RunResults& r, std::size_t scope, double confidence) {
  const std::size_t n = r.trials, scopes = r.scopes.size(), windows = r.windows();
  const double per_year = seconds_per_year / r.horizon;
  std::vector<double> down(n), degraded(n), available(n), outages(n), longest(n);
  std::vector<std::vector<double>> window_up(windows, std::vector<double>(n));
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t cell = (t * scopes + scope) * windows;
    for (std::size_t w = 0; w < windows; ++w) {
      down[t] += r.scope_down[cell + w];
      degraded[t] += r.scope_degraded[cell + w];
      const double length = r.window_bounds[w + 1] - r.window_bounds[w];
      window_up[w][t] = 1.0 - r.scope_down[cell + w] / length;
    }
    available[t] = 1.0 - down[t] / r.horizon;
    outages[t] = r.scope_outages[t * scopes + scope];
    longest[t] = r.scope_longest_outage[t * scopes + scope];
  }
  std::vector<double> ttd, duration;
  for (const OutageRecord& o : r.outages) {
    if (static_cast<std::size_t>(o.scope) != scope) continue;
    if (std::isfinite(o.detected)) ttd.push_back(o.detected - o.start);
    if (!o.censored) duration.push_back(o.end - o.start);
  }
  ScopeSummary s{r.scopes[scope], mean_of(available, confidence), mean_of(down, confidence, per_year),
                 mean_of(degraded, confidence, per_year), mean_of(outages, confidence, per_year),
                 mean_of(longest, confidence), durations(std::move(ttd), confidence),
                 durations(std::move(duration), confidence), {}};
  for (const auto& w : window_up) s.window_availability.push_back(mean_of(w, confidence));
  return s;
}

std::vector<FailureModeSummary> failure_mode_summaries(const RunResults& r, double confidence) {
  const std::size_t n = r.trials, modes = r.failure_modes.size(), scopes = r.scopes.size();
  const double per_year = seconds_per_year / r.horizon;
  std::vector<std::vector<double>> counts(modes, std::vector<double>(n, 0.0));
  for (const IncidentRecord& i : r.incidents)
    counts[static_cast<std::size_t>(i.failure_mode)][i.trial - r.first_trial] += 1.0;
  std::vector<FailureModeSummary> rows;
  double total = 0.0;
  for (std::size_t m = 0; m < modes; ++m) {
    std::vector<double> down(n, 0.0);
    if (scopes > 0)
      for (std::size_t t = 0; t < n; ++t) down[t] = r.attributed_down[t * scopes * modes + m];
    FailureModeSummary row{r.failure_modes[m], mean_of(counts[m], confidence, per_year),
                           mean_of(down, confidence, per_year), 0.0,
                           incident_times(r.incidents, [m](const IncidentRecord& i) {
                             return static_cast<std::size_t>(i.failure_mode) == m;
                           }, confidence)};
    total += row.downtime_per_year.estimate;
    rows.push_back(std::move(row));
  }
  for (auto& row : rows) row.downtime_share = total > 0.0 ? row.downtime_per_year.estimate / total : 0.0;
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.downtime_per_year.estimate > b.downtime_per_year.estimate;
  });
  return rows;
}

std::vector<SlaSummary> sla_summaries(const RunResults& r, const CompiledModel& model, double confidence) {
  std::vector<SlaSummary> rows;
  std::size_t stride = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) stride += r.sla_windows(l);
  const double per_year = seconds_per_year / r.horizon;
  std::size_t offset = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) {
    const std::size_t windows = r.sla_windows(l);
    std::uint64_t breaches = 0;
    std::vector<double> credit(r.trials, 0.0), breached(r.trials, 0.0);
    for (std::size_t t = 0; t < r.trials; ++t) {
      for (std::size_t w = 0; w < windows; ++w) {
        const bool breach = r.sla_uptime[t * stride + offset + w] < model.slas[l].target;
        breaches += breach;
        breached[t] += breach;
        credit[t] += r.sla_credit[t * stride + offset + w];
      }
    }
    rows.push_back({r.slas[l], model.slas[l].currency,
                    wilson_interval(breaches, r.trials * windows, confidence),
                    mean_of(credit, confidence, per_year), mean_of(breached, confidence, per_year)});
    offset += windows;
  }
  return rows;
}

}  // namespace

Summary summarize(const RunResults& r, const CompiledModel& model, double confidence) {
  if (r.trials < 2) throw std::invalid_argument("a summary needs at least 2 trials");
  Summary s;
  s.trials = r.trials, s.seed = r.seed, s.horizon = r.horizon, s.confidence = confidence;
  s.events = r.events, s.incidents = r.incidents.size();
  for (std::size_t scope = 0; scope < r.scopes.size(); ++scope) s.scopes.push_back(scope_summary(r, scope, confidence));
  const std::size_t services = r.services.size();
  const double per_year = seconds_per_year / r.horizon;
  for (std::size_t v = 0; v < services; ++v) {
    std::vector<double> down(r.trials), up(r.trials);
    for (std::size_t t = 0; t < r.trials; ++t) {
      down[t] = r.service_down[t * services + v];
      up[t] = 1.0 - down[t] / r.horizon;
    }
    s.services.push_back({r.services[v], mean_of(up, confidence), mean_of(down, confidence, per_year)});
  }
  s.times = incident_times(r.incidents, [](const IncidentRecord&) { return true; }, confidence);
  s.failure_modes = failure_mode_summaries(r, confidence);
  s.slas = sla_summaries(r, model, confidence);
  return s;
}

}  // namespace reliasim
