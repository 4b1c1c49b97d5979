#pragma once
// The headline numbers of a run, each with its confidence interval (docs/simulation.md,
// Statistics): availability and downtime per scope and service, user-facing incidents, incident
// times as quantiles, the failure modes ranked by the downtime they cause, and SLA breaches and
// credits.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "reliasim/stats/interval.hpp"
#include "reliasim/stats/tail_risk.hpp"

namespace reliasim {

// A duration's distribution over incidents, in seconds: mean (t-interval) and quantiles
// (order-statistic intervals). Empty (count 0) when no incident reached the stage.
struct DurationSummary {
  std::size_t count = 0;
  Interval mean;
  Interval p50;
  Interval p90;
  Interval p99;
};

// TTD = T1-T0, TTA = T2-T1, TTM = T3-T0, TTR = T4-T0 (docs/simulation.md).
struct IncidentTimes {
  DurationSummary ttd, tta, ttm, ttr;
};

// Outage lengths at which every scope reports P(an outage longer than this within the
// horizon), seconds: 5 min, 30 min, 1 h, 4 h and 1 day.
inline constexpr std::array<double, 5> outage_thresholds{300.0, 1800.0, 3600.0, 14400.0, 86400.0};
inline constexpr std::size_t over_an_hour = 2;  // the index of 1 h in outage_thresholds

// R(t) and A(t) are given at horizon_time(horizon, k), k < horizon_points (results.hpp).
inline constexpr std::size_t reliability_points = horizon_points;

struct ReliabilityPoint {
  double time = 0.0;  // seconds from the start of the horizon
  Interval probability;
};

struct ScopeSummary {
  ScopeInfo scope;
  std::string description;     // the journey's or service's, as written
  Interval availability;       // fraction of the horizon not down
  Interval downtime_per_year;  // seconds
  Interval degraded_per_year;  // seconds failing some requests, not down
  // Seconds of the failing fraction's integral: down counts 1, degraded its failing fraction.
  // What an SLO's error budget spends (docs/results.md, "error time").
  Interval error_time_per_year;
  Interval outages_per_year;                  // user-facing incidents
  Interval longest_outage;                    // seconds, the longest in a trial, on average
  DurationSummary outage_ttd;                 // user-facing incidents: start to first detection
  DurationSummary outage_duration;            // user-facing incidents that ended within the horizon
  std::vector<Interval> window_availability;  // per scenario window
  std::vector<Interval> window_served;        // per window: 1 - error time / its length
  // User-facing incidents that start in a scenario window: their mean count per window, and
  // the share of windows with k of them (the last entry: that many or more).
  Interval outages_per_window;
  std::vector<double> window_outages;
  // Over trials, Wilson: P(at least one outage within the horizon), and P(at least one outage
  // longer than each of outage_thresholds within it; one still going at the horizon counts
  // with its length so far).
  Interval outage_in_horizon_probability;
  std::vector<Interval> longer_outage_probability;
  // From the start of the horizon to the first outage, over the trials that had one.
  DurationSummary time_to_first_outage;
  // R(t), the reliability: P(no outage in [0, t]) at t = horizon x k / reliability_points for
  // k = 1 .. reliability_points, Wilson over trials. F(t) = 1 - R(t).
  std::vector<ReliabilityPoint> reliability;
  // A(t), the point availability: P(the scope is up at t), at the same times, Wilson.
  std::vector<ReliabilityPoint> point_availability;
  // User-facing incidents in [0, horizon], the mean count per trial.
  Interval outages_in_horizon;
  // The mean time to the first outage (MTTF): a t-interval when every trial had one, else
  // undefined (NaN: the horizon censors some). The restricted mean E[min(first, horizon)] is
  // always defined, and is a lower bound of the MTTF.
  Interval mttf;
  Interval restricted_mttf;
  // [b_life_fractions]: the time by which that share of trials had their first outage (the
  // quantile over every trial, those with none counting as later than the horizon), with its
  // order-statistic interval; +infinity when it lies beyond the horizon.
  std::vector<Interval> b_lives;
};

// window_outages counts up to this many incidents a window, then "or more".
inline constexpr std::size_t max_counted_window_outages = 10;

struct ServiceSummary {
  std::string name;
  std::string description;
  Interval availability;
  Interval downtime_per_year;
  Interval degraded_per_year;  // seconds failing some requests, not down
};

struct FailureModeSummary {
  FailureModeInfo info;
  Interval incidents_per_year;
  Interval downtime_per_year;   // user-facing: attributed within the first scope
  double downtime_share = 0.0;  // of all attributed downtime in that scope
  IncidentTimes times;
  Index index = 0;  // into model.failure_modes (the rows are ranked, not in model order)
  // Error time (the failing fraction's integral: down in full, degraded by its fraction)
  // attributed within the first scope, what its error budget loses; the rows rank by it.
  Interval error_time_per_year;
  double error_share = 0.0;  // of all attributed error time in that scope
  // In [0, horizon], per trial on average: occurrences (failures), and repairs completed (T4).
  Interval failures_in_horizon;
  Interval repairs_in_horizon;
};

// SLA exposure (docs/simulation.md). "Annual" figures are per trial, scaled to a year.
struct SlaSummary {
  std::string name;
  std::string customer;
  std::string currency;
  Interval breach_probability;  // per window: P(uptime < target), Wilson
  Interval credit_per_year;     // money
  Interval breaches_per_year;
  Interval credit_per_window;
  std::vector<Interval> tier_probability;  // [tier, as written]: P(a window pays it), Wilson
  TailRisk var95;                          // of the annual credit
  TailRisk var99;
  std::vector<double> breach_windows;  // [k]: share of trials with k breached windows
  // How the credit per year moves with one minute more (less) of counted bad time in every
  // window: paired per trial, so near a tier's step the interval is narrow.
  Interval credit_change_plus_minute;
  Interval credit_change_minus_minute;
  // Over the trials with a breach: from the start of the trial to the end of the first
  // breached window (when the breach is known). How often a trial has one at all.
  DurationSummary time_to_first_breach;
  Interval breach_in_horizon_probability;
  // False for an SLA without credits and fee: its money figures are all zero and mean nothing.
  bool credit_schedule = true;
  TailRisk var999;  // of the annual credit at 99.9 %: the tail importance sampling reaches
};

// Every contract with a credit schedule in one currency, taken together trial by trial: they
// share incidents, so the tail of the total is not the sum of the contracts' tails.
struct PortfolioSummary {
  std::string currency;
  std::vector<std::string> contracts;  // the SLAs, as the scenario lists them
  Interval credit_per_year;            // money: the expected total
  TailRisk var95;                      // of the total annual credit
  TailRisk var99;
  // The contracts' own VaR 99 % added up: what treating them as separate would suggest.
  double sum_of_var99 = 0.0;
  TailRisk var999;
};

// SLO error budgets (docs/simulation.md): a window's budget is (1 - target) x its length;
// every failing second of the SLO's scope spends it (down counts 1, degraded its fraction).
struct SloSummary {
  std::string name;
  std::string scope;
  double target = 0.0;
  double budget_per_window = 0.0;  // seconds, the mean over the windows
  Interval budget_spent;           // share of a window's budget spent, on average
  // Per window: P(the whole budget is spent). Wilson over the windows, or for a rolling
  // window (overlapping, so not independent) a t-interval over trials of each one's share.
  Interval exhausted_probability;
  Interval exhausted_per_year;  // windows a year (rolling: steps a year) that spend it all
};

// The windows per-window results are given over (`windows:`).
struct WindowsInfo {
  std::string kind;                // "calendar-month", "fixed" or "rolling"
  std::string start;               // the first month, "2027-01"
  std::vector<std::string> names;  // "Jan 2027", ... or "window 1", ...
  std::vector<double> boundaries;  // seconds from the start: window w is [b[w], b[w+1])
  friend bool operator==(const WindowsInfo&, const WindowsInfo&) = default;
};

// Importance sampling (docs/rare-events.md): the biases the run used and what its weights say
// about the estimates. Judged on P(an outage of the biased scope within the horizon).
struct RareEventSummary {
  std::string scope;  // whose outages were made more frequent
  // The failure clocks' speed-up with 0, 1, 2, 3 or more incidents open (Biasing).
  std::array<double, bias_levels> biases{};
  std::string chosen_by;                 // how the biases were chosen (set by the caller)
  std::uint64_t trials_with_outage = 0;  // sampled, under the biases
  Interval outage_probability;           // the importance-sampling estimate
  double relative_error = 0.0;           // its standard error / estimate
  double effective_sample_size = 0.0;    // Kish's, over every trial's weight
  double largest_weight_share = 0.0;     // of the estimate's weight, in one trial
  // The Pareto shape of those weights' upper tail (pareto_tail.hpp): above 0.7, unreliable.
  double pareto_k = 0.0;
  // Trials plain Monte Carlo would need for the same relative error: (1 - p) / (p re^2).
  double plain_trials_needed = 0.0;
  std::vector<std::string> warnings;  // empty when the estimate can be trusted
};

struct Summary {
  std::string scenario;  // the scenario's name and description, as written
  std::string description;
  WindowsInfo windows;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  double horizon = 0.0;
  double confidence = 0.95;
  std::uint64_t events = 0;
  std::size_t incidents = 0;
  std::vector<ScopeSummary> scopes;
  std::vector<ServiceSummary> services;
  IncidentTimes times;                            // every incident
  std::vector<FailureModeSummary> failure_modes;  // ranked by error time, largest first
  std::vector<SlaSummary> slas;
  std::vector<PortfolioSummary> portfolios;  // one per currency, in order of first use
  std::vector<SloSummary> slos;
  std::optional<analytic::ModelEstimate> analytic;  // set when asked for, beside the simulation
  std::optional<RareEventSummary> rare_event;       // set for an importance-sampling run
  // The first incidents in trial order, when SummaryBuilder::keep_incidents asked for them.
  std::optional<std::vector<IncidentRecord>> incident_records;
};

// Throws std::invalid_argument for fewer than two trials or a confidence outside (0, 1).
// `keep_incidents`: as SummaryBuilder::keep_incidents.
[[nodiscard]] Summary summarize(const RunResults& results, const CompiledModel& model,
                                double confidence = 0.95, std::uint64_t keep_incidents = 0);

// Trials [first, first + count) of a run.
struct TrialRange {
  std::uint64_t first = 0, count = 0;
  [[nodiscard]] std::uint64_t end() const { return first + count; }
  friend bool operator==(const TrialRange&, const TrialRange&) = default;
};

// The ranges in trial order, joined where one ends as the next begins. Throws
// std::invalid_argument naming the trials that lie in more than one.
[[nodiscard]] std::vector<TrialRange> join_ranges(std::vector<TrialRange> ranges);

// The trials of ranges as builders keep them (in trial order, each non-empty, disjoint, none
// past 2^64); nothing when they are not, as in a damaged saved state.
[[nodiscard]] std::optional<std::uint64_t> trials_in(const std::vector<TrialRange>& ranges);

// Builds a Summary from consecutive batches of trials, so that a run of any size needs
// memory for one batch only. With exact quantiles every incident time is kept; otherwise
// they go into 1 %-wide logarithmic bins (binned_sample.hpp). Every figure is the same bits
// however the trials were batched, and builders of disjoint trial ranges merge into the
// builder of their union (sums are exact, bins are counts, per-trial values are joined in
// trial order).
class SummaryBuilder {
 public:
  SummaryBuilder(const CompiledModel& model, bool exact_quantiles, double confidence = 0.95);
  ~SummaryBuilder();
  SummaryBuilder(SummaryBuilder&&) noexcept;
  SummaryBuilder& operator=(SummaryBuilder&&) noexcept;
  // Keeps the records of the first `count` incidents in trial order (Summary::incident_records),
  // whatever the trial count; call before adding trials. Memory: count records.
  void keep_incidents(std::uint64_t count);
  // Batches must follow each other: trials [first, first + n) of the same model and seed.
  void add(const RunResults& batch);
  // Adds the trials of another builder of the same scenario, seed and settings, none of which
  // this one has. Throws std::invalid_argument saying what differs or which trials overlap.
  void merge(const SummaryBuilder& other);
  [[nodiscard]] Summary finish() const;
  [[nodiscard]] const std::vector<TrialRange>& ranges() const;
  [[nodiscard]] std::uint64_t seed() const;
  // The relative 95 % half-width of a precision metric's mean over the trials summarised, as
  // a precision run computes it (the same bits). Throws std::invalid_argument for a metric
  // the summary does not have (a scenario without journeys or SLA scopes measures all
  // services' downtime, which it does not keep).
  [[nodiscard]] double relative_half_width(const PrecisionMetric& metric) const;

  // The whole state as bytes, and back: load() checks every length and shape against the
  // bytes it has and throws std::invalid_argument for anything malformed. A loaded builder
  // merges and finishes but cannot add batches (it has no model). Importance-sampling runs,
  // exact quantiles and incident records are not saved (std::invalid_argument).
  [[nodiscard]] std::string save() const;
  [[nodiscard]] static SummaryBuilder load(std::string_view bytes);

  struct State;

 private:
  explicit SummaryBuilder(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// A streamed summary keeps every trial's annual credit for each SLA (exact VaR and CVaR) up to
// this many trials; beyond, it bins them (and each portfolio's totals) 1 % wide: VaR and CVaR
// within 0.5 %, in memory that does not grow with the trials.
inline constexpr std::uint64_t max_exact_tail_trials = 100'000;

// The bytes a streamed SummaryBuilder of `trials` trials holds beyond its fixed accumulators,
// at most: every trial's annual credit for each SLA while it keeps them, with the copies
// finish() makes for the tails and the portfolios' totals.
[[nodiscard]] double summary_trial_bytes(const CompiledModel& model, std::uint64_t trials);

// Seconds in a year of 365 days: what "per year" means in every report.
inline constexpr double seconds_per_year = 365.0 * 86400.0;

}  // namespace reliasim
