#include "reliasim/analysis/replay.hpp"

#include <algorithm>
#include <cmath>

#include "reliasim/analysis/summary.hpp"  // seconds_per_year
#include "reliasim/analysis/trial_metrics.hpp"

namespace reliasim {
namespace {

// For each service, every service that is down while it is: itself and, through any number of
// hard dependencies, whatever needs it.
std::vector<std::vector<bool>> reached_by(const CompiledModel& model) {
  const std::size_t n = model.services.size();
  std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
  for (std::size_t s = 0; s < n; ++s) reach[s][s] = true;
  // dependencies_first lists each service after everything it needs: one pass propagates.
  for (const Index s : model.dependencies_first)
    for (const Index needed : model.services[static_cast<std::size_t>(s)].hard_dependencies)
      for (std::size_t origin = 0; origin < n; ++origin)
        if (reach[origin][static_cast<std::size_t>(needed)])
          reach[origin][static_cast<std::size_t>(s)] = true;
  return reach;
}

// Whether an impact on `origin` reaches `scope`.
bool reaches(const CompiledModel& model, const std::vector<std::vector<bool>>& reach,
             const ScopeRef& origin, const ScopeRef& scope) {
  if (origin.journey) return scope.journey && origin.index == scope.index;
  const auto& from = reach[static_cast<std::size_t>(origin.index)];
  if (!scope.journey) return from[static_cast<std::size_t>(scope.index)];
  const auto& services = model.journeys[static_cast<std::size_t>(scope.index)].services;
  return std::any_of(services.begin(), services.end(),
                     [&](Index s) { return from[static_cast<std::size_t>(s)]; });
}

// The scope's history as segments: cut at every start and end of an impact reaching it.
std::vector<ScopeSegment> segments_of(const std::vector<const HistoryImpact*>& reaching,
                                      double down_at, double period) {
  std::vector<double> cuts;
  for (const HistoryImpact* i : reaching) {
    cuts.push_back(std::clamp(i->start, 0.0, period));
    cuts.push_back(std::clamp(i->end, 0.0, period));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<ScopeSegment> segments;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    ScopeSegment s;
    s.start = cuts[k];
    s.end = cuts[k + 1];
    double ok = 1.0;
    std::size_t active = 0;
    for (const HistoryImpact* i : reaching)
      if (i->start <= s.start && i->end >= s.end) {
        ok *= 1.0 - i->error;
        s.share[static_cast<std::size_t>(i->cause)] += 1.0;
        ++active;
      }
    if (active == 0) continue;
    for (double& share : s.share) share /= static_cast<double>(active);
    s.error = std::clamp(1.0 - ok, 0.0, 1.0);
    if (s.error <= 0.0) continue;
    s.down = s.error >= down_at;
    segments.push_back(s);
  }
  return segments;
}

ReplayedSla replay_sla(const SlaSpec& spec, std::span<const ScopeSegment> segments, double down_at,
                       double period) {
  const std::vector<double> bounds =
      spec.window.boundaries.size() < 2 ? std::vector<double>{0.0, period} : spec.window.boundaries;
  const std::size_t windows = bounds.size() - 1;
  std::vector<double> uptime(windows), credit(windows), counted(windows);
  measure_sla(spec, segments, down_at, bounds, uptime.data(), credit.data(), counted.data());
  ReplayedSla out;
  for (std::size_t w = 0; w < windows; ++w) {
    const bool breached = uptime[w] < spec.target;
    out.windows.push_back({bounds[w], bounds[w + 1], uptime[w], counted[w], credit[w], breached});
    out.credit += credit[w];
    out.breaches += breached;
  }
  return out;
}

// Calendar and fixed windows each spend their own budget; a rolling window slides a day at a
// time (its length rounded to whole days), as the simulation's summary slides it.
ReplayedSlo replay_slo(const SloSpec& spec, std::span<const ScopeSegment> segments, double period) {
  const bool rolling = spec.window.kind == WindowKind::rolling && spec.window.length > 0.0;
  std::vector<double> steps =
      spec.window.boundaries.size() < 2 ? std::vector<double>{0.0, period} : spec.window.boundaries;
  std::size_t span = 1;
  if (rolling) {
    span = static_cast<std::size_t>(std::ceil(spec.window.length / 86400.0 - 1e-9));
    const double step = spec.window.length / static_cast<double>(span);
    steps = {0.0};
    while (steps.back() + step <= period * (1 + 1e-12)) steps.push_back(steps.back() + step);
  }
  std::vector<double> spent(steps.size() - 1, 0.0);
  if (!spent.empty()) spend_slo(segments, steps, spent.data());
  ReplayedSlo out;
  const double allowed = 1.0 - spec.target;
  double sum = 0.0;
  for (std::size_t k = 0; k < spent.size(); ++k) {
    sum += spent[k];
    if (k + 1 < span) continue;
    const std::size_t first = k + 1 - span;
    const double used = sum / (allowed * (steps[k + 1] - steps[first]));
    out.bounds.push_back(steps[first]);
    out.used.push_back(used);
    out.exhausted += used >= 1.0;
    sum -= spent[first];
  }
  if (!rolling && !steps.empty()) out.bounds = steps;
  return out;
}

}  // namespace

Replay replay_history(const CompiledModel& model, std::span<const HistoryImpact> impacts) {
  Replay replay;
  replay.period = model.horizon;
  const auto reach = reached_by(model);
  const auto segments_for = [&](const ScopeRef& scope) {
    std::vector<const HistoryImpact*> reaching;
    for (const auto& impact : impacts)
      if (reaches(model, reach, impact.scope, scope) && impact.end > impact.start)
        reaching.push_back(&impact);
    const double down_at =
        scope.journey ? model.journeys[static_cast<std::size_t>(scope.index)].down_at : 1.0;
    return segments_of(reaching, down_at, model.horizon);
  };
  for (std::size_t j = 0; j < model.journeys.size(); ++j)
    replay.journey_segments.push_back(segments_for({true, static_cast<Index>(j)}));
  for (std::size_t s = 0; s < model.services.size(); ++s)
    replay.service_segments.push_back(segments_for({false, static_cast<Index>(s)}));
  const auto segments_of_scope = [&](const ScopeRef& scope) -> const std::vector<ScopeSegment>& {
    return scope.journey ? replay.journey_segments[static_cast<std::size_t>(scope.index)]
                         : replay.service_segments[static_cast<std::size_t>(scope.index)];
  };
  for (const auto& sla : model.slas) {
    const double down_at =
        sla.scope.journey ? model.journeys[static_cast<std::size_t>(sla.scope.index)].down_at : 1.0;
    replay.slas.push_back(replay_sla(sla, segments_of_scope(sla.scope), down_at, model.horizon));
  }
  for (const auto& slo : model.slos)
    replay.slos.push_back(replay_slo(slo, segments_of_scope(slo.scope), model.horizon));
  for (std::size_t l = 0; l < model.slas.size(); ++l) {
    if (!model.slas[l].has_credits()) continue;
    const auto& currency = model.slas[l].currency;
    const auto c = static_cast<std::size_t>(
        std::find(replay.currencies.begin(), replay.currencies.end(), currency) -
        replay.currencies.begin());
    if (c == replay.currencies.size()) {
      replay.currencies.push_back(currency);
      replay.credit_by_currency.push_back(0.0);
    }
    replay.credit_by_currency[c] += replay.slas[l].credit;
  }
  return replay;
}

ReplayOdds replay_odds(const CompiledModel& model, const Replay& replay, const RunResults& run) {
  ReplayOdds odds;
  odds.trials = run.trials;
  odds.currencies = replay.currencies;
  const double run_years = run.horizon / seconds_per_year;
  const double history_years = replay.period / seconds_per_year;
  for (const double credit : replay.credit_by_currency)
    odds.history_credit_per_year.push_back(credit / history_years);
  std::vector<std::vector<double>> simulated(odds.currencies.size(),
                                             std::vector<double>(run.trials, 0.0));
  for (std::size_t l = 0; l < model.slas.size(); ++l) {
    const auto credit = trial_credit(run, l);
    const auto breaches = trial_breaches(run, model.slas[l], l);
    const double history_breaches = static_cast<double>(replay.slas[l].breaches) / history_years;
    const auto currency =
        std::find(odds.currencies.begin(), odds.currencies.end(), model.slas[l].currency) -
        odds.currencies.begin();
    const bool paid = model.slas[l].has_credits();
    double at_least = 0.0;
    for (std::size_t t = 0; t < run.trials; ++t) {
      if (paid) simulated[static_cast<std::size_t>(currency)][t] += credit[t] / run_years;
      // A relative tolerance: the same count per year read through two different periods.
      at_least += run.weights[t] * (breaches[t] / run_years >= history_breaches * (1 - 1e-12));
    }
    odds.breaches_at_least.push_back(at_least / static_cast<double>(run.trials));
  }
  for (std::size_t c = 0; c < odds.currencies.size(); ++c) {
    double at_least = 0.0;
    for (std::size_t t = 0; t < run.trials; ++t)
      at_least +=
          run.weights[t] * (simulated[c][t] >= odds.history_credit_per_year[c] * (1 - 1e-12));
    odds.credit_at_least.push_back(at_least / static_cast<double>(run.trials));
  }
  return odds;
}

}  // namespace reliasim
