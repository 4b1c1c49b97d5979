#include "reliasim/analysis/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "reliasim/model/contract.hpp"
#include "reliasim/model/window_names.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/pareto_tail.hpp"
#include "reliasim/stats/tail_risk.hpp"
#include "summary_parts.hpp"
#include "summary_state.hpp"

namespace reliasim {
namespace {

using summary::fraction_mean;
using summary::positive_mean;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// When an importance-sampling estimate is not to be trusted (docs/rare-events.md).
constexpr std::uint64_t minimum_outages = 30;
constexpr double largest_share_allowed = 0.1;
constexpr double relative_error_allowed = 0.3;
constexpr double pareto_k_allowed = 0.7;  // Vehtari et al. 2024

std::string scope_name(const CompiledModel& model, const ScopeRef& scope) {
  const auto i = static_cast<std::size_t>(scope.index);
  return scope.journey ? model.journeys[i].name : model.services[i].name;
}

const std::string& scope_description(const CompiledModel& model, const ScopeInfo& scope) {
  const auto i = static_cast<std::size_t>(scope.index);
  return scope.journey ? model.journeys[i].description : model.services[i].description;
}

// VaR and CVaR of annual amounts; `weights` empty in a plain run.
TailRisk annual_tail(const std::vector<double>& annual, std::span<const double> weights,
                     double level) {
  return weights.empty() ? tail_risk(annual, level) : tail_risk(annual, weights, level);
}

// VaR and CVaR at the three reported levels, of per-year credits kept or binned.
void set_tails(TailRisk& var95, TailRisk& var99, TailRisk& var999,
               const std::function<TailRisk(double)>& tail) {
  var95 = tail(0.95), var99 = tail(0.99), var999 = tail(0.999);
}

SlaSummary sla_summary(const SummaryLabels::Sla& label, const SlaState& state, bool binned,
                       std::span<const double> weights, double c, double per_year) {
  SlaSummary row{label.name,
                 label.customer,
                 label.currency,
                 state.breaches.probability(c),
                 positive_mean(state.credit, c, per_year),
                 positive_mean(state.breached, c, per_year),
                 positive_mean(state.window_credit, c),
                 {},
                 {},
                 {},
                 {},
                 positive_mean(state.plus_minute, c, per_year),
                 mean_interval(state.minus_minute, c, per_year, -infinity, 0.0),
                 state.first_breach.summary(c),
                 state.trials_breached.probability(c),
                 label.credit_schedule,
                 {}};
  for (const Share& paid : state.tier_windows) row.tier_probability.push_back(paid.probability(c));
  if (binned) {
    set_tails(row.var95, row.var99, row.var999,
              [&state](double level) { return tail_risk(state.annual_bins, level); });
  } else {
    std::vector<double> annual(state.annual);
    for (double& a : annual) a *= per_year;
    set_tails(row.var95, row.var99, row.var999,
              [&](double level) { return annual_tail(annual, weights, level); });
  }
  const auto trials = static_cast<double>(state.trials_breached.count());
  for (const double k : state.breach_trials) row.breach_windows.push_back(k / trials);
  return row;
}

// The portfolio of each SLA (every SLA with a credit schedule, grouped by currency in order of
// first use), or npos for an SLA without one.
std::vector<std::size_t> portfolio_of_slas(const SummaryLabels& labels) {
  std::vector<std::string> currencies;
  std::vector<std::size_t> of;
  for (const SummaryLabels::Sla& sla : labels.slas) {
    if (!sla.credit_schedule) {
      of.push_back(std::string::npos);
      continue;
    }
    const auto at = std::find(currencies.begin(), currencies.end(), sla.currency);
    of.push_back(static_cast<std::size_t>(at - currencies.begin()));
    if (at == currencies.end()) currencies.push_back(sla.currency);
  }
  return of;
}

// [portfolio][trial]: the annual credits of its SLAs added trial by trial, per year.
std::vector<std::vector<double>> portfolio_totals(const std::vector<SlaState>& slas,
                                                  const std::vector<std::size_t>& portfolio_of,
                                                  double per_year) {
  std::vector<std::vector<double>> totals;
  for (std::size_t l = 0; l < slas.size(); ++l) {
    const std::size_t p = portfolio_of[l];
    if (p == std::string::npos) continue;
    if (p == totals.size()) totals.emplace_back(slas[l].annual.size(), 0.0);
    for (std::size_t t = 0; t < totals[p].size(); ++t) totals[p][t] += slas[l].annual[t] * per_year;
  }
  return totals;
}

// Every SLA with a credit schedule grouped by currency, its annual credits added trial by trial.
std::vector<PortfolioSummary> portfolio_summaries(const SummaryBuilder::State& st,
                                                  const std::vector<SlaSummary>& rows, double c,
                                                  double per_year) {
  const std::vector<std::size_t> portfolio_of = portfolio_of_slas(st.labels);
  std::vector<PortfolioSummary> portfolios;
  for (std::size_t l = 0; l < rows.size(); ++l) {
    if (portfolio_of[l] == std::string::npos) continue;
    if (portfolio_of[l] == portfolios.size()) portfolios.emplace_back().currency = rows[l].currency;
    portfolios[portfolio_of[l]].contracts.push_back(rows[l].name);
    portfolios[portfolio_of[l]].sum_of_var99 += rows[l].var99.var;
  }
  if (st.tails_binned()) {
    for (std::size_t p = 0; p < portfolios.size(); ++p) {
      const PortfolioTail& tail = st.portfolio_tails[p];
      portfolios[p].credit_per_year = positive_mean(tail.total, c);
      set_tails(portfolios[p].var95, portfolios[p].var99, portfolios[p].var999,
                [&tail](double level) { return tail_risk(tail.tail, level); });
    }
    return portfolios;
  }
  const std::span<const double> weights = st.weights;
  const std::vector<std::vector<double>> totals = portfolio_totals(st.slas, portfolio_of, per_year);
  for (std::size_t p = 0; p < portfolios.size(); ++p) {
    MeanAccumulator total;
    for (std::size_t t = 0; t < totals[p].size(); ++t)
      total.add(weights.empty() ? totals[p][t] : weights[t] * totals[p][t]);
    portfolios[p].credit_per_year = positive_mean(total, c);
    set_tails(portfolios[p].var95, portfolios[p].var99, portfolios[p].var999,
              [&](double level) { return annual_tail(totals[p], weights, level); });
  }
  return portfolios;
}

}  // namespace

SummaryLabels summary_labels(const CompiledModel& model) {
  SummaryLabels l;
  l.scenario = model.name, l.description = model.description;
  l.windows = {
      window_kind_text(model.windows.kind), start_month_text(model), {}, model.windows.boundaries};
  for (std::size_t w = 0; w + 1 < model.windows.boundaries.size(); ++w)
    l.windows.names.push_back(window_name(model, w));
  for (const ServiceSpec& service : model.services) {
    l.service_names.push_back(service.name);
    l.service_descriptions.push_back(service.description);
  }
  l.failure_modes = model.failure_modes;
  for (const SlaSpec& sla : model.slas)
    l.slas.push_back({sla.name, sla.customer, sla.currency, sla.has_credits(), sla.credits.size()});
  for (const SloSpec& slo : model.slos)
    l.slos.push_back({slo.name, scope_name(model, slo.scope), slo.target});
  return l;
}

void SummaryBuilder::State::start(const RunResults& r) {
  seed = r.seed, horizon = r.horizon, scope_info = r.scopes;
  for (const ScopeInfo& scope : r.scopes)
    labels.scope_descriptions.push_back(scope_description(*model, scope));
  biasing = r.biasing, weighted = r.biasing.active();
  // Weighted quantiles need every value with its weight.
  if (weighted && !exact)
    throw std::invalid_argument("an importance-sampling run is summarised with exact quantiles");
  const bool w = weighted;
  for (std::size_t s = 0; s < r.scopes.size(); ++s)
    scopes.emplace_back(exact, w, r.windows(), r.horizon);
  service_up.assign(r.services.size(), Fraction(w));
  service_down.resize(r.services.size());
  service_degraded.resize(r.services.size());
  for (std::size_t m = 0; m < r.failure_modes.size(); ++m) modes.emplace_back(exact, w);
  for (std::size_t l = 0; l < r.slas.size(); ++l) slas.emplace_back(exact, w);
  for (std::size_t l = 0; l < r.slos.size(); ++l) slos.emplace_back(w);
}

void SummaryBuilder::State::add_scopes(const RunResults& r) {
  const std::size_t n = r.trials, count = r.scopes.size(), windows = r.windows();
  for (std::size_t scope = 0; scope < count; ++scope) {
    ScopeState& state = scopes[scope];
    for (std::size_t t = 0; t < n; ++t) {
      const double w = r.weights[t];
      const std::size_t cell = (t * count + scope) * windows;
      double down = 0.0, degraded = 0.0, error = 0.0;
      for (std::size_t k = 0; k < windows; ++k) {
        const double length = r.window_bounds[k + 1] - r.window_bounds[k];
        down += r.scope_down[cell + k];
        degraded += r.scope_degraded[cell + k];
        error += r.scope_error[cell + k];
        state.window_up[k].add(1.0 - r.scope_down[cell + k] / length, w);
        state.window_served[k].add(1.0 - r.scope_error[cell + k] / length, w);
      }
      state.available.add(1.0 - down / r.horizon, w);
      state.down.add(w * down);
      state.degraded.add(w * degraded);
      state.error.add(w * error);
      state.outages.add(w * r.scope_outages[t * count + scope]);
      const double longest = r.scope_longest_outage[t * count + scope];
      state.longest.add(w * longest);
      const bool had_outage = r.scope_outages[t * count + scope] > 0;
      const double first = r.scope_first_outage[t * count + scope];
      state.with_outage.add(had_outage, w);
      if (had_outage && weighted && scope == biasing.scope) target_weights.push_back(w);
      if (had_outage) state.first_outage.add(first, w);
      state.first_or_horizon.add(had_outage ? first : r.horizon, w);
      for (std::size_t k = 0; k < reliability_points; ++k) {
        state.outage_by[k].add(had_outage && first <= horizon_time(r.horizon, k), w);
        state.down_at[k].add(r.scope_down_at[(t * count + scope) * horizon_points + k] != 0.0, w);
      }
      for (std::size_t k = 0; k < outage_thresholds.size(); ++k)
        state.longer[k].add(longest > outage_thresholds[k], w);
    }
  }
  // [trial][scope][window]: user-facing incidents that start in the window.
  std::vector<std::uint32_t> starts(n * count * windows, 0);
  for (const OutageRecord& o : r.outages) {
    ScopeState& state = scopes[static_cast<std::size_t>(o.scope)];
    const double w = r.weights[o.trial - r.first_trial];
    if (std::isfinite(o.detected)) state.ttd.add(o.detected - o.start, w);
    if (!o.censored) state.duration.add(o.end - o.start, w);
    const auto k = static_cast<std::size_t>(
        std::upper_bound(r.window_bounds.begin(), r.window_bounds.end(), o.start) -
        r.window_bounds.begin());
    if (k == 0 || k > windows) continue;
    ++starts[((o.trial - r.first_trial) * count + static_cast<std::size_t>(o.scope)) * windows + k -
             1];
  }
  for (std::size_t scope = 0; scope < count; ++scope) {
    ScopeState& state = scopes[scope];
    for (std::size_t t = 0; t < n; ++t) {
      const double w = r.weights[t];
      double total = 0.0;
      for (std::size_t k = 0; k < windows; ++k) {
        const std::uint32_t started = starts[(t * count + scope) * windows + k];
        total += started;
        state.window_outages[std::min<std::size_t>(started, max_counted_window_outages)] += w;
      }
      state.outages_per_window.add(windows > 0 ? w * total / static_cast<double>(windows) : 0.0);
      state.windows_counted += static_cast<double>(windows);
    }
  }
  const std::size_t services = r.services.size();
  for (std::size_t v = 0; v < services; ++v) {
    for (std::size_t t = 0; t < n; ++t) {
      const double w = r.weights[t];
      const double down = r.service_down[t * services + v];
      service_up[v].add(1.0 - down / r.horizon, w);
      service_down[v].add(w * down);
      service_degraded[v].add(w * r.service_degraded[t * services + v]);
    }
  }
}

namespace {

// The incidents' indices grouped by failure mode within windows of consecutive records (a
// counting sort in each, keeping their order within a mode): a model of thousands of modes
// then adds a mode's incidents while its accumulators are in cache, some 64 at a time, and a
// small model's window of records (512 KiB) stays in cache too. The sums and bins are the same
// in any order.
std::vector<std::size_t> by_failure_mode(const std::vector<IncidentRecord>& incidents,
                                         std::size_t modes) {
  const std::size_t window = std::max<std::size_t>(8192, 64 * modes);
  std::vector<std::size_t> order(incidents.size()), next(modes + 1);
  for (std::size_t begin = 0; begin < incidents.size(); begin += window) {
    const std::size_t end = std::min(incidents.size(), begin + window);
    std::ranges::fill(next, begin);
    for (std::size_t k = begin; k < end; ++k)
      ++next[static_cast<std::size_t>(incidents[k].failure_mode) + 1];
    for (std::size_t m = 1; m <= modes; ++m) next[m] += next[m - 1] - begin;
    for (std::size_t k = begin; k < end; ++k)
      order[next[static_cast<std::size_t>(incidents[k].failure_mode)]++] = k;
  }
  return order;
}

}  // namespace

void SummaryBuilder::State::add_modes(const RunResults& r) {
  const std::size_t n = r.trials, count = r.failure_modes.size(), scopes_count = r.scopes.size();
  std::vector<double> incidents_of(count * n, 0.0), repairs_of(count * n, 0.0);
  for (const std::size_t k : by_failure_mode(r.incidents, count)) {
    const IncidentRecord& i = r.incidents[k];
    const std::size_t cell =
        static_cast<std::size_t>(i.failure_mode) * n + (i.trial - r.first_trial);
    const double w = r.weights[i.trial - r.first_trial];
    incidents_of[cell] += 1.0;
    repairs_of[cell] += i.repaired <= r.horizon;  // NaN (never repaired) compares false
    modes[static_cast<std::size_t>(i.failure_mode)].times.add(i, w);
  }
  for (std::size_t m = 0; m < count; ++m) {
    for (std::size_t t = 0; t < n; ++t) {
      const double w = r.weights[t];
      modes[m].incidents.add(w * incidents_of[m * n + t]);
      modes[m].repairs.add(w * repairs_of[m * n + t]);
      modes[m].down.add(scopes_count > 0 ? w * r.attributed_down[t * scopes_count * count + m]
                                         : 0.0);
      modes[m].error.add(scopes_count > 0 ? w * r.attributed_error[t * scopes_count * count + m]
                                          : 0.0);
    }
  }
}

void SummaryBuilder::State::add_slas(const RunResults& r) {
  std::size_t stride = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) stride += r.sla_windows(l);
  std::size_t offset = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) {
    const std::size_t windows = r.sla_windows(l);
    const SlaSpec& spec = model->slas[l];
    SlaState& state = slas[l];
    state.tier_windows.resize(spec.credits.size(), Share(weighted));
    state.breach_trials.resize(windows + 1);
    const auto& bounds = r.sla_window_bounds[l];
    std::vector<std::uint64_t> paid_tier(spec.credits.size());
    for (std::size_t t = 0; t < r.trials; ++t) {
      const double weight = r.weights[t];
      double credit = 0.0, plus = 0.0, minus = 0.0;
      std::size_t breached = 0;
      std::ranges::fill(paid_tier, 0);
      for (std::size_t w = 0; w < windows; ++w) {
        const double uptime = r.sla_uptime[t * stride + offset + w];
        const double paid = r.sla_credit[t * stride + offset + w];
        const double counted = r.sla_counted[t * stride + offset + w];
        if (counted > 0.0) {
          const double bad = counted * (1.0 - uptime);
          const auto owed = [&](double seconds) {
            const double up = std::clamp((counted - seconds) / counted, 0.0, 1.0);
            return credit_owed(spec, up, bounds[w], bounds[w + 1]);
          };
          plus += owed(bad + 60.0) - paid;
          minus += owed(std::max(0.0, bad - 60.0)) - paid;
        }
        if (uptime < spec.target && breached++ == 0) state.first_breach.add(bounds[w + 1], weight);
        credit += paid;
        state.window_credit.add(weight * paid);
        // The tier a window pays: the largest credit among the tiers its uptime falls under.
        std::size_t tier = spec.credits.size();
        for (std::size_t k = 0; k < spec.credits.size(); ++k)
          if (uptime < spec.credits[k].below &&
              (tier == spec.credits.size() || spec.credits[k].credit > spec.credits[tier].credit))
            tier = k;
        if (tier < spec.credits.size()) ++paid_tier[tier];
      }
      for (std::size_t k = 0; k < paid_tier.size(); ++k)
        state.tier_windows[k].add(paid_tier[k], windows, weight);
      state.breaches.add(breached, windows, weight);
      state.trials_breached.add(breached > 0, weight);
      state.credit.add(weight * credit);
      state.plus_minute.add(weight * plus);
      state.minus_minute.add(weight * minus);
      state.breached.add(weight * static_cast<double>(breached));
      state.annual.push_back(credit);
      state.breach_trials[breached] += weight;
    }
    offset += windows;
  }
}

// An SLO is judged on runs of `span` consecutive stored intervals: each window (span 1), or
// for a rolling window every run of its steps, sliding one step at a time.
void SummaryBuilder::State::add_slos(const RunResults& r) {
  std::size_t stride = 0;
  for (std::size_t l = 0; l < r.slos.size(); ++l) stride += r.slo_windows(l);
  std::size_t offset = 0;
  for (std::size_t l = 0; l < r.slos.size(); offset += r.slo_windows(l), ++l) {
    const auto& bounds = r.slo_window_bounds[l];
    const std::size_t steps = r.slo_windows(l), span = r.slo_span[l];
    const std::size_t windows = steps >= span ? steps - span + 1 : 0;
    const double allowed = 1.0 - model->slos[l].target;
    SloState& state = slos[l];
    state.rolling = span > 1;
    state.budget = 0.0;
    for (std::size_t w = 0; w < windows; ++w)
      state.budget += allowed * (bounds[w + span] - bounds[w]);
    for (std::size_t t = 0; t < r.trials; ++t) {
      const double weight = r.weights[t];
      const double* spent = &r.slo_spent[t * stride + offset];
      double share = 0.0, exhausted = 0.0, sum = 0.0;
      for (std::size_t step = 0; step < steps; ++step) {
        sum += spent[step];
        if (step + 1 < span) continue;
        const std::size_t w = step + 1 - span;
        const double used = sum / (allowed * (bounds[w + span] - bounds[w]));
        share += used;
        exhausted += used >= 1.0;
        sum -= spent[w];
      }
      state.spent.add(windows > 0 ? weight * share / static_cast<double>(windows) : 0.0);
      state.per_trial.add(weight * exhausted);
      state.exhausted_share.add(windows > 0 ? weight * exhausted / static_cast<double>(windows)
                                            : 0.0);
      state.exhausted.add(static_cast<std::uint64_t>(exhausted), windows, weight);
    }
  }
}

// The diagnostics of docs/rare-events.md, on P(an outage of the biased scope in the horizon).
RareEventSummary SummaryBuilder::State::rare_event(const Summary& s) const {
  RareEventSummary e;
  const ScopeState& target = scopes.at(biasing.scope);
  e.scope = s.scopes.at(biasing.scope).scope.name;
  e.biases = biasing.biases;
  e.trials_with_outage = target.with_outage.hits();
  e.outage_probability = target.with_outage.probability(confidence);
  const MeanSummary mass = target.with_outage.weighted_mass().summary(confidence);
  const double p = e.outage_probability.estimate;
  e.relative_error = p > 0.0 ? mass.std_error / p : infinity;
  e.effective_sample_size = effective_sample_size(weights);
  double sum = 0.0, largest = 0.0;
  for (const double w : target_weights) sum += w, largest = std::max(largest, w);
  e.largest_weight_share = sum > 0.0 ? largest / sum : 0.0;
  e.pareto_k = pareto_tail_shape(target_weights);
  e.plain_trials_needed =
      p > 0.0 ? (1.0 - p) / (p * e.relative_error * e.relative_error) : infinity;
  const auto percent = [](double x) { return std::to_string(std::lround(100.0 * x)) + " %"; };
  if (e.trials_with_outage < minimum_outages)
    e.warnings.push_back("only " + std::to_string(e.trials_with_outage) +
                         " trials had an outage of " + e.scope + " (at least " +
                         std::to_string(minimum_outages) +
                         " are needed): run more trials or bias harder");
  if (e.largest_weight_share > largest_share_allowed)
    e.warnings.push_back("one trial carries " + percent(e.largest_weight_share) +
                         " of the estimate: the weights have degenerated, bias less");
  if (e.pareto_k > pareto_k_allowed)
    e.warnings.push_back("the weights' tail is too heavy (Pareto k " +
                         std::to_string(e.pareto_k).substr(0, 4) +
                         " above 0.7): the estimate and its interval cannot be trusted");
  if (!(e.relative_error <= relative_error_allowed))
    e.warnings.push_back("the relative error is " + percent(e.relative_error) + ", above " +
                         percent(relative_error_allowed));
  return e;
}

namespace {

// The per-trial values of two builders' disjoint ranges, in trial order.
std::vector<double> join_in_trial_order(const std::vector<TrialRange>& a_ranges,
                                        const std::vector<double>& a,
                                        const std::vector<TrialRange>& b_ranges,
                                        const std::vector<double>& b) {
  struct Piece {
    std::uint64_t first;
    const double* values;
    std::uint64_t count;
  };
  std::vector<Piece> pieces;
  std::uint64_t at = 0;
  for (const TrialRange& r : a_ranges)
    pieces.push_back({r.first, a.data() + at, r.count}), at += r.count;
  at = 0;
  for (const TrialRange& r : b_ranges)
    pieces.push_back({r.first, b.data() + at, r.count}), at += r.count;
  std::ranges::sort(pieces, {}, &Piece::first);
  std::vector<double> joined;
  joined.reserve(a.size() + b.size());
  for (const Piece& p : pieces) joined.insert(joined.end(), p.values, p.values + p.count);
  return joined;
}

// Why two builders' trials cannot be merged, or empty.
std::string merge_conflict(const SummaryBuilder::State& a, const SummaryBuilder::State& b) {
  if (a.weighted || b.weighted) return "importance-sampling summaries are not merged";
  if (a.exact != b.exact) return "one keeps exact quantiles, the other bins them";
  if (a.confidence != b.confidence) return "their confidence levels differ";
  if (a.incident_limit != b.incident_limit) return "they keep different numbers of incidents";
  if (a.seed != b.seed)
    return "their seeds differ (" + std::to_string(a.seed) + " and " + std::to_string(b.seed) + ")";
  if (a.horizon != b.horizon) return "their horizons differ";
  if (!(a.labels == b.labels) || a.scopes.size() != b.scopes.size() ||
      a.slas.size() != b.slas.size())
    return "they summarise different scenarios";
  return {};
}

}  // namespace

std::vector<TrialRange> join_ranges(std::vector<TrialRange> ranges) {
  std::ranges::sort(ranges, {}, &TrialRange::first);
  std::vector<TrialRange> joined;
  for (const TrialRange& r : ranges) {
    if (!joined.empty() && r.first < joined.back().end())
      throw std::invalid_argument("trials " + std::to_string(r.first) + " to " +
                                  std::to_string(std::min(r.end(), joined.back().end()) - 1) +
                                  " are in more than one part");
    if (!joined.empty() && r.first == joined.back().end())
      joined.back().count += r.count;
    else
      joined.push_back(r);
  }
  return joined;
}

std::optional<std::uint64_t> trials_in(const std::vector<TrialRange>& ranges) {
  std::uint64_t trials = 0, end = 0;
  for (const TrialRange& r : ranges) {
    if (r.count == 0 || r.first < end || r.first + r.count < r.first) return std::nullopt;
    trials += r.count, end = r.end();
  }
  return trials;
}

void SummaryBuilder::State::bin_tails() {
  const double per_year = seconds_per_year / horizon;
  const std::vector<std::size_t> portfolio_of = portfolio_of_slas(labels);
  const std::vector<std::vector<double>> totals = portfolio_totals(slas, portfolio_of, per_year);
  portfolio_tails.resize(totals.size());
  for (std::size_t p = 0; p < totals.size(); ++p)
    for (const double total : totals[p]) {
      portfolio_tails[p].total.add(total);
      portfolio_tails[p].tail.add(total);
    }
  for (SlaState& sla : slas) {
    for (const double credit : sla.annual) sla.annual_bins.add(credit * per_year);
    sla.annual = {};
  }
}

void SummaryBuilder::State::merge(const State& o) {
  if (o.trials == 0) return;
  if (trials == 0) {
    const CompiledModel* own = model;
    *this = o;
    if (own) model = own;
    return;
  }
  if (const std::string why = merge_conflict(*this, o); !why.empty())
    throw std::invalid_argument("summaries cannot be merged: " + why);
  std::vector<TrialRange> all = ranges;
  all.insert(all.end(), o.ranges.begin(), o.ranges.end());
  std::vector<TrialRange> joined = join_ranges(std::move(all));
  const bool binned = !exact && !weighted && trials + o.trials > max_exact_tail_trials;
  if (!binned) {
    for (std::size_t l = 0; l < slas.size(); ++l) {
      slas[l].annual = join_in_trial_order(ranges, slas[l].annual, o.ranges, o.slas[l].annual);
      slas[l].merge_sums(o.slas[l]);
    }
  } else {
    // Together beyond the trials kept: both sides' credits go into bins, then merge.
    State other = o;
    other.bin_tails();
    bin_tails();
    portfolio_tails.resize(other.portfolio_tails.size());
    merge_each(portfolio_tails, other.portfolio_tails);
    for (std::size_t l = 0; l < slas.size(); ++l) slas[l].merge_sums(other.slas[l]);
  }
  // The first records of the union are among the first of each side: join, then cut.
  incidents_kept.insert(incidents_kept.end(), o.incidents_kept.begin(), o.incidents_kept.end());
  std::ranges::stable_sort(incidents_kept, {}, &IncidentRecord::trial);
  if (incidents_kept.size() > incident_limit) incidents_kept.resize(incident_limit);
  ranges = std::move(joined);
  trials += o.trials, events += o.events, incidents += o.incidents;
  merge_each(scopes, o.scopes);
  merge_each(service_up, o.service_up);
  merge_each(service_down, o.service_down);
  merge_each(service_degraded, o.service_degraded);
  merge_each(modes, o.modes);
  merge_each(slos, o.slos);
}

SummaryBuilder::SummaryBuilder(const CompiledModel& model, bool exact_quantiles, double confidence)
    : state_(std::make_unique<State>(&model, exact_quantiles, confidence)) {}
SummaryBuilder::SummaryBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}
SummaryBuilder::~SummaryBuilder() = default;
SummaryBuilder::SummaryBuilder(SummaryBuilder&&) noexcept = default;
SummaryBuilder& SummaryBuilder::operator=(SummaryBuilder&&) noexcept = default;

void SummaryBuilder::add(const RunResults& batch) {
  State& s = *state_;
  if (!s.model) throw std::invalid_argument("a summary loaded from a file cannot add trials");
  if (s.trials == 0) {
    s.start(batch);
    s.ranges.push_back({batch.first_trial, 0});
  } else if (batch.first_trial != s.ranges.back().end() || batch.seed != s.seed) {
    throw std::invalid_argument("summary batches must be consecutive trials of one run");
  }
  s.ranges.back().count += batch.trials;
  s.trials += batch.trials;
  s.events += batch.events;
  s.incidents += batch.incidents.size();
  s.add_scopes(batch);
  s.add_modes(batch);
  s.add_slas(batch);
  s.add_slos(batch);
  if (s.weighted) s.weights.insert(s.weights.end(), batch.weights.begin(), batch.weights.end());
  if (s.tails_binned()) s.bin_tails();
  const std::size_t room =
      s.incident_limit - std::min<std::uint64_t>(s.incident_limit, s.incidents_kept.size());
  const std::size_t taken = std::min(room, batch.incidents.size());
  s.incidents_kept.insert(s.incidents_kept.end(), batch.incidents.begin(),
                          batch.incidents.begin() + static_cast<std::ptrdiff_t>(taken));
}

void SummaryBuilder::keep_incidents(std::uint64_t count) {
  if (state_->trials > 0) throw std::invalid_argument("keep_incidents: ask before adding trials");
  state_->incident_limit = count;
}

void SummaryBuilder::merge(const SummaryBuilder& other) {
  state_->merge(*other.state_);
}

const std::vector<TrialRange>& SummaryBuilder::ranges() const {
  return state_->ranges;
}
std::uint64_t SummaryBuilder::seed() const {
  return state_->seed;
}

double SummaryBuilder::relative_half_width(const PrecisionMetric& metric) const {
  const State& s = *state_;
  const bool sla = metric.kind == PrecisionMetric::Kind::sla_credit;
  if (sla ? metric.index >= s.slas.size() : metric.index >= s.scopes.size())
    throw std::invalid_argument("the precision metric names no scope or SLA of this summary");
  return reliasim::relative_half_width(sla ? s.slas[metric.index].credit
                                           : s.scopes[metric.index].down);
}

Summary SummaryBuilder::finish() const {
  const State& st = *state_;
  if (st.trials < 2) throw std::invalid_argument("a summary needs at least 2 trials");
  const double c = st.confidence, per_year = seconds_per_year / st.horizon;
  Summary s;
  const SummaryLabels& labels = st.labels;
  s.scenario = labels.scenario, s.description = labels.description;
  s.windows = labels.windows;
  s.trials = st.trials, s.seed = st.seed, s.horizon = st.horizon, s.confidence = c;
  s.events = st.events, s.incidents = st.incidents;
  for (std::size_t i = 0; i < st.scopes.size(); ++i) {
    const ScopeState& x = st.scopes[i];
    ScopeSummary row{st.scope_info[i],
                     labels.scope_descriptions[i],
                     x.available.interval(c),
                     positive_mean(x.down, c, per_year),
                     positive_mean(x.degraded, c, per_year),
                     positive_mean(x.error, c, per_year),
                     positive_mean(x.outages, c, per_year),
                     positive_mean(x.longest, c),
                     x.ttd.summary(c),
                     x.duration.summary(c),
                     {},
                     {},
                     positive_mean(x.outages_per_window, c),
                     {},
                     x.with_outage.probability(c),
                     {},
                     {},
                     {},
                     {},
                     positive_mean(x.outages, c),
                     {},
                     x.first_or_horizon.interval(c),
                     {}};
    for (const Share& longer : x.longer)
      row.longer_outage_probability.push_back(longer.probability(c));
    row.time_to_first_outage = x.first_outage.summary(c);
    for (std::size_t k = 0; k < reliability_points; ++k) {
      const double t = horizon_time(st.horizon, k);
      row.reliability.push_back({t, x.outage_by[k].complement(c)});
      row.point_availability.push_back({t, x.down_at[k].complement(c)});
    }
    const bool every_trial_failed = x.with_outage.hits() == x.with_outage.count();
    row.mttf = every_trial_failed ? row.restricted_mttf : Interval{nan, nan, nan, c};
    for (const double p : b_life_fractions)
      row.b_lives.push_back(x.first_outage.censored_quantile(p, st.trials, c));
    for (const auto& w : x.window_up) row.window_availability.push_back(w.interval(c));
    for (const auto& w : x.window_served) row.window_served.push_back(w.interval(c));
    for (const double k : x.window_outages)
      row.window_outages.push_back(x.windows_counted > 0 ? k / x.windows_counted : 0.0);
    s.scopes.push_back(std::move(row));
  }
  for (std::size_t v = 0; v < st.service_up.size(); ++v)
    s.services.push_back({labels.service_names[v], labels.service_descriptions[v],
                          st.service_up[v].interval(c),
                          positive_mean(st.service_down[v], c, per_year),
                          positive_mean(st.service_degraded[v], c, per_year)});
  Times all(st.exact, st.weighted);
  for (const ModeState& mode : st.modes) all.merge(mode.times);
  s.times = all.summary(c);
  double total = 0.0, total_error = 0.0;
  for (std::size_t m = 0; m < st.modes.size(); ++m) {
    const ModeState& x = st.modes[m];
    s.failure_modes.push_back({labels.failure_modes[m], positive_mean(x.incidents, c, per_year),
                               positive_mean(x.down, c, per_year), 0.0, x.times.summary(c),
                               static_cast<Index>(m), positive_mean(x.error, c, per_year), 0.0,
                               positive_mean(x.incidents, c), positive_mean(x.repairs, c)});
    total += s.failure_modes.back().downtime_per_year.estimate;
    total_error += s.failure_modes.back().error_time_per_year.estimate;
  }
  for (auto& row : s.failure_modes) {
    row.downtime_share = total > 0.0 ? row.downtime_per_year.estimate / total : 0.0;
    row.error_share = total_error > 0.0 ? row.error_time_per_year.estimate / total_error : 0.0;
  }
  // What users lose ranks the rows: error time counts a degradation by the requests it fails,
  // which downtime alone leaves out (a bad deploy failing 80 % of checkouts).
  std::stable_sort(s.failure_modes.begin(), s.failure_modes.end(),
                   [](const auto& a, const auto& b) {
                     if (a.error_time_per_year.estimate != b.error_time_per_year.estimate)
                       return a.error_time_per_year.estimate > b.error_time_per_year.estimate;
                     return a.downtime_per_year.estimate > b.downtime_per_year.estimate;
                   });
  for (std::size_t l = 0; l < st.slas.size(); ++l)
    s.slas.push_back(
        sla_summary(labels.slas[l], st.slas[l], st.tails_binned(), st.weights, c, per_year));
  s.portfolios = portfolio_summaries(st, s.slas, c, per_year);
  for (std::size_t l = 0; l < st.slos.size(); ++l) {
    const SummaryLabels::Slo& spec = labels.slos[l];
    const SloState& x = st.slos[l];
    const std::size_t windows = x.exhausted.count() / st.trials;
    s.slos.push_back({spec.name, spec.scope, spec.target, x.budget / static_cast<double>(windows),
                      positive_mean(x.spent, c),
                      x.rolling ? fraction_mean(x.exhausted_share, c) : x.exhausted.probability(c),
                      positive_mean(x.per_trial, c, per_year)});
  }
  if (st.weighted) s.rare_event = st.rare_event(s);
  if (st.incident_limit > 0) s.incident_records = st.incidents_kept;
  return s;
}

double summary_trial_bytes(const CompiledModel& model, std::uint64_t trials) {
  const auto kept = static_cast<double>(std::min(trials, max_exact_tail_trials));
  return 8.0 * kept * 5.0 * static_cast<double>(model.slas.size());
}

Summary summarize(const RunResults& results, const CompiledModel& model, double confidence,
                  std::uint64_t keep_incidents) {
  SummaryBuilder builder(model, true, confidence);
  builder.keep_incidents(keep_incidents);
  builder.add(results);
  return builder.finish();
}

}  // namespace reliasim
