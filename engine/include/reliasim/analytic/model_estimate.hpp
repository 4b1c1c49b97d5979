#pragma once
// The analytic counterpart of a simulation: the long-run availability of every scope of a
// compiled model. Independent failure sources with ideal failover and no crew queues: each
// source's renewal-reward availability (mean time to failure against the mean time its
// impact lasts, any distributions) combined through the exact structure function of the
// dependency graph (a BDD, structure.hpp). Otherwise, when the model is Markovian (every
// time to failure exponential, every lifecycle duration and failover delay exponential or
// zero) and its chain has at most `max_markov_states` states: the continuous-time Markov
// chain of the whole model (crews with FIFO queues, failover delays, switch failures,
// standby), solved exactly. Else the structure function as an approximation, with
// `assumptions` saying what it leaves out and `markov_fallback` why there is no chain.
// Beside it, whenever the model is Markovian, the exact measures over the horizon
// (transient.hpp).

#include <string>
#include <vector>

#include "reliasim/analytic/structure.hpp"
#include "reliasim/analytic/transient.hpp"
#include "reliasim/model/compiled_model.hpp"

namespace reliasim::analytic {

struct ScopeEstimate {
  std::string name;
  double availability = 1.0;       // long-run fraction of time up
  double downtime_per_year = 0.0;  // seconds per 365 days
};

enum class EstimateMethod { structure_function, markov_chain };

struct ModelEstimate {
  std::vector<ScopeEstimate> scopes;     // journeys, then services SLAs or SLOs name
  std::vector<std::string> assumptions;  // empty when the estimate is exact
  EstimateMethod method = EstimateMethod::structure_function;
  int markov_states = 0;        // states of the model's chain, when it was solved as one
  std::string markov_fallback;  // why the chain was not solved, when the model needed one
  // Over the horizon (R(t), A(t), MTTF, ...): solved whenever the model is Markovian.
  TransientEstimate transient;
  [[nodiscard]] bool exact() const { return assumptions.empty(); }
};

// Chains up to this size solve in seconds on one core (sparse LU).
inline constexpr int kMaxMarkovStates = 100'000;

[[nodiscard]] ModelEstimate estimate(const CompiledModel& model,
                                     int max_markov_states = kMaxMarkovStates);

// "structure function" or "Markov chain", as the reports name the method.
[[nodiscard]] const char* to_string(EstimateMethod method);
// One sentence for reports: how the estimate was found and whether it is exact, e.g.
// "exact for this model (Markov chain of 65 states)".
[[nodiscard]] std::string method_note(const ModelEstimate& estimate);

// The structure function behind `estimate`, for other analyses (importance measures): one
// component per alternative of every failure source that can take something down, up with
// the source's long-run availability; component 0 stands for "always up".
struct ModelStructure {
  Structure structure;
  std::vector<double> availabilities;               // [component]
  std::vector<std::vector<int>> source_components;  // [source]: empty when it only degrades
  std::vector<int> scope_roots;                     // [scope]: journeys, then SLA / SLO services
  std::vector<std::string> assumptions;             // as in ModelEstimate
};

[[nodiscard]] ModelStructure model_structure(const CompiledModel& model);

// Mean time from T0 to detection of a lifecycle's detector race with its customer-report
// fallback (infinite when an incident can go undetected for ever).
[[nodiscard]] double mean_detection_time(const LifecycleSpec& lifecycle);

// Mean impact (T0 -> T3) and cycle (T0 -> T4) of one incident, crews never waiting.
struct IncidentDurations {
  double impact = 0.0;
  double cycle = 0.0;
};
[[nodiscard]] IncidentDurations mean_incident_durations(const LifecycleSpec& lifecycle);

// Mean time from a source's repair to its next occurrence; infinite when it never occurs.
[[nodiscard]] double mean_time_to_failure(const FailureSourceSpec& source);

}  // namespace reliasim::analytic
