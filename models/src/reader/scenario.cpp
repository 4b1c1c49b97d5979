// The top level of a scenario document.
#include <cstdio>

#include "sections.hpp"

namespace reliasim::scenario::reader {
namespace {

void read_start(const Value& value, Scenario& scenario) {
  const auto text = value.text();
  int year = 0;
  int month = 0;
  char extra = 0;
  if (text && std::sscanf(text->c_str(), "%4d-%2d%c", &year, &month, &extra) == 2 && year >= 1970 &&
      year <= 9999 && month >= 1 && month <= 12) {
    scenario.start_year = year;
    scenario.start_month = month;
  } else if (text) {
    value.expected("a year and month such as 2027-01");
  }
}

void read_defaults(const Value& value, Defaults& defaults) {
  auto f = value.fields({"detect", "engage", "mitigate", "repair", "crew"});
  if (!f) return;
  read_lifecycle(*f, defaults.lifecycle);
  if (auto v = f->get("crew"))
    if (auto crew = v->name()) defaults.crew = Name{*crew, v->place()};
}

template <typename T, typename Read>
void read_list(const std::optional<Value>& value, std::vector<T>& into, Read read) {
  if (!value) return;
  for (const auto& item : value->items())
    if (auto element = read(item)) into.push_back(std::move(*element));
}

template <typename T, typename Read>
void read_named(const std::optional<Value>& value, std::vector<T>& into, Read read) {
  if (!value) return;
  for (const auto& [name, item] : value->named_entries())
    if (auto element = read(name, item)) into.push_back(std::move(*element));
}

}  // namespace

void read_scenario(const Value& root, Scenario& scenario) {
  auto f = root.fields({"scenario", "description", "horizon", "start", "windows", "zones",
                        "defaults", "services", "crews", "common_causes", "maintenance", "journeys",
                        "slos", "slas", "stress"});
  if (!f) return;
  if (auto v = f->required("scenario")) scenario.name = v->text().value_or("");
  if (auto v = f->get("description")) scenario.description = v->text().value_or("");
  if (auto v = f->get("horizon")) {
    const auto horizon = v->positive_duration();
    // From minutes (P(an outage within the next hour)) to decades.
    if (horizon && *horizon < 60.0)
      v->expected("a horizon of at least 1m");
    else if (horizon)
      scenario.horizon = *horizon;
  }
  if (auto v = f->get("start")) read_start(*v, scenario);
  if (auto v = f->get("windows"))
    if (auto window = read_window(*v)) scenario.windows = *window;
  if (auto v = f->get("zones")) scenario.zones = v->names();
  if (auto v = f->get("defaults")) read_defaults(*v, scenario.defaults);
  const auto services = f->required("services");
  read_named(services, scenario.services, read_service);
  if (services && services->is_map() && scenario.services.empty())
    services->expected("at least one service");
  read_named(f->get("crews"), scenario.crews, read_crew);
  read_list(f->get("common_causes"), scenario.common_causes, read_common_cause);
  read_list(f->get("maintenance"), scenario.maintenance, read_maintenance);
  read_named(f->get("journeys"), scenario.journeys, read_journey);
  read_list(f->get("slos"), scenario.slos, read_slo);
  read_list(f->get("slas"), scenario.slas, read_sla);
  if (auto v = f->get("stress")) {
    // Each test is a run of its own beside the baseline's.
    constexpr std::size_t max_stress_tests = 100;
    if (v->is_map() && v->node().size() > max_stress_tests)
      v->expected("at most " + std::to_string(max_stress_tests) + " stress tests");
    else
      read_named(v, scenario.stress_tests, read_stress_test);
  }
}

}  // namespace reliasim::scenario::reader
