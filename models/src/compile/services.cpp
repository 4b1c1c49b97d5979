// Services, their replicas, dependencies and failover groups, in dependency order.
#include "../graph/dependency_graph.hpp"
#include "compiler.hpp"

namespace reliasim::scenario::compiler {
namespace {

void place_replicas(const Service& service, Index index, const Lookup& lookup, CompiledModel& model,
                    ServiceSpec& spec) {
  spec.first_replica = static_cast<Index>(model.replicas.size());
  spec.replica_count = service.any_of.empty() ? service.replicas.count.value : 0;
  spec.min_healthy = service.any_of.empty() ? service.replicas.min_healthy.value : 0;
  const auto& zones = service.replicas.zones;
  for (Index r = 0; r < spec.replica_count; ++r) {
    // Round-robin over the listed zones, so 4 replicas in 2 zones put 2 in each.
    const Index zone =
        zones.empty()
            ? no_index
            : Lookup::at(lookup.zones, zones[static_cast<std::size_t>(r) % zones.size()].value);
    model.replicas.push_back({index, zone});
  }
}

}  // namespace

void compile_services(const Scenario& scenario, const Lookup& lookup, CompiledModel& model) {
  std::vector<graph::Edge> edges;
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    const Service& service = scenario.services[i];
    const auto index = static_cast<Index>(i);
    ServiceSpec spec;
    spec.name = service.name.value;
    spec.description = service.description;
    spec.external = service.external;
    place_replicas(service, index, lookup, model, spec);
    for (const auto& dependency : service.depends_on) {
      const Index target = Lookup::at(lookup.services, dependency.service.value);
      if (dependency.soft)
        spec.soft_dependencies.push_back({target, dependency.degrade});
      else
        spec.hard_dependencies.push_back(target);
      edges.push_back({index, target});
    }
    for (const auto& member : service.any_of) {
      spec.failover_members.push_back(Lookup::at(lookup.services, member.value));
      edges.push_back({index, spec.failover_members.back()});
    }
    const Failover& failover = service.failover;
    spec.failover = {failover.delay, failover.success, failover.manual, failover.standby,
                     failover.dormant_failure_factor};
    if (service.cost)
      spec.monthly_cost = service.cost->monthly, spec.currency = service.cost->currency;
    model.services.push_back(std::move(spec));
  }
  const auto order = graph::dependencies_first(static_cast<int>(model.services.size()), edges);
  model.dependencies_first.assign(order.begin(), order.end());
}

}  // namespace reliasim::scenario::compiler
