// Value domains and orderings that a single key cannot check on its own.
#include <cmath>

#include "reliasim/scenario/units.hpp"
#include "validate.hpp"

namespace reliasim::scenario {
namespace {

// More failures than this per source and trial means a unit typo (1/s for 1/y), and would make
// a trial run for hours: refuse it.
constexpr double max_occurrences_per_trial = 1e6;

void at(DiagnosticSink& sink, Place place, const std::string& message) {
  sink.error(place.line, place.column, message);
}

void check_occurrence(const Occurrence& occurs, const std::optional<double>& service_deploys,
                      double horizon, const std::string& who, DiagnosticSink& sink) {
  if (occurs.per_deploy_probability) {
    const auto deploys = occurs.deploys_per_second ? occurs.deploys_per_second : service_deploys;
    if (!deploys)
      at(sink, occurs.place,
         who +
             " fails per deploy but no deploy rate is given; add "
             "'deploys: 10/w' to the failure mode or its service");
    else if (*deploys * horizon > max_occurrences_per_trial)
      at(sink, occurs.place,
         who + " has about " + format_number(*deploys * horizon, 3) +
             " deploys per horizon; at most 1,000,000 are simulated: check "
             "the unit (10/w, not 10/s)");
    return;
  }
  if (!occurs.time_to_failure) return;
  const double mean = occurs.time_to_failure->mean();
  if (!(mean > 0))
    at(sink, occurs.place,
       who +
           " has a mean time to failure of zero; give it a longer one, "
           "such as {mtbf: 90d}");
  else if (horizon / mean > max_occurrences_per_trial)
    at(sink, occurs.place,
       who + " would fail about " + format_number(horizon / mean, 3) +
           " times per horizon (mean time to failure " + format_duration(mean) +
           "); at most 1,000,000 are simulated: "
           "check the unit (4/y, not 4/s)");
}

// A replica is either serving or not (docs/simulation.md): a fraction of failing requests
// belongs to a whole service.
void check_replica_impact(const Impact& impact, Place place, const std::string& who,
                          DiagnosticSink& sink) {
  if (!impact.down)
    at(sink, place,
       who +
           " degrades replicas, but a replica is either serving or not; write impact: down, or "
           "degrade whole services (scope: service, or hits: {services: [...]})");
}

void check_services(const Scenario& s, DiagnosticSink& sink) {
  for (const auto& service : s.services) {
    const std::string who = "service '" + service.name.value + "'";
    const auto& replicas = service.replicas;
    if (replicas.min_healthy.value > replicas.count.value)
      at(sink, replicas.min_healthy.place,
         who + ": min_healthy " + std::to_string(replicas.min_healthy.value) +
             " is more than its " + std::to_string(replicas.count.value) +
             (replicas.count.value == 1 ? " replica" : " replicas") + " (k > n); valid: 1 to " +
             std::to_string(replicas.count.value));
    if (service.any_of.size() == 1)
      at(sink, service.any_of.front().place,
         who +
             ": a failover group (any_of) needs at least "
             "two members");
    for (const auto& mode : service.failure_modes) {
      const std::string mode_who = "failure mode '" + mode.name.value + "'";
      check_occurrence(mode.occurs, service.deploys_per_second, s.horizon, mode_who, sink);
      if (mode.scope == Scope::replica)
        check_replica_impact(mode.impact, mode.place, mode_who, sink);
    }
  }
}

void check_common_causes(const Scenario& s, DiagnosticSink& sink) {
  for (const auto& cause : s.common_causes) {
    const std::string who = "common cause '" + cause.name.value + "'";
    if (cause.hits.any_zone && s.zones.empty())
      at(sink, cause.hits.place, who + " hits any zone, but the scenario defines no 'zones'");
    check_occurrence(cause.occurs, std::nullopt, s.horizon, who, sink);
    if (cause.hits.any_zone || !cause.hits.zones.empty())
      check_replica_impact(cause.impact, cause.hits.place, who, sink);
  }
  for (const auto& window : s.maintenance)
    if (window.every > 0 && window.duration >= window.every)
      at(sink, window.place,
         "maintenance lasts " + format_duration(window.duration) + " but repeats every " +
             format_duration(window.every) + "; it must be shorter than its period");
}

void check_window(const std::optional<Window>& window, double horizon, const std::string& who,
                  DiagnosticSink& sink) {
  if (window && window->kind != WindowKind::calendar_month && window->length > horizon)
    at(sink, window->place,
       who + ": window " + format_duration(window->length) + " is longer than the horizon " +
           format_duration(horizon) + "; give a window no longer than the horizon");
}

void check_target(const Located<double>& target, const std::string& who, DiagnosticSink& sink) {
  if (target.place.line > 0 && !(target.value > 0))
    at(sink, target.place,
       who + ": target " + format_number(target.value * 100) +
           "% is not above 0%; write a target such as 99.9%");
}

void check_credits(const Sla& sla, DiagnosticSink& sink) {
  const std::string who = label("SLA", sla.name);
  if (sla.credits.empty()) return;
  const auto percent = [](const Located<double>& value) {
    return format_number(value.value * 100) + "%";
  };
  if (sla.target.place.line > 0 && sla.credits.front().below.value > sla.target.value)
    at(sink, sla.credits.front().below.place,
       who + ": the first credit tier starts below " + percent(sla.credits.front().below) +
           ", above the target " + percent(sla.target) + "; tiers start at or below the target");
  for (std::size_t i = 1; i < sla.credits.size(); ++i) {
    const auto& previous = sla.credits[i - 1];
    const auto& tier = sla.credits[i];
    if (!(tier.below.value < previous.below.value))
      at(sink, tier.below.place,
         who + ": credit tiers out of order: 'below' " + percent(tier.below) + " follows " +
             percent(previous.below) + "; each 'below' must be lower than the one before it");
    if (!(tier.credit.value > previous.credit.value))
      at(sink, tier.credit.place,
         who + ": credit tiers out of order: 'credit' " + percent(tier.credit) + " follows " +
             percent(previous.credit) + "; each 'credit' must be larger than the one before it");
  }
}

}  // namespace

void validate_values(const Scenario& s, DiagnosticSink& sink) {
  check_services(s, sink);
  check_common_causes(s, sink);
  for (const auto& journey : s.journeys)
    if (journey.services.empty())
      at(sink, journey.name.place,
         "journey '" + journey.name.value +
             "' names no service; list the services it passes through");
  check_window(s.windows, s.horizon, "windows", sink);
  for (const auto& slo : s.slos) {
    check_target(slo.target, label("SLO", slo.name), sink);
    check_window(slo.window, s.horizon, label("SLO", slo.name), sink);
  }
  for (const auto& sla : s.slas) {
    check_target(sla.target, label("SLA", sla.name), sink);
    check_window(sla.window, s.horizon, label("SLA", sla.name), sink);
    check_credits(sla, sink);
  }
}

}  // namespace reliasim::scenario
