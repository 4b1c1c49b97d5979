#include "reliasim/analysis/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "reliasim/model/contract.hpp"
#include "reliasim/model/window_names.hpp"
#include "reliasim/stats/binned_sample.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/proportion.hpp"
#include "reliasim/stats/quantile.hpp"

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Means of values that are never negative (downtime, counts, credits), or are fractions.
Interval positive_mean(const MeanAccumulator& values, double confidence, double factor = 1.0) {
  return mean_interval(values, confidence, factor, 0.0);
}
Interval fraction_mean(const MeanAccumulator& values, double confidence) {
  return mean_interval(values, confidence, 1.0, 0.0, 1.0);
}

// A duration's mean and quantiles, kept exactly or in bins.
class Durations {
 public:
  explicit Durations(bool exact) : exact_(exact) {}
  void add(double value) {
    mean_.add(value);
    if (exact_)
      values_.push_back(value);
    else
      binned_.add(value);
  }
  [[nodiscard]] DurationSummary summary(double confidence) const {
    DurationSummary d;
    d.count = mean_.count();
    if (d.count == 0) {
      d.mean = d.p50 = d.p90 = d.p99 = {nan, nan, nan, confidence};
      return d;
    }
    d.mean = d.count > 1 ? mean_.summary(confidence).interval
                         : Interval{mean_.mean(), nan, nan, confidence};
    if (exact_) {
      constexpr std::array<double, 3> levels{0.50, 0.90, 0.99};
      const std::vector<Interval> q = quantile_intervals(values_, levels, confidence);
      d.p50 = q[0], d.p90 = q[1], d.p99 = q[2];
    } else {
      d.p50 = binned_.quantile_interval(0.50, confidence);
      d.p90 = binned_.quantile_interval(0.90, confidence);
      d.p99 = binned_.quantile_interval(0.99, confidence);
    }
    return d;
  }

  // The p-quantile over `total` values of which the ones not added are larger than every
  // added one (trials whose event lies beyond the horizon): +infinity where it needs them.
  [[nodiscard]] Interval censored_quantile(double p, std::uint64_t total, double confidence) const {
    if (total < 2) return {nan, nan, nan, confidence};
    std::vector<double> sorted;
    if (exact_) {
      sorted = values_;
      std::sort(sorted.begin(), sorted.end());
    }
    const std::uint64_t kept = mean_.count();
    const auto at_rank = [&](std::uint64_t rank) {  // 1-based; 0 stands for 0, beyond for +inf
      if (rank == 0) return 0.0;
      if (rank > kept) return infinity;
      return exact_ ? sorted[rank - 1] : binned_.value_at_rank(rank);
    };
    // Hyndman and Fan's type 7, as SortedSample::quantile.
    const double h = static_cast<double>(total - 1) * p;
    const auto below = static_cast<std::uint64_t>(std::floor(h));
    const double low = at_rank(below + 1), high = at_rank(std::min(below + 2, total));
    const double fraction = h - static_cast<double>(below);
    const double estimate = fraction == 0.0        ? low
                            : !std::isfinite(high) ? infinity
                                                   : low + fraction * (high - low);
    const OrderStatisticRanks ranks = order_statistic_ranks(total, p, confidence);
    return {estimate, at_rank(ranks.lower), ranks.upper > total ? infinity : at_rank(ranks.upper),
            confidence};
  }

 private:
  bool exact_;
  MeanAccumulator mean_;
  std::vector<double> values_;
  BinnedSample binned_;
};

struct Times {
  explicit Times(bool exact) : ttd(exact), tta(exact), ttm(exact), ttr(exact) {}
  void add(const IncidentRecord& i) {
    if (std::isfinite(i.detected)) ttd.add(i.detected - i.start);
    if (std::isfinite(i.engaged) && std::isfinite(i.detected)) tta.add(i.engaged - i.detected);
    if (std::isfinite(i.mitigated)) ttm.add(i.mitigated - i.start);
    if (std::isfinite(i.repaired)) ttr.add(i.repaired - i.start);
  }
  [[nodiscard]] IncidentTimes summary(double confidence) const {
    return {ttd.summary(confidence), tta.summary(confidence), ttm.summary(confidence),
            ttr.summary(confidence)};
  }
  Durations ttd, tta, ttm, ttr;
};

struct ScopeState {
  ScopeState(bool exact, std::size_t windows)
      : window_up(windows),
        window_served(windows),
        ttd(exact),
        duration(exact),
        window_outages(max_counted_window_outages + 1),
        first_outage(exact) {}
  MeanAccumulator available, down, degraded, error, outages, longest, outages_per_window;
  std::vector<MeanAccumulator> window_up, window_served;
  Durations ttd, duration;
  std::vector<std::uint64_t> window_outages;  // [k]: windows with k user-facing incidents
  std::uint64_t windows_counted = 0;
  std::uint64_t trials_with_outage = 0;
  Durations first_outage;
  std::array<std::uint64_t, reliability_points> trials_up_to{};  // [k]: no outage by t_k
  std::array<std::uint64_t, reliability_points> trials_up_at{};  // [k]: not down at t_k
  MeanAccumulator first_or_horizon;  // [trial]: min(first outage, horizon)
  std::array<std::uint64_t, outage_thresholds.size()> trials_with_longer{};  // [threshold]
};

struct ModeState {
  explicit ModeState(bool exact) : times(exact) {}
  MeanAccumulator incidents, repairs, down, error;
  Times times;
};

struct SlaState {
  explicit SlaState(bool exact) : first_breach(exact) {}
  std::uint64_t breaches = 0, windows = 0, trials_breached = 0;
  Durations first_breach;
  MeanAccumulator credit, breached, window_credit;
  MeanAccumulator plus_minute, minus_minute;  // [trial]: the credit's change, a minute each way
  std::vector<double> annual;                 // per trial: credit over the horizon
  std::vector<std::uint64_t> tier_windows;    // [tier]: windows that paid it
  std::vector<std::uint64_t> breach_trials;   // [k]: trials with k breached windows
};

struct SloState {
  std::uint64_t exhausted = 0, windows = 0;
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

SlaSummary sla_summary(const SlaSpec& spec, const SlaState& state, std::uint64_t trials, double c,
                       double per_year) {
  SlaSummary row{spec.name,
                 spec.customer,
                 spec.currency,
                 wilson_interval(state.breaches, state.windows, c),
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
                 wilson_interval(state.trials_breached, trials, c)};
  row.credit_schedule = spec.has_credits();
  for (const std::uint64_t paid : state.tier_windows)
    row.tier_probability.push_back(wilson_interval(paid, state.windows, c));
  std::vector<double> annual(state.annual);
  for (double& a : annual) a *= per_year;
  row.var95 = tail_risk(annual, 0.95);
  row.var99 = tail_risk(annual, 0.99);
  for (const std::uint64_t k : state.breach_trials)
    row.breach_windows.push_back(static_cast<double>(k) / static_cast<double>(trials));
  return row;
}

// Every SLA with a credit schedule grouped by currency, its annual credits added trial by trial.
std::vector<PortfolioSummary> portfolio_summaries(const std::vector<SlaState>& slas,
                                                  const std::vector<SlaSummary>& rows, double c,
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
    for (const double x : totals[p]) total.add(x);
    portfolios[p].credit_per_year = positive_mean(total, c);
    portfolios[p].var95 = tail_risk(totals[p], 0.95);
    portfolios[p].var99 = tail_risk(totals[p], 0.99);
  }
  return portfolios;
}

}  // namespace

struct SummaryBuilder::State {
  State(const CompiledModel& m, bool e, double c) : model(m), exact(e), confidence(c), times(e) {}
  const CompiledModel& model;
  bool exact;
  double confidence;
  std::uint64_t trials = 0, first_trial = 0, seed = 0, events = 0, incidents = 0;
  double horizon = 0.0;
  std::vector<ScopeInfo> scope_info;
  std::vector<ScopeState> scopes;
  std::vector<MeanAccumulator> service_up, service_down, service_degraded;
  Times times;
  std::vector<ModeState> modes;
  std::vector<SlaState> slas;
  std::vector<SloState> slos;

  void start(const RunResults& r) {
    first_trial = r.first_trial, seed = r.seed, horizon = r.horizon, scope_info = r.scopes;
    for (std::size_t s = 0; s < r.scopes.size(); ++s) scopes.emplace_back(exact, r.windows());
    service_up.resize(r.services.size());
    service_down.resize(r.services.size());
    service_degraded.resize(r.services.size());
    for (std::size_t m = 0; m < r.failure_modes.size(); ++m) modes.emplace_back(exact);
    for (std::size_t l = 0; l < r.slas.size(); ++l) slas.emplace_back(exact);
    slos.resize(r.slos.size());
  }
  void add_scopes(const RunResults& r);
  void add_modes(const RunResults& r);
  void add_slas(const RunResults& r);
  void add_slos(const RunResults& r);
};

void SummaryBuilder::State::add_scopes(const RunResults& r) {
  const std::size_t n = r.trials, count = r.scopes.size(), windows = r.windows();
  for (std::size_t scope = 0; scope < count; ++scope) {
    ScopeState& state = scopes[scope];
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t cell = (t * count + scope) * windows;
      double down = 0.0, degraded = 0.0, error = 0.0;
      for (std::size_t w = 0; w < windows; ++w) {
        const double length = r.window_bounds[w + 1] - r.window_bounds[w];
        down += r.scope_down[cell + w];
        degraded += r.scope_degraded[cell + w];
        error += r.scope_error[cell + w];
        state.window_up[w].add(1.0 - r.scope_down[cell + w] / length);
        state.window_served[w].add(1.0 - r.scope_error[cell + w] / length);
      }
      state.available.add(1.0 - down / r.horizon);
      state.down.add(down);
      state.degraded.add(degraded);
      state.error.add(error);
      state.outages.add(r.scope_outages[t * count + scope]);
      const double longest = r.scope_longest_outage[t * count + scope];
      state.longest.add(longest);
      const bool had_outage = r.scope_outages[t * count + scope] > 0;
      const double first = r.scope_first_outage[t * count + scope];
      state.trials_with_outage += had_outage;
      if (had_outage) state.first_outage.add(first);
      state.first_or_horizon.add(had_outage ? first : r.horizon);
      for (std::size_t k = 0; k < reliability_points; ++k) {
        state.trials_up_to[k] += !had_outage || first > horizon_time(r.horizon, k);
        state.trials_up_at[k] += r.scope_down_at[(t * count + scope) * horizon_points + k] == 0.0;
      }
      for (std::size_t k = 0; k < outage_thresholds.size(); ++k)
        state.trials_with_longer[k] += longest > outage_thresholds[k];
    }
  }
  // [trial][scope][window]: user-facing incidents that start in the window.
  std::vector<std::uint32_t> starts(n * count * windows, 0);
  for (const OutageRecord& o : r.outages) {
    ScopeState& state = scopes[static_cast<std::size_t>(o.scope)];
    if (std::isfinite(o.detected)) state.ttd.add(o.detected - o.start);
    if (!o.censored) state.duration.add(o.end - o.start);
    const auto w = static_cast<std::size_t>(
        std::upper_bound(r.window_bounds.begin(), r.window_bounds.end(), o.start) -
        r.window_bounds.begin());
    if (w == 0 || w > windows) continue;
    ++starts[((o.trial - r.first_trial) * count + static_cast<std::size_t>(o.scope)) * windows + w -
             1];
  }
  for (std::size_t scope = 0; scope < count; ++scope) {
    ScopeState& state = scopes[scope];
    for (std::size_t t = 0; t < n; ++t) {
      double total = 0.0;
      for (std::size_t w = 0; w < windows; ++w) {
        const std::uint32_t k = starts[(t * count + scope) * windows + w];
        total += k;
        ++state.window_outages[std::min<std::size_t>(k, max_counted_window_outages)];
      }
      state.outages_per_window.add(windows > 0 ? total / static_cast<double>(windows) : 0.0);
      state.windows_counted += windows;
    }
  }
  const std::size_t services = r.services.size();
  for (std::size_t v = 0; v < services; ++v) {
    for (std::size_t t = 0; t < n; ++t) {
      const double down = r.service_down[t * services + v];
      service_up[v].add(1.0 - down / r.horizon);
      service_down[v].add(down);
      service_degraded[v].add(r.service_degraded[t * services + v]);
    }
  }
}

void SummaryBuilder::State::add_modes(const RunResults& r) {
  const std::size_t n = r.trials, count = r.failure_modes.size(), scopes_count = r.scopes.size();
  std::vector<double> incidents_of(count * n, 0.0), repairs_of(count * n, 0.0);
  for (const IncidentRecord& i : r.incidents) {
    const std::size_t cell =
        static_cast<std::size_t>(i.failure_mode) * n + (i.trial - r.first_trial);
    incidents_of[cell] += 1.0;
    repairs_of[cell] += i.repaired <= r.horizon;  // NaN (never repaired) compares false
    times.add(i);
    modes[static_cast<std::size_t>(i.failure_mode)].times.add(i);
  }
  for (std::size_t m = 0; m < count; ++m) {
    for (std::size_t t = 0; t < n; ++t) {
      modes[m].incidents.add(incidents_of[m * n + t]);
      modes[m].repairs.add(repairs_of[m * n + t]);
      modes[m].down.add(scopes_count > 0 ? r.attributed_down[t * scopes_count * count + m] : 0.0);
      modes[m].error.add(scopes_count > 0 ? r.attributed_error[t * scopes_count * count + m] : 0.0);
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
    state.tier_windows.resize(spec.credits.size());
    state.breach_trials.resize(windows + 1);
    const auto& bounds = r.sla_window_bounds[l];
    for (std::size_t t = 0; t < r.trials; ++t) {
      double credit = 0.0, plus = 0.0, minus = 0.0;
      std::size_t breached = 0;
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
        if (uptime < spec.target && breached++ == 0) state.first_breach.add(bounds[w + 1]);
        credit += paid;
        state.window_credit.add(paid);
        // The tier a window pays: the largest credit among the tiers its uptime falls under.
        std::size_t tier = spec.credits.size();
        for (std::size_t k = 0; k < spec.credits.size(); ++k)
          if (uptime < spec.credits[k].below &&
              (tier == spec.credits.size() || spec.credits[k].credit > spec.credits[tier].credit))
            tier = k;
        if (tier < spec.credits.size()) ++state.tier_windows[tier];
      }
      state.breaches += breached;
      state.trials_breached += breached > 0;
      state.windows += windows;
      state.credit.add(credit);
      state.plus_minute.add(plus);
      state.minus_minute.add(minus);
      state.breached.add(static_cast<double>(breached));
      state.annual.push_back(credit);
      ++state.breach_trials[breached];
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
      state.spent.add(windows > 0 ? share / static_cast<double>(windows) : 0.0);
      state.per_trial.add(exhausted);
      state.exhausted_share.add(windows > 0 ? exhausted / static_cast<double>(windows) : 0.0);
      state.exhausted += static_cast<std::uint64_t>(exhausted);
      state.windows += windows;
    }
  }
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
                     fraction_mean(x.available, c),
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
                     wilson_interval(x.trials_with_outage, st.trials, c),
                     {},
                     {},
                     {},
                     {},
                     positive_mean(x.outages, c),
                     {},
                     positive_mean(x.first_or_horizon, c),
                     {}};
    for (const std::uint64_t k : x.trials_with_longer)
      row.longer_outage_probability.push_back(wilson_interval(k, st.trials, c));
    row.time_to_first_outage = x.first_outage.summary(c);
    for (std::size_t k = 0; k < reliability_points; ++k) {
      const double t = horizon_time(st.horizon, k);
      row.reliability.push_back({t, wilson_interval(x.trials_up_to[k], st.trials, c)});
      row.point_availability.push_back({t, wilson_interval(x.trials_up_at[k], st.trials, c)});
    }
    row.mttf = x.trials_with_outage == st.trials ? row.restricted_mttf : Interval{nan, nan, nan, c};
    for (const double p : b_life_fractions)
      row.b_lives.push_back(x.first_outage.censored_quantile(p, st.trials, c));
    for (const auto& w : x.window_up) row.window_availability.push_back(fraction_mean(w, c));
    for (const auto& w : x.window_served) row.window_served.push_back(fraction_mean(w, c));
    for (const std::uint64_t k : x.window_outages)
      row.window_outages.push_back(
          x.windows_counted > 0 ? static_cast<double>(k) / static_cast<double>(x.windows_counted)
                                : 0.0);
    s.scopes.push_back(std::move(row));
  }
  for (std::size_t v = 0; v < st.service_up.size(); ++v)
    s.services.push_back({st.model.services[v].name, st.model.services[v].description,
                          fraction_mean(st.service_up[v], c),
                          positive_mean(st.service_down[v], c, per_year),
                          positive_mean(st.service_degraded[v], c, per_year)});
  s.times = st.times.summary(c);
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
    s.slas.push_back(sla_summary(st.model.slas[l], st.slas[l], st.trials, c, per_year));
  s.portfolios = portfolio_summaries(st.slas, s.slas, c, per_year);
  for (std::size_t l = 0; l < st.slos.size(); ++l) {
    const SloSpec& spec = st.model.slos[l];
    const SloState& x = st.slos[l];
    const std::size_t windows = x.windows / st.trials;
    s.slos.push_back({spec.name, scope_name(st.model, spec.scope), spec.target,
                      x.budget / static_cast<double>(windows), positive_mean(x.spent, c),
                      x.rolling ? fraction_mean(x.exhausted_share, c)
                                : wilson_interval(x.exhausted, x.windows, c),
                      positive_mean(x.per_trial, c, per_year)});
  }
  return s;
}

Summary summarize(const RunResults& results, const CompiledModel& model, double confidence) {
  SummaryBuilder builder(model, true, confidence);
  builder.add(results);
  return builder.finish();
}

}  // namespace reliasim
