#include "reliasim/incidents/replay_input.hpp"

#include <algorithm>
#include <cmath>

#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/suggest.hpp"
#include "reliasim/scenario/units.hpp"
#include "timestamps.hpp"

namespace reliasim::incidents {
namespace {

using fit::Stamp;

template <typename Specs>
std::optional<Index> index_named(const Specs& specs, const std::string& name) {
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].name == name) return static_cast<Index>(i);
  return std::nullopt;
}

template <typename Specs>
std::string names_of(const Specs& specs) {
  std::string names;
  for (const auto& spec : specs) names += (names.empty() ? "" : ", ") + spec.name;
  return names.empty() ? "none" : names;
}

Cause cause_named(const std::string& name) {
  if (name == "third_party") return Cause::third_party;
  if (name == "customer") return Cause::customer;
  if (name == "maintenance") return Cause::maintenance;
  return Cause::internal;
}

// The scenario's SLA and SLO windows over [0, period), the first starting at (year, month).
CompiledModel relaid(const CompiledModel& scenario, double period, int year, int month) {
  CompiledModel model = scenario;
  model.horizon = period;
  model.start_year = year;
  model.start_month = month;
  auto lay = [&](WindowSpec& window) {
    window = scenario::lay_out_windows(window.kind, window.length, period, year, month);
  };
  for (auto& sla : model.slas) lay(sla.window);
  for (auto& slo : model.slos) lay(slo.window);
  return model;
}

}  // namespace

ReplayInput replay_input(const CompiledModel& scenario, fit::IncidentHistory history) {
  ReplayInput input;
  // The calendar of the export's zone: months start at its midnight.
  const CalendarMonth first = month_holding(history.period_start, history.utc_offset);
  input.start_year = first.year;
  input.start_month = first.month;
  const double period = history.period_end - history.period_start;
  input.model = relaid(scenario, period, input.start_year, input.start_month);
  scenario::DiagnosticSink sink(history.source);
  try {
    for (const auto& incident : history.incidents) {
      const int line = static_cast<int>(incident.row);
      HistoryImpact impact;
      impact.line = incident.row;
      const bool journey = !incident.journey.empty();
      const std::string& name = journey ? incident.journey : incident.service;
      if (name.empty()) {
        sink.error(line, incident.scope_column,
                   "names no journey or service: give the scope the incident hit (a `journey` "
                   "or `service` column)");
        continue;
      }
      const auto index =
          journey ? index_named(scenario.journeys, name) : index_named(scenario.services, name);
      if (!index) {
        sink.error(line, incident.scope_column,
                   std::string(journey ? "journey " : "service ") + scenario::quote(name) +
                       " is not in the scenario; its " + (journey ? "journeys" : "services") +
                       " are " +
                       (journey ? names_of(scenario.journeys) : names_of(scenario.services)));
        continue;
      }
      impact.scope = {journey, *index};
      const double t0 = incident.at(Stamp::started) == incident.at(Stamp::started)
                            ? incident.at(Stamp::started)
                            : incident.at(Stamp::detected);
      double t3 = incident.at(Stamp::mitigated);
      if (!(t3 == t3)) t3 = incident.at(Stamp::resolved);
      if (!(t3 == t3)) t3 = history.period_end;  // still open
      impact.start = std::max(t0, history.period_start) - history.period_start;
      impact.end = std::min(t3, history.period_end) - history.period_start;
      impact.error = incident.degrade;
      impact.cause = cause_named(incident.attributable_to);
      input.impacts.push_back(impact);
    }
  } catch (const scenario::TooManyErrors&) {
  }
  if (!sink.empty()) throw scenario::ScenarioError(sink.take());
  input.history = std::move(history);
  return input;
}

}  // namespace reliasim::incidents
