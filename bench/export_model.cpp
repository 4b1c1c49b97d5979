#include "export_model.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"

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

double dormant(const FailoverSpec& f) {
  switch (f.standby) {
    case StandbyMode::hot: return 1.0;
    case StandbyMode::warm: return f.dormant_failure_factor;
    case StandbyMode::cold: return 0.0;
  }
  return 1.0;
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
            {"dormant_factor", dormant(s.failover)}}}};
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

json source(const FailureSourceSpec& s) {
  json alternatives = json::array();
  for (const TargetSet& t : s.alternatives)
    alternatives.push_back({{"replicas", t.replicas}, {"services", t.services}});
  return {{"name", s.name},
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
  json out = {{"name", model.name}, {"file", scenario_file.string()}, {"horizon", model.horizon}};
  json replicas = json::array(), services = json::array(), sources = json::array();
  for (const ReplicaSpec& r : model.replicas) replicas.push_back(r.service);
  for (const ServiceSpec& s : model.services) services.push_back(service(s));
  for (const FailureSourceSpec& s : model.sources) sources.push_back(source(s));
  json crews = json::array(), maintenance = json::array(), journeys = json::array();
  for (const CrewSpec& c : model.crews) crews.push_back(c.size);
  for (const MaintenanceSpec& m : model.maintenance)
    maintenance.push_back({{"services", m.services},
                           {"every", m.every},
                           {"duration", m.duration},
                           {"offset", m.offset}});
  for (const JourneySpec& j : model.journeys) journeys.push_back(j.services);
  out["replica_service"] = replicas;
  out["services"] = services;
  out["dependencies_first"] = model.dependencies_first;
  out["sources"] = sources;
  out["crews"] = crews;
  out["maintenance"] = maintenance;
  out["journeys"] = journeys;
  std::ofstream file(json_file);
  file << out.dump() << '\n';
  if (!file) throw std::runtime_error("cannot write " + json_file.string());
}

}  // namespace reliasim::bench
