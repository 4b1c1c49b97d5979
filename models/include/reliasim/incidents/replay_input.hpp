#pragma once
// A history read for `reliasim replay` (docs/replay.md): each incident's impact on the journey
// or service it names, from its start (T0, or T1 without one) to its mitigation (T3, or its
// resolution without one; still open: the period's end), and the scenario's SLA and SLO
// windows laid over the history's period.

#include <vector>

#include "reliasim/analysis/replay.hpp"
#include "reliasim/fit/incident_history.hpp"
#include "reliasim/model/compiled_model.hpp"

namespace reliasim::incidents {

struct ReplayInput {
  CompiledModel model;  // the scenario's, with horizon and windows those of the history
  std::vector<HistoryImpact> impacts;
  fit::IncidentHistory history;
  int start_year = 0;  // of the period's first window, UTC
  int start_month = 0;
};

// Throws scenario::ScenarioError naming the export's line for an incident whose scope the
// scenario does not have.
[[nodiscard]] ReplayInput replay_input(const CompiledModel& scenario, fit::IncidentHistory history);

}  // namespace reliasim::incidents
