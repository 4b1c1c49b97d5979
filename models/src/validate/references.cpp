// Names: unique where they must be, and every reference resolves (with "did you mean").
#include <map>
#include <set>

#include "../reader/value.hpp"
#include "validate.hpp"

namespace reliasim::scenario {
namespace {

class NameTable {
 public:
  // `of` completes the kind after the name: failure mode 'f' of service 'api'.
  NameTable(std::string kind, DiagnosticSink& sink, std::string of = "")
      : kind_(std::move(kind)), of_(std::move(of)), sink_(sink) {}

  void define(const Name& name) {
    if (name.value.empty()) return;
    const auto [it, added] = first_place_.emplace(name.value, name.place);
    if (!added)
      sink_.error(name.place.line, name.place.column,
                  kind_ + " '" + name.value + "'" + of_ + " is defined twice (first at line " +
                      std::to_string(it->second.line) + ", column " +
                      std::to_string(it->second.column) + "); give each a different name");
    else
      names_.push_back(name.value);
  }

  bool has(const std::string& name) const { return first_place_.count(name) > 0; }

  // Reports an unresolved reference; `who` says where it is used.
  void resolve(const Name& ref, const std::string& who) const {
    if (ref.value.empty() || has(ref.value)) return;
    const auto hint = did_you_mean(ref.value, names_);
    std::string valid = hint ? "did you mean '" + *hint + "'?" : known();
    sink_.error(ref.place.line, ref.place.column,
                who + " names unknown " + kind_ + " '" + ref.value + "'; " + valid);
  }

 private:
  std::string known() const {
    if (names_.empty()) return "no " + kind_ + " is defined";
    std::string text = "defined: ";
    for (std::size_t i = 0; i < names_.size() && i < 12; ++i) text += (i ? ", " : "") + names_[i];
    return text + (names_.size() > 12 ? ", ..." : "");
  }

  std::string kind_;
  std::string of_;
  DiagnosticSink& sink_;
  std::map<std::string, Place> first_place_;
  std::vector<std::string> names_;
};

void resolve_lifecycle_crews(const Lifecycle& lifecycle, const NameTable& crews,
                             const std::string& who) {
  if (lifecycle.mitigate && lifecycle.mitigate->crew) crews.resolve(*lifecycle.mitigate->crew, who);
  if (lifecycle.repair && lifecycle.repair->crew) crews.resolve(*lifecycle.repair->crew, who);
}

void check_services(const Scenario& s, const NameTable& services, const NameTable& zones,
                    const NameTable& crews, DiagnosticSink& sink) {
  for (const auto& service : s.services) {
    const std::string who = "service '" + service.name.value + "'";
    for (const auto& dependency : service.depends_on) {
      services.resolve(dependency.service, who);
      if (dependency.service.value == service.name.value)
        sink.error(dependency.service.place.line, dependency.service.place.column,
                   who + " depends on itself; a service depends on other services");
    }
    for (const auto& member : service.any_of) {
      services.resolve(member, who + " (any_of)");
      if (member.value == service.name.value)
        sink.error(member.place.line, member.place.column,
                   who + " lists itself in any_of; a failover group's members are other services");
    }
    for (const auto& zone : service.replicas.zones) zones.resolve(zone, who);
    if (service.like) services.resolve(*service.like, who + " (like)");
    if (service.crew) crews.resolve(*service.crew, who);
    NameTable modes("failure mode", sink, " of " + who);
    for (const auto& mode : service.failure_modes) {
      modes.define(mode.name);
      resolve_lifecycle_crews(mode.lifecycle, crews, "failure mode '" + mode.name.value + "'");
    }
  }
}

void check_others(const Scenario& s, const NameTable& services, const NameTable& zones,
                  const NameTable& crews, const NameTable& journeys) {
  for (const auto& cause : s.common_causes) {
    const std::string who = "common cause '" + cause.name.value + "'";
    for (const auto& zone : cause.hits.zones) zones.resolve(zone, who);
    for (const auto& service : cause.hits.services) services.resolve(service, who);
    resolve_lifecycle_crews(cause.lifecycle, crews, who);
  }
  for (const auto& window : s.maintenance)
    for (const auto& service : window.services) services.resolve(service, "maintenance");
  for (const auto& journey : s.journeys)
    for (const auto& service : journey.services)
      services.resolve(service, "journey '" + journey.name.value + "'");
  auto resolve_scope = [&](const Target& scope, const std::string& who) {
    if (scope.journey) journeys.resolve(*scope.journey, who);
    if (scope.service) services.resolve(*scope.service, who);
  };
  for (const auto& slo : s.slos) resolve_scope(slo.scope, label("SLO", slo.name));
  for (const auto& sla : s.slas) resolve_scope(sla.scope, label("SLA", sla.name));
  if (s.defaults.crew) crews.resolve(*s.defaults.crew, "defaults");
  resolve_lifecycle_crews(s.defaults.lifecycle, crews, "defaults");
}

}  // namespace

void validate_references(const Scenario& s, DiagnosticSink& sink) {
  NameTable services("service", sink), zones("zone", sink), crews("crew", sink),
      journeys("journey", sink), causes("common cause", sink), slos("SLO", sink), slas("SLA", sink);
  for (const auto& service : s.services) services.define(service.name);
  for (const auto& zone : s.zones) zones.define(zone);
  for (const auto& crew : s.crews) crews.define(crew.name);
  for (const auto& journey : s.journeys) journeys.define(journey.name);
  for (const auto& cause : s.common_causes) causes.define(cause.name);
  for (const auto& slo : s.slos) slos.define(slo.name);
  for (const auto& sla : s.slas) slas.define(sla.name);
  check_services(s, services, zones, crews, sink);
  check_others(s, services, zones, crews, journeys);
}

}  // namespace reliasim::scenario
