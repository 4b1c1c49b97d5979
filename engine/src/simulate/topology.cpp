#include "topology.hpp"

#include <algorithm>
#include <cmath>

namespace reliasim::sim {
namespace {

using Sets = std::vector<std::vector<bool>>;

// Services a scope goes down with: its own, then hard dependencies and failover members,
// transitively. Soft dependencies only degrade, so they are left out.
std::vector<bool> hard_closure(const CompiledModel& model, const std::vector<Index>& roots) {
  std::vector<bool> in(model.services.size(), false);
  std::vector<Index> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    const Index s = stack.back();
    stack.pop_back();
    if (in[static_cast<std::size_t>(s)]) continue;
    in[static_cast<std::size_t>(s)] = true;
    const ServiceSpec& spec = model.services[static_cast<std::size_t>(s)];
    stack.insert(stack.end(), spec.hard_dependencies.begin(), spec.hard_dependencies.end());
    stack.insert(stack.end(), spec.failover_members.begin(), spec.failover_members.end());
  }
  return in;
}

void add_scopes(const CompiledModel& model, Topology& topology) {
  for (std::size_t j = 0; j < model.journeys.size(); ++j) {
    topology.scope_of_journey.push_back(static_cast<Index>(topology.scopes.size()));
    topology.scopes.push_back({model.journeys[j].name, true, static_cast<Index>(j)});
  }
  topology.scope_of_service.assign(model.services.size(), no_index);
  auto scope_for = [&](const ScopeRef& ref) {
    if (ref.journey) return topology.scope_of_journey[static_cast<std::size_t>(ref.index)];
    Index& scope = topology.scope_of_service[static_cast<std::size_t>(ref.index)];
    if (scope == no_index) {
      scope = static_cast<Index>(topology.scopes.size());
      topology.scopes.push_back(
          {model.services[static_cast<std::size_t>(ref.index)].name, false, ref.index});
    }
    return scope;
  };
  for (const auto& sla : model.slas) topology.sla_scope.push_back(scope_for(sla.scope));
  for (const auto& slo : model.slos) topology.slo_scope.push_back(scope_for(slo.scope));
  topology.scope_measured.assign(topology.scopes.size(), 0);
  for (const Index scope : topology.sla_scope)
    topology.scope_measured[static_cast<std::size_t>(scope)] = 1;
  for (const Index scope : topology.slo_scope)
    topology.scope_measured[static_cast<std::size_t>(scope)] = 1;
  for (const ScopeInfo& scope : topology.scopes)
    topology.scope_down_at.push_back(
        scope.journey ? model.journeys[static_cast<std::size_t>(scope.index)].down_at : 1.0);
}

Sets scope_closures(const CompiledModel& model, const Topology& topology) {
  Sets closures;
  for (const ScopeInfo& scope : topology.scopes) {
    closures.push_back(
        scope.journey
            ? hard_closure(model, model.journeys[static_cast<std::size_t>(scope.index)].services)
            : hard_closure(model, {scope.index}));
  }
  return closures;
}

std::vector<Index> scopes_touching(const std::vector<Index>& services, const Sets& closures) {
  std::vector<Index> touched;
  for (std::size_t c = 0; c < closures.size(); ++c) {
    const bool hit = std::any_of(services.begin(), services.end(),
                                 [&](Index s) { return closures[c][static_cast<std::size_t>(s)]; });
    if (hit) touched.push_back(static_cast<Index>(c));
  }
  return touched;
}

// Every service a target set touches, its replicas' services included, sorted and unique.
std::vector<Index> services_hit(const CompiledModel& model, const TargetSet& targets) {
  std::vector<Index> services = targets.services;
  for (const Index r : targets.replicas)
    services.push_back(model.replicas[static_cast<std::size_t>(r)].service);
  std::sort(services.begin(), services.end());
  services.erase(std::unique(services.begin(), services.end()), services.end());
  return services;
}

// A source ages as a standby when everything it can hit belongs to one member of a group.
void link_standby_sources(const CompiledModel& model, Topology& topology) {
  topology.standby.assign(model.sources.size(), {});
  topology.member_sources.assign(model.services.size(), {});
  std::vector<StandbyLink> link_of_service(model.services.size());
  for (std::size_t g = 0; g < model.services.size(); ++g) {
    const auto& members = model.services[g].failover_members;
    for (std::size_t m = 0; m < members.size(); ++m) {
      auto& link = link_of_service[static_cast<std::size_t>(members[m])];
      if (link.group == no_index) link = {static_cast<Index>(g), static_cast<Index>(m)};
    }
  }
  for (std::size_t s = 0; s < model.sources.size(); ++s) {
    const auto& alternatives = model.sources[s].alternatives;
    if (alternatives.size() != 1) continue;
    const auto services = services_hit(model, alternatives.front());
    if (services.size() != 1) continue;
    const Index owner = services.front();
    topology.standby[s] = link_of_service[static_cast<std::size_t>(owner)];
    if (topology.standby[s].group != no_index)
      topology.member_sources[static_cast<std::size_t>(owner)].push_back(static_cast<Index>(s));
  }
}

void add_services(const CompiledModel& model, Topology& topology) {
  const std::size_t n = model.services.size();
  topology.rank.assign(n, 0);
  for (std::size_t i = 0; i < model.dependencies_first.size(); ++i)
    topology.rank[static_cast<std::size_t>(model.dependencies_first[i])] = static_cast<Index>(i);
  std::vector<std::vector<Dependent>> dependents(n);
  for (std::size_t s = 0; s < n; ++s) {
    const ServiceSpec& spec = model.services[s];
    topology.rules.push_back(
        {spec.replica_count > 0 ? spec.min_healthy : 0, !spec.failover_members.empty()});
    std::vector<Input> inputs;
    for (const Index d : spec.hard_dependencies) inputs.push_back({d, 1.0});
    for (const auto& soft : spec.soft_dependencies) inputs.push_back({soft.service, soft.degrade});
    // Padded with inputs of weight 0, which multiply by exactly 1: see Topology::inputs.
    inputs.resize((inputs.size() + input_block - 1) / input_block * input_block,
                  Input{static_cast<Index>(s), 0.0});
    topology.inputs.add_row(inputs);
    const auto& members = spec.failover_members;
    auto add = [&](Index dependency) {
      const bool member = std::find(members.begin(), members.end(), dependency) != members.end();
      dependents[static_cast<std::size_t>(dependency)].push_back(
          {static_cast<Index>(s), topology.rank[s], member});
    };
    for (const Index d : spec.hard_dependencies) add(d);
    for (const auto& soft : spec.soft_dependencies) add(soft.service);
    for (const Index m : members) add(m);
  }
  for (const auto& row : dependents) topology.dependents.add_row(row);
  std::vector<std::vector<Index>> journeys_of(n);
  for (std::size_t j = 0; j < model.journeys.size(); ++j) {
    topology.journey_services.add_row(model.journeys[j].services);
    for (const Index s : model.journeys[j].services)
      journeys_of[static_cast<std::size_t>(s)].push_back(static_cast<Index>(j));
  }
  for (const auto& row : journeys_of) topology.journeys_of.add_row(row);
  for (const auto& replica : model.replicas) topology.replica_service.push_back(replica.service);
}

void add_targets(const CompiledModel& model, Topology& topology) {
  const Sets closures = scope_closures(model, topology);
  for (const auto& source : model.sources) {
    topology.source_rules.push_back({static_cast<Index>(topology.target_scopes.size()),
                                     source.down || source.degrade >= 1.0,
                                     source.degrade < 1.0 ? std::log1p(-source.degrade) : 0.0});
    for (const auto& targets : source.alternatives) {
      topology.target_replicas.add_row(targets.replicas);
      topology.target_services.add_row(targets.services);
      topology.target_scopes.add_row(scopes_touching(services_hit(model, targets), closures));
    }
  }
  for (const auto& window : model.maintenance)
    topology.maintenance_scopes.add_row(scopes_touching(window.services, closures));
}

}  // namespace

double dormant_factor(const FailoverSpec& failover) {
  switch (failover.standby) {
    case StandbyMode::hot: return 1.0;
    case StandbyMode::cold: return 0.0;
    case StandbyMode::warm: return failover.dormant_failure_factor;
  }
  return 1.0;
}

Topology build_topology(const CompiledModel& model) {
  Topology topology;
  add_services(model, topology);
  add_scopes(model, topology);
  add_targets(model, topology);
  link_standby_sources(model, topology);
  return topology;
}

}  // namespace reliasim::sim
