#pragma once
// What a SummaryBuilder holds between batches: one mergeable accumulator per figure of the
// Summary, and the labels the Summary names them with. Saved and loaded whole in partial result
// files (partial_result.cpp), so every part lists its fields once, in `transfer`, for both.

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/stats/binned_sample.hpp"
#include "reliasim/stats/mean.hpp"
#include "summary_parts.hpp"

namespace reliasim {

using summary::Durations;
using summary::Fraction;
using summary::Share;

// Adds `from` to `into` element by element; throws std::invalid_argument if the shapes differ.
template <typename T>
void merge_each(std::vector<T>& into, const std::vector<T>& from) {
  if (into.size() != from.size())
    throw std::invalid_argument("summaries of differently shaped results cannot be merged");
  for (std::size_t i = 0; i < into.size(); ++i) {
    if constexpr (std::is_arithmetic_v<T>)
      into[i] += from[i];
    else
      into[i].merge(from[i]);
  }
}

template <typename T, std::size_t N>
void merge_each(std::array<T, N>& into, const std::array<T, N>& from) {
  for (std::size_t i = 0; i < N; ++i) into[i].merge(from[i]);
}

struct Times {
  Times(bool exact = false, bool weighted = false)
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
  template <typename Archive>
  void transfer(Archive& a) {
    a(ttd, tta, ttm, ttr);
  }
  Durations ttd, tta, ttm, ttr;
};

struct ScopeState {
  ScopeState(bool exact = false, bool weighted = false, std::size_t windows = 0,
             double horizon = 1.0)
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
  void merge(const ScopeState& o) {
    available.merge(o.available), down.merge(o.down), degraded.merge(o.degraded);
    error.merge(o.error), outages.merge(o.outages), longest.merge(o.longest);
    outages_per_window.merge(o.outages_per_window);
    merge_each(window_up, o.window_up), merge_each(window_served, o.window_served);
    ttd.merge(o.ttd), duration.merge(o.duration);
    merge_each(window_outages, o.window_outages);
    windows_counted += o.windows_counted;
    with_outage.merge(o.with_outage), first_outage.merge(o.first_outage);
    merge_each(outage_by, o.outage_by), merge_each(down_at, o.down_at);
    first_or_horizon.merge(o.first_or_horizon), merge_each(longer, o.longer);
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(available, down, degraded, error, outages, longest, outages_per_window, window_up,
      window_served, ttd, duration, window_outages, windows_counted, with_outage, first_outage,
      outage_by, down_at, first_or_horizon, longer);
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
  ModeState(bool exact = false, bool weighted = false) : times(exact, weighted) {}
  void merge(const ModeState& o) {
    incidents.merge(o.incidents), repairs.merge(o.repairs), down.merge(o.down);
    error.merge(o.error), times.merge(o.times);
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(incidents, repairs, down, error, times);
  }
  MeanAccumulator incidents, repairs, down, error;
  Times times;
};

struct SlaState {
  SlaState(bool exact = false, bool weighted = false)
      : breaches(weighted), trials_breached(weighted), first_breach(exact, weighted) {}
  // Every part but `annual`, which is per trial and joined in trial order by the builder.
  void merge_sums(const SlaState& o) {
    annual_bins.merge(o.annual_bins);
    breaches.merge(o.breaches), trials_breached.merge(o.trials_breached);
    first_breach.merge(o.first_breach), credit.merge(o.credit), breached.merge(o.breached);
    window_credit.merge(o.window_credit), plus_minute.merge(o.plus_minute);
    minus_minute.merge(o.minus_minute), merge_each(tier_windows, o.tier_windows);
    merge_each(breach_trials, o.breach_trials);
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(breaches, trials_breached, first_breach, credit, breached, window_credit, plus_minute,
      minus_minute, annual, annual_bins, tier_windows, breach_trials);
  }
  Share breaches, trials_breached;  // per window; per trial
  Durations first_breach;
  MeanAccumulator credit, breached, window_credit;
  MeanAccumulator plus_minute, minus_minute;  // [trial]: the credit's change, a minute each way
  std::vector<double> annual;                 // per trial: credit over the horizon
  BinnedSample annual_bins;                   // instead, beyond max_exact_tail_trials: per year
  std::vector<Share> tier_windows;            // [tier]: windows that paid it
  std::vector<double> breach_trials;          // [k]: weight of trials with k breached windows
};

struct SloState {
  explicit SloState(bool weighted = false) : exhausted(weighted) {}
  void merge(const SloState& o) {
    exhausted.merge(o.exhausted), spent.merge(o.spent), per_trial.merge(o.per_trial);
    exhausted_share.merge(o.exhausted_share);
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(exhausted, budget, spent, per_trial, exhausted_share, rolling);
  }
  Share exhausted;                   // per window
  double budget = 0.0;               // summed over the windows of one trial
  MeanAccumulator spent, per_trial;  // [trial]: mean share of budget spent; windows exhausted
  MeanAccumulator exhausted_share;   // [trial]: share of its windows exhausted
  bool rolling = false;              // overlapping windows: a trial's are not independent
};

// A currency's contracts together, once their credits are binned: every trial's total annual
// credit, its mean and its tail.
struct PortfolioTail {
  MeanAccumulator total;
  BinnedSample tail;
  void merge(const PortfolioTail& o) { total.merge(o.total), tail.merge(o.tail); }
  template <typename Archive>
  void transfer(Archive& a) {
    a(total, tail);
  }
};

// What the Summary names its figures with, taken from the model: a builder loaded from a file
// has no model, only these.
struct SummaryLabels {
  struct Sla {
    std::string name, customer, currency;
    bool credit_schedule = true;
    std::uint64_t tiers = 0;
    friend bool operator==(const Sla&, const Sla&) = default;
  };
  struct Slo {
    std::string name, scope;
    double target = 0.0;
    friend bool operator==(const Slo&, const Slo&) = default;
  };
  std::string scenario, description;
  WindowsInfo windows;
  std::vector<std::string> scope_descriptions;                   // [scope], set by the first batch
  std::vector<std::string> service_names, service_descriptions;  // [service]
  std::vector<FailureModeInfo> failure_modes;
  std::vector<Sla> slas;
  std::vector<Slo> slos;
  friend bool operator==(const SummaryLabels&, const SummaryLabels&) = default;
};

[[nodiscard]] SummaryLabels summary_labels(const CompiledModel& model);

struct SummaryBuilder::State {
  State(const CompiledModel* m, bool e, double c)
      : model(m), labels(m ? summary_labels(*m) : SummaryLabels{}), exact(e), confidence(c) {}
  const CompiledModel* model;  // null for a builder loaded from a file: it cannot add batches
  SummaryLabels labels;
  bool exact;
  double confidence;
  std::uint64_t trials = 0, seed = 0, events = 0, incidents = 0;
  std::vector<TrialRange> ranges;  // the trials summarised, in order, disjoint
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
  std::vector<PortfolioTail> portfolio_tails;  // [portfolio], once credits are binned
  std::vector<SloState> slos;
  std::uint64_t incident_limit = 0;            // keep_incidents: how many records to keep
  std::vector<IncidentRecord> incidents_kept;  // the first of them in trial order

  // Whether the annual credits are binned rather than kept per trial: a streamed (not exact),
  // unweighted summary of more than max_exact_tail_trials trials. A function of the trials
  // alone, so that however they were split the state is the same.
  [[nodiscard]] bool tails_binned() const {
    return !exact && !weighted && trials > max_exact_tail_trials;
  }
  // Moves the credits kept per trial into the SLAs' and portfolios' bins.
  void bin_tails();

  void start(const RunResults& r);
  void add_scopes(const RunResults& r);
  void add_modes(const RunResults& r);
  void add_slas(const RunResults& r);
  void add_slos(const RunResults& r);
  void merge(const State& other);
  [[nodiscard]] RareEventSummary rare_event(const Summary& s) const;
};

}  // namespace reliasim
