#pragma once
// What a run records: per-trial arrays (numpy-ready, trial-major) and every incident.
// Scopes are what users measure: every journey, then each service an SLA or SLO names.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/biasing.hpp"

namespace reliasim {

// How an incident was detected; `none` when it ended before anyone noticed (self-healing) or
// was never detected.
enum class DetectedBy : std::uint8_t { alert, canary, probe, customer, none };

// One incident: T0 start -> T1 detected -> T2 engaged -> T3 mitigated -> T4 repaired, in
// seconds from the start of the trial. Never-reached stages are NaN.
struct IncidentRecord {
  std::uint64_t trial = 0;
  Index source = 0;
  Index failure_mode = 0;
  double start = 0.0;
  double detected = 0.0;
  double engaged = 0.0;
  double mitigated = 0.0;
  double repaired = 0.0;
  DetectedBy detected_by = DetectedBy::none;
  bool user_facing = false;  // it was a cause while a journey (or scope) was down
};

// A user-facing incident: a maximal interval in which a scope was down. Its TTD runs from
// its start to the first detection of any failure that contributed to it (docs/simulation.md); NaN
// when none was detected before it ended.
struct OutageRecord {
  std::uint64_t trial = 0;
  Index scope = 0;
  double start = 0.0;
  double end = 0.0;
  double detected = 0.0;
  bool censored = false;  // still down at the horizon: `end` is the horizon
};

// Why a scope was down: the categories SLA exclusions name. Downtime shared by concurrent
// causes is split equally among them.
enum class Cause : std::uint8_t { internal, third_party, customer, maintenance };
inline constexpr int cause_count = 4;

struct ScopeInfo {
  std::string name;
  bool journey = true;
  Index index = 0;  // into model.journeys or model.services
};

// An allocator that leaves default-inserted elements uninitialised. The per-trial arrays are
// sized before a run without being written; each trial zeroes its own rows, so their pages are
// first touched by the threads that run the trials, in parallel, rather than by one thread
// beforehand.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() noexcept = default;
  template <typename U>
  explicit UninitializedAllocator(const UninitializedAllocator<U>& /*other*/) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Per-trial values, trial-major. Only resize(n, value) and assign initialise new elements.
using TrialArray = std::vector<double, UninitializedAllocator<double>>;

// Rows [first, first + count) of a trial-major array of `trials` rows.
inline std::span<double> trial_rows(TrialArray& array, std::uint64_t trials, std::size_t first,
                                    std::size_t count) {
  const std::size_t width = array.size() / trials;
  return {array.data() + first * width, count * width};
}

// The times at which per-trial states over the horizon are sampled (the scope down or not,
// no outage yet): a tenth of the horizon, two tenths, ..., the whole horizon.
inline constexpr std::size_t horizon_points = 10;
[[nodiscard]] inline double horizon_time(double horizon, std::size_t point) {
  return horizon * static_cast<double>(point + 1) / static_cast<double>(horizon_points);
}

// The B lives reported: the time by which 1 % (B1) and 10 % (B10) of systems had an outage.
inline constexpr std::array<double, 2> b_life_fractions{0.01, 0.10};

struct RunResults {
  std::uint64_t seed = 0;
  std::uint64_t first_trial = 0;
  std::uint64_t trials = 0;
  double horizon = 0.0;
  std::vector<double> window_bounds;  // the scenario's windows: window w is [b[w], b[w+1])
  std::vector<ScopeInfo> scopes;
  std::vector<std::string> services;
  std::vector<FailureModeInfo> failure_modes;
  std::vector<std::string> slas;

  // [trial][scope][window], seconds: down (nothing works), degraded (some requests fail),
  // error (integral of the failing fraction: down counts 1, degraded its fraction).
  TrialArray scope_down;
  TrialArray scope_degraded;
  TrialArray scope_error;
  // [trial][scope][window][cause]: down seconds by cause (sums to scope_down).
  TrialArray scope_down_by_cause;
  // [trial][scope]: user-facing incidents (maximal down intervals) and the longest one.
  TrialArray scope_outages;
  TrialArray scope_longest_outage;
  // [trial][scope]: when its first outage began, seconds from the start (0 where
  // scope_outages is 0: the trial had none, and the time to the first is censored there).
  TrialArray scope_first_outage;
  // [trial][scope][point]: 1 where the scope is down at horizon_time(horizon, point), else 0.
  TrialArray scope_down_at;
  // [trial][scope][failure mode]: down seconds attributed to each failure mode.
  TrialArray attributed_down;
  // [trial][scope][failure mode], seconds, split among the causes as `attributed_down` is:
  // degraded time (failing, not down), and the failing fraction's integral (down counts its
  // error, as in `scope_error`): the error budget each failure mode spends.
  TrialArray attributed_degraded;
  TrialArray attributed_error;
  // [trial][service]: down and degraded seconds over the horizon.
  TrialArray service_down;
  TrialArray service_degraded;
  // [trial][sla][window of that SLA]: measured uptime and the credit owed (money).
  std::vector<std::vector<double>> sla_window_bounds;
  TrialArray sla_uptime;
  TrialArray sla_credit;
  // [trial][sla][window of that SLA]: the seconds the SLA counts (the window without its
  // excluded time): uptime = 1 - bad / counted.
  TrialArray sla_counted;
  // [trial][sla][window of that SLA][failure mode + 1]: the bad time the SLA counts in the
  // window, seconds, split equally among the causes active in the scope's hard dependency
  // closure, as `attributed_down` is: down time without the causes the SLA excludes, plus for
  // the rules that count degradation the failing fraction's integral. The last column holds
  // causes that are not failure modes (maintenance, or none known: a soft dependency).
  // Empty unless RunConfig::sla_attribution.
  TrialArray sla_attributed_down;
  // [trial][slo][window of that SLO]: error budget spent, seconds: the integral of the
  // failing fraction of the SLO's scope (down counts 1, degraded its fraction).
  std::vector<std::string> slos;
  std::vector<std::vector<double>> slo_window_bounds;
  TrialArray slo_spent;
  // [slo]: how many of its stored intervals make one window: 1, or for a rolling window its
  // steps of at most a day (the window slides one step at a time).
  std::vector<std::size_t> slo_span;
  TrialArray weights;  // [trial]: 1 unless a variance-reduction mode sets them
  Biasing biasing;     // the importance sampling that set them (docs/rare-events.md)

  std::vector<IncidentRecord> incidents;  // in trial order
  std::vector<OutageRecord> outages;      // in trial order
  std::uint64_t events = 0;               // events the simulator processed

  [[nodiscard]] std::size_t windows() const {
    return window_bounds.empty() ? 0 : window_bounds.size() - 1;
  }
  [[nodiscard]] std::size_t sla_windows(std::size_t sla) const {
    return sla_window_bounds[sla].size() - 1;
  }
  [[nodiscard]] std::size_t slo_windows(std::size_t slo) const {
    return slo_window_bounds[slo].size() - 1;
  }
  // Every per-trial array the simulation writes (all but `weights`). A trial zeroes its row of
  // each before it starts (the arrays are allocated uninitialised).
  static constexpr std::array<TrialArray RunResults::*, 18> simulated_arrays{
      &RunResults::scope_down,          &RunResults::scope_degraded,
      &RunResults::scope_error,         &RunResults::scope_down_by_cause,
      &RunResults::scope_outages,       &RunResults::scope_longest_outage,
      &RunResults::attributed_down,     &RunResults::service_down,
      &RunResults::service_degraded,    &RunResults::sla_uptime,
      &RunResults::sla_credit,          &RunResults::sla_counted,
      &RunResults::sla_attributed_down, &RunResults::slo_spent,
      &RunResults::attributed_degraded, &RunResults::attributed_error,
      &RunResults::scope_first_outage,  &RunResults::scope_down_at};
  // Their names, in the same order, for messages and checksum files.
  static constexpr std::array<const char*, simulated_arrays.size()> simulated_array_names{
      "scope_down",          "scope_degraded",     "scope_error",
      "scope_down_by_cause", "scope_outages",      "scope_longest_outage",
      "attributed_down",     "service_down",       "service_degraded",
      "sla_uptime",          "sla_credit",         "sla_counted",
      "sla_attributed_down", "slo_spent",          "attributed_degraded",
      "attributed_error",    "scope_first_outage", "scope_down_at"};

  // Appends the results of the trials that directly follow these (same model and seed):
  // the union is bit-identical to one run over both ranges. Throws std::invalid_argument
  // when the ranges are not adjacent or the runs differ.
  void append(const RunResults& next);
};

}  // namespace reliasim
