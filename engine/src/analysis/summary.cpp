#include "reliasim/analysis/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "reliasim/model/contract.hpp"
#include "reliasim/model/window_names.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/pareto_tail.hpp"
#include "reliasim/stats/tail_risk.hpp"
#include "summary_parts.hpp"

namespace reliasim {
namespace {

using summary::Durations;
using summary::Fraction;
using summary::fraction_mean;
using summary::positive_mean;
using summary::Share;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// When an importance-sampling estimate is not to be trusted (docs/rare-events.md).
constexpr std::uint64_t minimum_outages = 30;
constexpr double largest_share_allowed = 0.1;
constexpr double relative_error_allowed = 0.3;
constexpr double pareto_k_allowed = 0.7;  // Vehtari et al. 2024

struct Times {
  Times(bool exact, bool weighted)
      : ttd(exact, weighted), tta(exact, weighted), ttm(exact, weighted), ttr(exact, weighted) {}
  void add(const IncidentRecord& i, double w) {
    if (std::isfinite(i.detected)) ttd.add(i.detected - i.start, w);
    if (std::isfinite(i.engaged) && std::isfinite(i.detected)) tta.add(i.engaged - i.detected, w);
    if (std::isfinite(i.mitigated)) ttm.add(i.mitigated - i.start, w);
    if (std::isfinite(i.repaired)) ttr.add(i.repaired - i.start, w);
  }
  void merge(const Times& other) {
    ttd.merge(other.ttd), tta.merge(other.tta), ttm.merge(other.ttm), ttr.merge(other.ttr);
  }
  [[nodiscard]] IncidentTimes summary(double confidence) const {
    return {ttd.summary(confidence), tta.summary(confidence), ttm.summary(confidence),
            ttr.summary(confidence)};
  }
  Durations ttd, tta, ttm, ttr;
};

struct ScopeState {
  ScopeState(bool exact, bool weighted, std::size_t windows, double horizon)
      : available(weighted),
        window_up(windows, Fraction(weighted)),
        window_served(windows, Fraction(weighted)),
        ttd(exact, weighted),
        duration(exact, weighted),
        window_outages(max_counted_window_outages + 1),
        with_outage(weighted),
        first_outage(exact, weighted),
        first_or_horizon(weighted, horizon) {
    outage_by.fill(Share(weighted));
    down_at.fill(Share(weighted));
    longer.fill(Share(weighted));
  }
  Fraction available;
  MeanAccumulator down, degraded, error, outages, longest, outages_per_window;
  std::vector<Fraction> window_up, window_served;
  Durations ttd, duration;
  std::vector<double> window_outages;  // [k]: weight of windows with k user-facing incidents
  double windows_counted = 0;
  Share with_outage;
  Durations first_outage;
  std::array<Share, reliability_points> outage_by;     // [k]: an outage by t_k
  std::array<Share, reliability_points> down_at;       // [k]: down at t_k
  Fraction first_or_horizon;                           // [trial]: min(first outage, horizon)
  std::array<Share, outage_thresholds.size()> longer;  // [threshold]: an outage longer
};

struct ModeState {
  ModeState(bool exact, bool weighted) : times(exact, weighted) {}
  MeanAccumulator incidents, repairs, down, error;
  Times times;
};

struct SlaState {
  SlaState(bool exact, bool weighted)
      : breaches(weighted), trials_breached(weighted), first_breach(exact, weighted) {}
  Share breaches, trials_breached;  // per window; per trial
  Durations first_breach;
  MeanAccumulator credit, breached, window_credit;
  MeanAccumulator plus_minute, minus_minute;  // [trial]: the credit's change, a minute each way
  std::vector<double> annual;                 // per trial: credit over the horizon
  std::vector<Share> tier_windows;            // [tier]: windows that paid it
  std::vector<double> breach_trials;          // [k]: weight of trials with k breached windows
};

struct SloState {
  explicit SloState(bool weighted) : exhausted(weighted) {}
  Share exhausted;                   // per window
  double budget = 0.0;               // summed over the windows of one trial
  MeanAccumulator spent, per_trial;  // [trial]: mean share of budget spent; windows exhausted
  MeanAccumulator exhausted_share;   // [trial]: share of its windows exhausted
  bool rolling = false;              // overlapping windows: a trial's are not independent
};

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

SlaSummary sla_summary(const SlaSpec& spec, const SlaState& state, std::span<const double> weights,
                       double c, double per_year) {
  SlaSummary row{spec.name,
                 spec.customer,
                 spec.currency,
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
                 spec.has_credits(),
                 {}};
  for (const Share& paid : state.tier_windows) row.tier_probability.push_back(paid.probability(c));
  std::vector<double> annual(state.annual);
  for (double& a : annual) a *= per_year;
  row.var95 = annual_tail(annual, weights, 0.95);
  row.var99 = annual_tail(annual, weights, 0.99);
  row.var999 = annual_tail(annual, weights, 0.999);
  const auto trials = static_cast<double>(state.trials_breached.count());
  for (const double k : state.breach_trials) row.breach_windows.push_back(k / trials);
  return row;
}

// Every SLA with a credit schedule grouped by currency, its annual credits added trial by trial.
std::vector<PortfolioSummary> portfolio_summaries(const std::vector<SlaState>& slas,
                                                  const std::vector<SlaSummary>& rows,
                                                  std::span<const double> weights, double c,
                                                  double per_year) {
  std::vector<PortfolioSummary> portfolios;
  std::vector<std::vector<double>> totals;  // [portfolio][trial]
  for (std::size_t l = 0; l < rows.size(); ++l) {
    if (!rows[l].credit_schedule) continue;
    auto same = [&](const PortfolioSummary& p) { return p.currency == rows[l].currency; };
    const auto p = static_cast<std::size_t>(
        std::find_if(portfolios.begin(), portfolios.end(), same) - portfolios.begin());
    if (p == portfolios.size()) {
      portfolios.emplace_back().currency = rows[l].currency;
      totals.emplace_back(slas[l].annual.size(), 0.0);
    }
    portfolios[p].contracts.push_back(rows[l].name);
    portfolios[p].sum_of_var99 += rows[l].var99.var;
    for (std::size_t t = 0; t < totals[p].size(); ++t) totals[p][t] += slas[l].annual[t] * per_year;
  }
  for (std::size_t p = 0; p < portfolios.size(); ++p) {
    MeanAccumulator total;
    for (std::size_t t = 0; t < totals[p].size(); ++t)
      total.add(weights.empty() ? totals[p][t] : weights[t] * totals[p][t]);
    portfolios[p].credit_per_year = positive_mean(total, c);
    portfolios[p].var95 = annual_tail(totals[p], weights, 0.95);
    portfolios[p].var99 = annual_tail(totals[p], weights, 0.99);
    portfolios[p].var999 = annual_tail(totals[p], weights, 0.999);
  }
  return portfolios;
}

}  // namespace

struct SummaryBuilder::State {
  State(const CompiledModel& m, bool e, double c) : model(m), exact(e), confidence(c) {}
  const CompiledModel& model;
  bool exact;
  double confidence;
  std::uint64_t trials = 0, first_trial = 0, seed = 0, events = 0, incidents = 0;
  double horizon = 0.0;
  Biasing biasing;
  bool weighted = false;
  std::vector<double> weights;         // [trial], under importance sampling only
  std::vector<double> target_weights;  // of the trials with an outage of the biased scope
  std::vector<ScopeInfo> scope_info;
  std::vector<ScopeState> scopes;
  std::vector<Fraction> service_up;
  std::vector<MeanAccumulator> service_down, service_degraded;
  std::vector<ModeState> modes;  // every incident's times are those of its mode, merged
  std::vector<SlaState> slas;
  std::vector<SloState> slos;

  void start(const RunResults& r) {
    first_trial = r.first_trial, seed = r.seed, horizon = r.horizon, scope_info = r.scopes;
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
  void add_scopes(const RunResults& r);
  void add_modes(const RunResults& r);
  void add_slas(const RunResults& r);
  void add_slos(const RunResults& r);
  [[nodiscard]] RareEventSummary rare_event(const Summary& s) const;
};

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

void SummaryBuilder::State::add_modes(const RunResults& r) {
  const std::size_t n = r.trials, count = r.failure_modes.size(), scopes_count = r.scopes.size();
  std::vector<double> incidents_of(count * n, 0.0), repairs_of(count * n, 0.0);
  for (const IncidentRecord& i : r.incidents) {
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
    const SlaSpec& spec = model.slas[l];
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
    const double allowed = 1.0 - model.slos[l].target;
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

SummaryBuilder::SummaryBuilder(const CompiledModel& model, bool exact_quantiles, double confidence)
    : state_(std::make_unique<State>(model, exact_quantiles, confidence)) {}
SummaryBuilder::~SummaryBuilder() = default;
SummaryBuilder::SummaryBuilder(SummaryBuilder&&) noexcept = default;
SummaryBuilder& SummaryBuilder::operator=(SummaryBuilder&&) noexcept = default;

void SummaryBuilder::add(const RunResults& batch) {
  State& s = *state_;
  if (s.trials == 0)
    s.start(batch);
  else if (batch.first_trial != s.first_trial + s.trials || batch.seed != s.seed)
    throw std::invalid_argument("summary batches must be consecutive trials of one run");
  s.trials += batch.trials;
  s.events += batch.events;
  s.incidents += batch.incidents.size();
  s.add_scopes(batch);
  s.add_modes(batch);
  s.add_slas(batch);
  s.add_slos(batch);
  if (s.weighted) s.weights.insert(s.weights.end(), batch.weights.begin(), batch.weights.end());
}

Summary SummaryBuilder::finish() const {
  const State& st = *state_;
  if (st.trials < 2) throw std::invalid_argument("a summary needs at least 2 trials");
  const double c = st.confidence, per_year = seconds_per_year / st.horizon;
  Summary s;
  s.scenario = st.model.name, s.description = st.model.description;
  s.windows = {window_kind_text(st.model.windows.kind),
               start_month_text(st.model),
               {},
               st.model.windows.boundaries};
  for (std::size_t w = 0; w + 1 < st.model.windows.boundaries.size(); ++w)
    s.windows.names.push_back(window_name(st.model, w));
  s.trials = st.trials, s.seed = st.seed, s.horizon = st.horizon, s.confidence = c;
  s.events = st.events, s.incidents = st.incidents;
  for (std::size_t i = 0; i < st.scopes.size(); ++i) {
    const ScopeState& x = st.scopes[i];
    ScopeSummary row{st.scope_info[i],
                     scope_description(st.model, st.scope_info[i]),
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
    s.services.push_back({st.model.services[v].name, st.model.services[v].description,
                          st.service_up[v].interval(c),
                          positive_mean(st.service_down[v], c, per_year),
                          positive_mean(st.service_degraded[v], c, per_year)});
  Times all(st.exact, st.weighted);
  for (const ModeState& mode : st.modes) all.merge(mode.times);
  s.times = all.summary(c);
  double total = 0.0, total_error = 0.0;
  for (std::size_t m = 0; m < st.modes.size(); ++m) {
    const ModeState& x = st.modes[m];
    s.failure_modes.push_back({st.model.failure_modes[m], positive_mean(x.incidents, c, per_year),
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
    s.slas.push_back(sla_summary(st.model.slas[l], st.slas[l], st.weights, c, per_year));
  s.portfolios = portfolio_summaries(st.slas, s.slas, st.weights, c, per_year);
  for (std::size_t l = 0; l < st.slos.size(); ++l) {
    const SloSpec& spec = st.model.slos[l];
    const SloState& x = st.slos[l];
    const std::size_t windows = x.exhausted.count() / st.trials;
    s.slos.push_back({spec.name, scope_name(st.model, spec.scope), spec.target,
                      x.budget / static_cast<double>(windows), positive_mean(x.spent, c),
                      x.rolling ? fraction_mean(x.exhausted_share, c) : x.exhausted.probability(c),
                      positive_mean(x.per_trial, c, per_year)});
  }
  if (st.weighted) s.rare_event = st.rare_event(s);
  return s;
}

Summary summarize(const RunResults& results, const CompiledModel& model, double confidence) {
  SummaryBuilder builder(model, true, confidence);
  builder.add(results);
  return builder.finish();
}

}  // namespace reliasim
