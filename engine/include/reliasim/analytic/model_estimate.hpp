#pragma once
// The analytic counterpart of a simulation: the long-run availability of every scope of a
// compiled model, from each failure source's renewal-reward availability (mean time to
// failure against the mean time its impact lasts) combined through the exact structure
// function of the dependency graph (a BDD, structure.hpp). It is exact for independent
// sources with ideal failover and no crew queues; otherwise `assumptions` says what it
// leaves out, and the figure is an approximation to set beside the simulation.

#include <string>
#include <vector>

#include "reliasim/analytic/structure.hpp"
#include "reliasim/model/compiled_model.hpp"

namespace reliasim::analytic {

struct ScopeEstimate {
  std::string name;
  double availability = 1.0;       // long-run fraction of time up
  double downtime_per_year = 0.0;  // seconds per 365 days
};

struct ModelEstimate {
  std::vector<ScopeEstimate> scopes;     // journeys, then services SLAs or SLOs name
  std::vector<std::string> assumptions;  // empty when the estimate is exact
  [[nodiscard]] bool exact() const { return assumptions.empty(); }
};

[[nodiscard]] ModelEstimate estimate(const CompiledModel& model);

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

}  // namespace reliasim::analytic
