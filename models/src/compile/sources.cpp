// Failure sources: one per replica for replica-scope modes, one per service-scope mode and
// one per common cause, each with its lifecycle completed from `defaults:`.
#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "compiler.hpp"
#include "reliasim/random/stream.hpp"

namespace reliasim::scenario::compiler {
namespace {

const DistributionSpec zero = DistributionSpec::fixed_value(0.0);

// Who handles an incident: the mode's own choice, else the service's crew, else the default.
Index crew_of(const std::optional<Name>& own, const std::optional<Name>& service_crew,
              const Scenario& scenario, const Lookup& lookup) {
  const auto& chosen = own ? own : service_crew ? service_crew : scenario.defaults.crew;
  return chosen ? Lookup::at(lookup.crews, chosen->value) : no_index;
}

LifecycleSpec complete_lifecycle(const Lifecycle& own, const std::optional<Name>& service_crew,
                                 const Scenario& scenario, const Lookup& lookup) {
  const Lifecycle& fallback = scenario.defaults.lifecycle;
  LifecycleSpec spec;
  const Detection& detection = own.detect.given ? own.detect : fallback.detect;
  for (const auto& detector : detection.detectors)
    spec.detectors.push_back({detector.channel, detector.probability, detector.delay});
  // Customers notice what every channel missed: a mode's own detectors keep the default
  // customer-report fallback unless they name their own.
  spec.customer_report =
      detection.customer_report ? detection.customer_report : fallback.detect.customer_report;
  if (!detection.given) spec.detectors.push_back({DetectionChannel::alert, 1.0, zero});
  spec.engage = own.engage ? *own.engage : fallback.engage.value_or(zero);
  spec.runbook = own.runbook || fallback.runbook;
  const auto& mitigation = own.mitigate ? own.mitigate : fallback.mitigate;
  if (mitigation) {
    spec.mitigation = mitigation->kind;
    spec.mitigate = mitigation->duration;
    // Every action but waiting for a third party is someone's work (docs/scenario-format.md
    // section 11): a crew of `size: unlimited` stands for automation that never queues.
    if (mitigation->kind != MitigationKind::wait)
      spec.mitigate_crew = crew_of(mitigation->crew, service_crew, scenario, lookup);
  }
  const auto& repair = own.repair ? own.repair : fallback.repair;
  spec.repair = repair ? repair->duration : zero;
  spec.self_heal = repair && repair->self_heal;
  spec.never_repaired = repair && repair->never;
  // Nobody works on a repair that never comes: no crew member is held for ever.
  if (spec.never_repaired) spec.repair = DistributionSpec::fixed_value(never_repaired_time);
  if (repair && !repair->self_heal && !repair->never)
    spec.repair_crew = crew_of(repair->crew, service_crew, scenario, lookup);
  return spec;
}

FailureSourceSpec make_source(std::string name, Index mode, const Occurrence& occurs,
                              std::optional<double> service_deploys, const Impact& impact) {
  FailureSourceSpec source;
  source.stream_key = stable_hash(name);
  source.name = std::move(name);
  source.failure_mode = mode;
  source.per_deploy = occurs.per_deploy_probability.has_value();
  if (source.per_deploy) {
    source.per_deploy_probability = *occurs.per_deploy_probability;
    source.deploys_per_second = occurs.deploys_per_second.value_or(service_deploys.value_or(0.0));
  } else {
    source.time_to_failure = occurs.time_to_failure.value_or(zero);
  }
  source.down = impact.down;
  source.degrade = impact.degrade;
  return source;
}

void add_service_modes(const Scenario& scenario, const Service& service,
                       const std::vector<const FailureMode*>& modes, Index index,
                       const Lookup& lookup, CompiledModel& model) {
  const ServiceSpec& spec = model.services[static_cast<std::size_t>(index)];
  for (const FailureMode* mode : modes) {
    const auto mode_index = static_cast<Index>(model.failure_modes.size());
    model.failure_modes.push_back(
        {mode->name.value, service.name.value, mode->cause, mode->effect, false});
    const LifecycleSpec lifecycle =
        complete_lifecycle(mode->lifecycle, service.crew, scenario, lookup);
    const Attribution attribution = mode->attributable_to.value_or(
        service.external ? Attribution::third_party : Attribution::internal);
    const std::string base = service.name.value + "/" + mode->name.value;
    const bool per_replica = mode->scope == Scope::replica && spec.replica_count > 0;
    const Index copies = per_replica ? spec.replica_count : 1;
    for (Index r = 0; r < copies; ++r) {
      auto source = make_source(per_replica ? base + "/replica-" + std::to_string(r + 1) : base,
                                mode_index, mode->occurs, service.deploys_per_second, mode->impact);
      source.alternatives.push_back(per_replica ? TargetSet{{spec.first_replica + r}, {}}
                                                : TargetSet{{}, {index}});
      source.attribution = attribution;
      source.lifecycle = lifecycle;
      model.sources.push_back(std::move(source));
    }
  }
}

TargetSet replicas_in_zones(const std::set<Index>& zones, const CompiledModel& model) {
  TargetSet targets;
  for (std::size_t r = 0; r < model.replicas.size(); ++r)
    if (zones.count(model.replicas[r].zone)) targets.replicas.push_back(static_cast<Index>(r));
  return targets;
}

void add_common_cause(const Scenario& scenario, const CommonCause& cause, const Lookup& lookup,
                      CompiledModel& model) {
  const auto mode_index = static_cast<Index>(model.failure_modes.size());
  model.failure_modes.push_back({cause.name.value, "", cause.cause, cause.effect, true});
  auto source = make_source("common-cause/" + cause.name.value, mode_index, cause.occurs,
                            std::nullopt, cause.impact);
  if (cause.hits.any_zone) {
    for (Index z = 0; z < static_cast<Index>(model.zones.size()); ++z)
      source.alternatives.push_back(replicas_in_zones({z}, model));
  } else if (!cause.hits.zones.empty()) {
    std::set<Index> zones;
    for (const auto& zone : cause.hits.zones) zones.insert(Lookup::at(lookup.zones, zone.value));
    source.alternatives.push_back(replicas_in_zones(zones, model));
  } else {
    TargetSet targets;
    for (const auto& service : cause.hits.services)
      targets.services.push_back(Lookup::at(lookup.services, service.value));
    source.alternatives.push_back(std::move(targets));
  }
  source.attribution = cause.attributable_to.value_or(Attribution::internal);
  source.lifecycle = complete_lifecycle(cause.lifecycle, std::nullopt, scenario, lookup);
  model.sources.push_back(std::move(source));
}

}  // namespace

std::vector<std::vector<const FailureMode*>> failure_modes_by_service(const Scenario& scenario,
                                                                      const Lookup& lookup) {
  const std::size_t n = scenario.services.size();
  std::vector<std::vector<const FailureMode*>> lists(n);
  enum State : char { unvisited, pending, done };
  std::vector<State> state(n, unvisited);
  const auto copied = [&](std::size_t v) -> std::optional<std::size_t> {
    const auto& like = scenario.services[v].like;
    if (!like) return std::nullopt;
    const auto found = lookup.services.find(like->value);
    if (found == lookup.services.end()) return std::nullopt;
    return static_cast<std::size_t>(found->second);
  };
  for (std::size_t start = 0; start < n; ++start) {
    // The chain up to the first service already resolved; validation has refused cycles, and
    // a pending service ends the chain anyway.
    std::vector<std::size_t> chain;
    for (std::optional<std::size_t> v = start; v && state[*v] == unvisited; v = copied(*v)) {
      state[*v] = pending;
      chain.push_back(*v);
    }
    for (auto v = chain.rbegin(); v != chain.rend(); ++v) {
      std::vector<const FailureMode*>& modes = lists[*v];
      std::set<std::string_view> own;
      for (const auto& mode : scenario.services[*v].failure_modes) {
        modes.push_back(&mode);
        own.insert(mode.name.value);
      }
      const auto from = copied(*v);
      if (from && state[*from] == done)
        for (const FailureMode* mode : lists[*from])
          if (!own.count(mode->name.value)) modes.push_back(mode);
      state[*v] = done;
    }
  }
  return lists;
}

void compile_failure_sources(const Scenario& scenario, const Lookup& lookup, CompiledModel& model) {
  const auto modes = failure_modes_by_service(scenario, lookup);
  for (std::size_t i = 0; i < scenario.services.size(); ++i)
    add_service_modes(scenario, scenario.services[i], modes[i], static_cast<Index>(i), lookup,
                      model);
  for (const auto& cause : scenario.common_causes) add_common_cause(scenario, cause, lookup, model);
}

}  // namespace reliasim::scenario::compiler
