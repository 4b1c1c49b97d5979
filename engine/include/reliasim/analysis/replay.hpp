#pragma once
// A real history against the contracts (docs/replay.md): the scenario's SLAs and SLOs measured
// on what actually happened, by the same rules a simulated trial is measured by, and where
// that history falls among the simulated years.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/measurement.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim {

// One stretch of impact in a real history: a journey or service failing at `error` (1: down)
// for a cause, in seconds from the replay's start.
struct HistoryImpact {
  ScopeRef scope;
  double start = 0.0;
  double end = 0.0;
  double error = 1.0;
  Cause cause = Cause::internal;
  std::size_t line = 0;  // where the export has it
};

struct ReplayedWindow {
  double start = 0.0;  // seconds from the replay's start
  double end = 0.0;
  double uptime = 1.0;   // as the SLA's rule measures it
  double counted = 0.0;  // seconds the SLA counts (the window less its exclusions)
  double credit = 0.0;
  bool breached = false;  // uptime below the target
};

struct ReplayedSla {
  std::vector<ReplayedWindow> windows;
  double credit = 0.0;  // over the history
  std::size_t breaches = 0;
};

struct ReplayedSlo {
  std::vector<double> bounds;  // windows (calendar, fixed) or the first of each rolling one
  std::vector<double> used;    // each window's share of its error budget spent
  std::size_t exhausted = 0;   // windows that spent all of it
};

struct Replay {
  double period = 0.0;            // seconds
  std::vector<ReplayedSla> slas;  // in the model's order
  std::vector<ReplayedSlo> slos;
  // The credits of every SLA with a credit schedule, per currency (in order of first use).
  std::vector<std::string> currencies;
  std::vector<double> credit_by_currency;
  // Each measured scope's history as the rules saw it: journeys, then services (ScopeRef).
  std::vector<std::vector<ScopeSegment>> journey_segments;
  std::vector<std::vector<ScopeSegment>> service_segments;
};

// The model's SLAs and SLOs (their windows laid over [0, model.horizon)) measured on
// `impacts`. A service's impact counts for the service, for every service that needs it
// (hard dependencies, through any number of steps) and for every journey through those;
// concurrent impacts on a scope fail 1 - prod(1 - error) of its requests and share its time
// equally among their causes, as in a simulated trial.
[[nodiscard]] Replay replay_history(const CompiledModel& model,
                                    std::span<const HistoryImpact> impacts);

// Where a history falls among simulated ones: for each currency, the share of simulated years
// whose credits reach the history's per year; for each SLA, the share of years with at least
// as many breached windows (per year). Weighted as the run is (importance sampling).
struct ReplayOdds {
  std::vector<std::string> currencies;
  std::vector<double> history_credit_per_year;  // per currency
  std::vector<double> credit_at_least;          // P(simulated year >= history)
  std::vector<double> breaches_at_least;        // per SLA
  std::uint64_t trials = 0;
};
[[nodiscard]] ReplayOdds replay_odds(const CompiledModel& model, const Replay& replay,
                                     const RunResults& run);

}  // namespace reliasim
