// Maintenance, journeys, SLOs and SLAs.
#include <algorithm>

#include "compiler.hpp"

namespace reliasim::scenario::compiler {
namespace {

WindowSpec make_window(const std::optional<Window>& own, const Scenario& scenario) {
  const Window& window = own ? *own : scenario.windows;
  return lay_out_windows(window.kind, window.length, scenario.horizon, scenario.start_year,
                         scenario.start_month);
}

ScopeRef make_scope(const Target& scope, const Lookup& lookup) {
  if (scope.journey) return {true, Lookup::at(lookup.journeys, scope.journey->value)};
  return {false, Lookup::at(lookup.services, scope.service->value)};
}

bool has(const std::vector<Exclusion>& exclusions, Exclusion exclusion) {
  return std::find(exclusions.begin(), exclusions.end(), exclusion) != exclusions.end();
}

}  // namespace

void compile_contracts(const Scenario& scenario, const Lookup& lookup, CompiledModel& model) {
  model.windows = make_window(std::nullopt, scenario);
  model.start_year = scenario.start_year;
  model.start_month = scenario.start_month;
  for (const auto& window : scenario.maintenance) {
    MaintenanceSpec spec{
        {}, window.every, window.duration, window.offset, window.excluded_from_sla};
    for (const auto& service : window.services)
      spec.services.push_back(Lookup::at(lookup.services, service.value));
    model.maintenance.push_back(std::move(spec));
  }
  for (const auto& journey : scenario.journeys) {
    JourneySpec spec{journey.name.value, {}, journey.down_at, journey.description};
    for (const auto& service : journey.services)
      spec.services.push_back(Lookup::at(lookup.services, service.value));
    model.journeys.push_back(std::move(spec));
  }
  for (const auto& slo : scenario.slos)
    model.slos.push_back({slo.name.value, make_scope(slo.scope, lookup), slo.target.value,
                          make_window(slo.window, scenario)});
  for (const auto& sla : scenario.slas) {
    SlaSpec spec;
    spec.name = sla.name.value;
    spec.customer = sla.customer;
    spec.scope = make_scope(sla.scope, lookup);
    spec.target = sla.target.value;
    spec.window = make_window(sla.window, scenario);
    spec.rule = sla.measure.rule;
    spec.granularity = sla.measure.granularity;
    spec.min_run = sla.measure.min_run;
    if (sla.measure.error_threshold) spec.error_threshold = *sla.measure.error_threshold;
    spec.interval = sla.measure.interval;
    for (const auto& tier : sla.credits)
      spec.credits.push_back({tier.below.value, tier.credit.value});
    spec.monthly_fee = sla.monthly_fee;
    spec.currency = sla.currency;
    spec.cap = sla.cap;
    spec.min_payout = sla.min_payout;
    spec.excludes_maintenance = has(sla.exclusions, Exclusion::maintenance);
    spec.excludes_third_party = has(sla.exclusions, Exclusion::third_party);
    spec.excludes_customer = has(sla.exclusions, Exclusion::customer);
    model.slas.push_back(std::move(spec));
  }
}

}  // namespace reliasim::scenario::compiler
