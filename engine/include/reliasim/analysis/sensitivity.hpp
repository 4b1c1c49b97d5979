#pragma once
// Sensitivity: vary each rate, duration and probability of a scenario one at a time (halve
// and double by default), rerun on common random numbers, and rank the parameters by how far
// they move a scope's downtime and the expected SLA credit (a tornado). Paired differences
// against the baseline run keep the noise of each effect small.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim {

// What a parameter is. A rate varies by scaling the time between failures (or the per-deploy
// probability); a duration scales every quantile of its distribution; a probability varies
// the chance of the bad outcome (a detector's miss, a failover's failure), capped at 1.
enum class ParameterKind : std::uint8_t { rate, duration, probability };
[[nodiscard]] std::string_view to_string(ParameterKind kind);

// Which number of the model a parameter is: a failure mode's occurrence rate or one of its
// lifecycle's durations and probabilities (every source of the mode together), or one of a
// failover group's.
enum class ParameterField : std::uint8_t {
  rate,
  detection_delay,
  detection_miss,
  customer_report,
  engage,
  mitigate,
  repair,
  failover_delay,
  failover_failure,
  manual_failover
};

struct Parameter {
  std::string owner;     // "service/mode", a common cause, or a failover group's service
  std::string quantity;  // e.g. "rate", "repair", "detection delay (alert)"
  ParameterKind kind = ParameterKind::rate;
  double baseline = 0.0;  // per year (rates), mean seconds (durations) or a probability
  ParameterField field = ParameterField::rate;
  Index owner_index = 0;  // failure mode, or service for the failover fields
  Index detector = 0;     // for the detection fields: which detector of the lifecycle
  [[nodiscard]] std::string label() const { return owner + ": " + quantity; }
};

struct SensitivityOptions {
  double low_factor = 0.5;   // the parameter times this ...
  double high_factor = 2.0;  // ... and times this
  std::size_t scope = 0;     // whose downtime ranks the parameters (journeys first)
  double confidence = 0.95;
};

// A parameter's effect: the paired difference from the baseline run when it is set low and
// when it is set high, in the scope's downtime per year (seconds) and in the expected credit
// per year summed over the SLAs in the first SLA's currency.
struct ParameterEffect {
  Parameter parameter;
  double low_value = 0.0;
  double high_value = 0.0;
  Interval downtime_low;
  Interval downtime_high;
  Interval credit_low;
  Interval credit_high;
  // The larger of the two effects on downtime, in absolute value: what the tornado sorts by.
  [[nodiscard]] double swing() const;
};

struct Sensitivity {
  std::string scope;
  std::string currency;  // of the credit figures; empty without SLAs
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  double low_factor = 0.5;
  double high_factor = 2.0;
  Interval baseline_downtime;            // seconds per year
  Interval baseline_credit;              // per year
  std::vector<ParameterEffect> effects;  // largest swing first; ties by credit swing
};

// Every parameter of the model that can vary, in model order.
[[nodiscard]] std::vector<Parameter> parameters(const CompiledModel& model);

// A copy of `model` with `parameter` multiplied by `factor`. Throws std::invalid_argument
// for an unknown parameter or a factor that is not positive and finite.
[[nodiscard]] CompiledModel with_parameter(const CompiledModel& model, const Parameter& parameter,
                                           double factor);

// Runs the baseline and two runs per parameter with config's seed and trials.
// config.on_progress counts trials over all runs (sensitivity_runs(model) x trials in all);
// config.cancel stops it (RunCancelled).
[[nodiscard]] Sensitivity sensitivity(const CompiledModel& model, const RunConfig& config,
                                      const SensitivityOptions& options);

// The sums a sensitivity analysis is built from, over a range of trials. Sums of disjoint
// ranges (run apart: Dask tasks) merge into those of their union, the same bits in any order.
class SensitivitySums {
 public:
  ~SensitivitySums();
  SensitivitySums(SensitivitySums&&) noexcept;
  SensitivitySums& operator=(SensitivitySums&&) noexcept;
  // Throws std::invalid_argument for sums of another scenario (its files' hashes and
  // parameters), seed or settings, or for trials in both.
  void merge(const SensitivitySums& other);
  // The analysis, given the model the sums were made from. Throws std::invalid_argument when
  // its parameters are not the sums'.
  [[nodiscard]] Sensitivity finish(const CompiledModel& model) const;
  // As bytes and back; load() throws std::invalid_argument for anything malformed.
  [[nodiscard]] std::string save() const;
  [[nodiscard]] static SensitivitySums load(std::string_view bytes);

  struct State;
  explicit SensitivitySums(std::unique_ptr<State> state);

 private:
  std::unique_ptr<State> state_;
};

// The sums of sensitivity() over config's trial range (from config.first_trial).
[[nodiscard]] SensitivitySums sensitivity_sums(const CompiledModel& model, const RunConfig& config,
                                               const SensitivityOptions& options);

// How many runs sensitivity() makes: the baseline and two per parameter.
[[nodiscard]] std::size_t sensitivity_runs(const CompiledModel& model);

}  // namespace reliasim
