#include "export_model.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "simulate/topology.hpp"

namespace reliasim::bench {
namespace {

using nlohmann::json;

json distribution(const DistributionSpec& d) {
  return {{"kind", std::string(to_string(d.kind))},
          {"a", d.a},
          {"b", d.b},
          {"c", d.c},
          {"samples", d.samples}};
}

json optional_distribution(const std::optional<DistributionSpec>& d) {
  return d ? distribution(*d) : json(nullptr);
}

json service(const ServiceSpec& s) {
  json soft = json::array();
  for (const SoftDependency& d : s.soft_dependencies) soft.push_back({d.service, d.degrade});
  return {{"name", s.name},
          {"first_replica", s.first_replica},
          {"replica_count", s.replica_count},
          {"min_healthy", s.min_healthy},
          {"hard", s.hard_dependencies},
          {"soft", soft},
          {"members", s.failover_members},
          {"failover",
           {{"delay", distribution(s.failover.delay)},
            {"success", s.failover.success},
            {"manual", optional_distribution(s.failover.manual)},
            {"dormant_factor", sim::dormant_factor(s.failover)}}}};
}

json lifecycle(const LifecycleSpec& l) {
  json detectors = json::array();
  for (const DetectorSpec& d : l.detectors)
    detectors.push_back({{"probability", d.probability}, {"delay", distribution(d.delay)}});
  return {{"detectors", detectors},
          {"customer_report", optional_distribution(l.customer_report)},
          {"engage", distribution(l.engage)},
          {"self_heal", l.self_heal},
          {"mitigation", l.mitigation.has_value()},
          {"wait", l.mitigation == MitigationKind::wait},
          {"mitigate", distribution(l.mitigate)},
          {"mitigate_crew", l.mitigate_crew},
          {"repair", distribution(l.repair)},
          {"repair_crew", l.repair_crew}};
}

// Source `index`, whose first alternative is Topology target `target`.
json source(const FailureSourceSpec& s, const sim::Topology& topology, std::size_t index,
            Index target) {
  json alternatives = json::array();
  for (const TargetSet& t : s.alternatives) {
    const auto scopes = topology.target_scopes[target++];
    alternatives.push_back({{"replicas", t.replicas},
                            {"services", t.services},
                            {"scopes", std::vector<Index>(scopes.begin(), scopes.end())}});
  }
  const sim::StandbyLink& link = topology.standby[index];
  return {{"name", s.name},
          // The failover group and member position of the service it belongs to alone.
          {"standby", link.group == no_index ? json(nullptr) : json{link.group, link.member}},
          {"failure_mode", s.failure_mode},
          {"cause", static_cast<int>(s.attribution)},
          {"time_to_failure", s.per_deploy ? json(nullptr) : distribution(s.time_to_failure)},
          {"failing_deploys_per_second", s.deploys_per_second * s.per_deploy_probability},
          {"alternatives", alternatives},
          {"down", s.down},
          {"degrade", s.degrade},
          {"lifecycle", lifecycle(s.lifecycle)}};
}

}  // namespace

void export_model(const std::filesystem::path& scenario_file,
                  const std::filesystem::path& json_file) {
  const CompiledModel model = scenario::compile(scenario::load_scenario_file(scenario_file));
  const sim::Topology topology = sim::build_topology(model);
  json out = {{"name", model.name}, {"file", scenario_file.string()}, {"horizon", model.horizon}};
  json replicas = json::array(), services = json::array(), sources = json::array();
  for (const ReplicaSpec& r : model.replicas) replicas.push_back(r.service);
  for (const ServiceSpec& s : model.services) services.push_back(service(s));
  for (std::size_t s = 0; s < model.sources.size(); ++s)
    sources.push_back(source(model.sources[s], topology, s, topology.source_rules[s].first_target));
  json crews = json::array(), maintenance = json::array(), journeys = json::array();
  for (const CrewSpec& c : model.crews) crews.push_back(c.size);
  for (std::size_t w = 0; w < model.maintenance.size(); ++w) {
    const MaintenanceSpec& m = model.maintenance[w];
    const auto scopes = topology.maintenance_scopes[static_cast<Index>(w)];
    maintenance.push_back({{"services", m.services},
                           {"every", m.every},
                           {"duration", m.duration},
                           {"offset", m.offset},
                           {"scopes", std::vector<Index>(scopes.begin(), scopes.end())}});
  }
  json scopes = json::array();
  for (std::size_t k = 0; k < topology.scopes.size(); ++k) {
    const ScopeInfo& scope = topology.scopes[k];
    scopes.push_back({{"name", scope.name},
                      {"journey", scope.journey},
                      {"index", scope.index},
                      {"down_at", topology.scope_down_at[k]}});
  }
  for (const JourneySpec& j : model.journeys) journeys.push_back(j.services);
  out["replica_service"] = replicas;
  out["services"] = services;
  out["dependencies_first"] = model.dependencies_first;
  out["sources"] = sources;
  out["crews"] = crews;
  out["maintenance"] = maintenance;
  out["journeys"] = journeys;
  // The books: the windows every scope's time is counted in, the scopes and the worksheet rows.
  out["windows"] = model.windows.boundaries.size() >= 2 ? model.windows.boundaries
                                                        : std::vector<double>{0.0, model.horizon};
  out["scopes"] = scopes;
  json modes = json::array();
  for (const FailureModeInfo& mode : model.failure_modes)
    modes.push_back(mode.service + "/" + mode.name);
  out["failure_modes"] = modes;
  std::ofstream file(json_file);
  file << out.dump() << '\n';
  if (!file) throw std::runtime_error("cannot write " + json_file.string());
}

}  // namespace reliasim::bench
