#pragma once
// Design comparison (docs/simulation.md, Statistics): two scenarios run on common random numbers
// (same seed and trials, failure sources matched by name), so each trial of B is paired with
// the same trial of A. Every figure is reported for A, for B and as the paired difference
// B - A with its t-interval, which is far narrower than the two separate intervals suggest.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim {

// One figure in both designs and their paired difference B - A. `distinguishable` is true
// when the difference's interval excludes zero: the designs differ beyond the noise.
struct PairedDifference {
  Interval a;
  Interval b;
  Interval difference;
  bool distinguishable = false;
};

// A scope (journey or SLA scope) that both designs have, matched by name.
struct ScopeComparison {
  std::string name;
  PairedDifference availability;
  PairedDifference downtime_per_year;  // seconds
  PairedDifference degraded_per_year;  // seconds
  PairedDifference outages_per_year;   // user-facing incidents
  PairedDifference longest_outage;     // seconds, per trial
  // Means over user-facing incidents (ratio estimates, delta-method intervals), seconds.
  PairedDifference outage_duration;
  PairedDifference outage_ttd;
};

// An SLA that both designs have, matched by name.
struct SlaComparison {
  std::string name;
  std::string currency;
  PairedDifference breach_probability;  // per window
  PairedDifference breaches_per_year;
  PairedDifference credit_per_year;  // money
  // False when either design's SLA has no credits and fee: credit_per_year then means nothing.
  bool credit_schedule = true;
};

// What running the services costs against the credits B saves, per currency. Costs are
// the scenarios' `cost: {monthly}` summed over services; credits are summed over the SLAs
// both designs have in that currency with a credit schedule.
struct CostComparison {
  std::string currency;
  double monthly_cost_a = 0.0;
  double monthly_cost_b = 0.0;
  double extra_cost_per_year = 0.0;  // 12 x (B - A)
  Interval credits_saved_per_year;   // A's credits - B's credits
  Interval net_saving_per_year;      // credits saved - extra cost
  // Whether any such SLA has a credit schedule; without one no credit is set against the cost.
  bool credit_schedule = false;
};

struct Comparison {
  std::string name_a;
  std::string name_b;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::vector<ScopeComparison> scopes;  // in A's order
  std::vector<SlaComparison> slas;      // in A's order
  std::vector<CostComparison> costs;    // empty when neither design gives costs
  std::vector<std::string> only_in_a;   // scopes and SLAs one design lacks: not compared
  std::vector<std::string> only_in_b;
  std::string verdict;  // one line: does B differ from A beyond the noise, and is it worth it
};

// Builds a comparison from consecutive batches of trials run in both designs (the same
// trials, the same seed): every figure is a mergeable sum, so memory does not grow with the
// trials and the result is the same however the trials are split into batches.
class CompareBuilder {
 public:
  // Throws std::invalid_argument for a confidence outside (0, 1).
  CompareBuilder(const CompiledModel& model_a, const CompiledModel& model_b,
                 double confidence = 0.95);
  ~CompareBuilder();
  CompareBuilder(CompareBuilder&&) noexcept;
  CompareBuilder& operator=(CompareBuilder&&) noexcept;
  // Throws std::invalid_argument when a and b cover different trials or seeds, or when the
  // batch does not follow the previous one.
  void add(const RunResults& a, const RunResults& b);
  // Adds the trials of another builder of the same designs and seed, none of which this one
  // has (ranges run apart, in any order). Throws std::invalid_argument saying what differs or
  // which trials overlap.
  void merge(const CompareBuilder& other);
  // Throws std::invalid_argument for fewer than two trials.
  [[nodiscard]] Comparison finish() const;
  [[nodiscard]] const std::vector<TrialRange>& ranges() const;

  // The whole state as bytes, and back (a Dask task's result); load() checks lengths against
  // the bytes and throws std::invalid_argument for anything malformed. A loaded builder merges
  // and finishes but cannot add batches.
  [[nodiscard]] std::string save() const;
  [[nodiscard]] static CompareBuilder load(std::string_view bytes);

  struct State;

 private:
  explicit CompareBuilder(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Compares two runs over the same trial range and seed. Throws std::invalid_argument when
// they cover different trials, or either has fewer than two.
[[nodiscard]] Comparison compare(const CompiledModel& model_a, const RunResults& a,
                                 const CompiledModel& model_b, const RunResults& b,
                                 double confidence = 0.95);

// Runs both designs over config's trials, batch by batch (each batch in A, then in B), and
// compares them: memory for one batch of each, whatever the trial count. The result equals
// compare() over whole runs. on_progress counts the trials of both designs (up to twice
// config.trials). Throws RunCancelled when cancelled.
[[nodiscard]] Comparison compare_designs(const CompiledModel& model_a, const CompiledModel& model_b,
                                         const RunConfig& config, double confidence = 0.95);

// The builder of that comparison, before finish(): to save, or merge with other ranges.
[[nodiscard]] CompareBuilder compare_in_batches(const CompiledModel& model_a,
                                                const CompiledModel& model_b,
                                                const RunConfig& config, double confidence = 0.95);

}  // namespace reliasim
