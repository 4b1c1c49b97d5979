// Services, crews, maintenance windows and journeys.
#include "sections.hpp"

namespace reliasim::scenario::reader {
namespace {

constexpr int max_replicas = 10'000;

void read_replicas(const Value& value, Replicas& replicas) {
  if (value.is_scalar()) {
    if (auto count = value.integer(1, max_replicas)) replicas.count = {*count, value.place()};
    return;
  }
  auto f = value.fields({"count", "zones", "min_healthy"});
  if (!f) return;
  if (auto v = f->required("count"))
    if (auto count = v->integer(1, max_replicas)) replicas.count = {*count, v->place()};
  if (auto v = f->get("zones")) replicas.zones = v->names();
  if (auto v = f->get("min_healthy"))
    if (auto k = v->integer(1, max_replicas)) replicas.min_healthy = {*k, v->place()};
}

std::optional<Dependency> read_dependency(const Value& value) {
  if (value.is_scalar()) {
    auto name = value.name();
    return name ? std::optional(Dependency{{*name, value.place()}, false, 1.0}) : std::nullopt;
  }
  auto f = value.fields({"service", "soft", "degrade"});
  if (!f) return std::nullopt;
  Dependency dependency;
  if (auto v = f->required("service"))
    if (auto name = v->name()) dependency.service = {*name, v->place()};
  if (auto v = f->get("soft")) dependency.soft = v->boolean().value_or(false);
  if (auto v = f->get("degrade")) {
    if (!dependency.soft) v->error("'degrade' applies to soft dependencies; add 'soft: true'");
    if (auto fraction = v->probability()) dependency.degrade = *fraction;
  } else if (dependency.soft) {
    value.error(
        "a soft dependency needs 'degrade': the fraction of requests that fail while "
        "it is down, such as 0.3");
  }
  return dependency;
}

void read_failover(const Value& value, Failover& failover) {
  auto f = value.fields({"delay", "success", "manual"});
  if (!f) return;
  if (auto v = f->get("delay"))
    if (auto delay = v->distribution()) failover.delay = std::move(*delay);
  if (auto v = f->get("success")) failover.success = v->probability().value_or(1.0);
  if (auto v = f->get("manual")) failover.manual = v->distribution();
}

void read_standby(const Value& value, Failover& failover) {
  auto f = value.fields({"mode", "dormant_failure_factor"});
  if (!f) return;
  if (auto v = f->required("mode")) {
    const auto mode = v->text();
    if (mode == "hot")
      failover.standby = StandbyMode::hot;
    else if (mode == "warm")
      failover.standby = StandbyMode::warm;
    else if (mode == "cold")
      failover.standby = StandbyMode::cold;
    else if (mode)
      v->expected("hot, warm or cold");
  }
  failover.dormant_failure_factor = failover.standby == StandbyMode::cold ? 0.0 : 1.0;
  if (auto v = f->get("dormant_failure_factor")) {
    if (failover.standby != StandbyMode::warm)
      v->error("'dormant_failure_factor' applies to warm standby only");
    else if (auto factor = v->probability())
      failover.dormant_failure_factor = *factor;
  } else if (failover.standby == StandbyMode::warm) {
    value.error(
        "warm standby needs 'dormant_failure_factor' (0 to 1: how much less a waiting "
        "standby fails)");
  }
}

std::optional<Cost> read_cost(const Value& value) {
  auto f = value.fields({"monthly", "currency"});
  if (!f) return std::nullopt;
  Cost cost;
  if (auto v = f->required("monthly")) {
    const auto amount = v->number();
    if (amount && *amount < 0) v->expected("an amount >= 0");
    cost.monthly = amount.value_or(0.0);
  }
  if (auto v = f->get("currency")) cost.currency = v->text().value_or("");
  return cost;
}

// What a third party and a failover group cannot have, and what a group needs.
void check_service_kind(const Fields& f, const Service& service) {
  const auto misplaced = [&](std::string_view key, const std::string& message) {
    if (auto v = f.get(key)) v->error(message);
  };
  if (service.external)
    misplaced("replicas",
              "an external service has no replicas (it is a third party you cannot "
              "look inside); remove 'replicas'");
  if (const auto members = f.get("any_of")) {
    if (members->is_list() && members->node().size() == 0)
      members->error("a failover group (any_of) needs at least two members; got none");
    const std::string group = "a failover group (any_of) has no ";
    misplaced("replicas", group + "replicas of its own; give them to its members");
    misplaced("failure_modes", group + "failure modes of its own; give them to its members");
    misplaced("like", group + "failure modes of its own; give 'like' to its members");
    for (const char* key : {"failover", "standby"})
      if (!f.has(key) && !f.suggested(key))
        f.owner().error("a failover group (any_of) needs '" + std::string(key) +
                        "' (see docs/scenario-format.md, section 7)");
  } else {
    for (const char* key : {"failover", "standby"})
      misplaced(key, "'" + std::string(key) +
                         "' applies to failover groups only; add 'any_of: "
                         "[member, ...]' or remove it");
  }
}

}  // namespace

std::optional<Service> read_service(const Name& name, const Value& value) {
  Service service;
  service.name = name;
  if (value.node().IsNull()) return service;  // `name:` alone: one replica, no failure modes
  auto f = value.fields({"description", "external", "replicas", "depends_on", "any_of", "failover",
                         "standby", "failure_modes", "like", "deploys", "crew", "cost"});
  if (!f) return service;
  if (auto v = f->get("description")) service.description = v->text().value_or("");
  if (auto v = f->get("external")) service.external = v->boolean().value_or(false);
  if (auto v = f->get("replicas")) read_replicas(*v, service.replicas);
  if (auto v = f->get("depends_on"))
    for (const auto& item : v->items())
      if (auto dependency = read_dependency(item)) service.depends_on.push_back(*dependency);
  if (auto v = f->get("any_of")) service.any_of = v->names();
  if (auto v = f->get("failover")) read_failover(*v, service.failover);
  if (auto v = f->get("standby")) read_standby(*v, service.failover);
  if (auto v = f->get("failure_modes"))
    for (const auto& item : v->items())
      if (auto mode = read_failure_mode(item)) service.failure_modes.push_back(std::move(*mode));
  if (auto v = f->get("like"))
    if (auto other = v->name()) service.like = Name{*other, v->place()};
  if (auto v = f->get("deploys")) service.deploys_per_second = read_deploy_rate(*v);
  if (auto v = f->get("crew"))
    if (auto crew = v->name()) service.crew = Name{*crew, v->place()};
  if (auto v = f->get("cost")) service.cost = read_cost(*v);
  check_service_kind(*f, service);
  return service;
}

std::optional<Crew> read_crew(const Name& name, const Value& value) {
  auto f = value.fields({"size"});
  if (!f) return std::nullopt;
  Crew crew{name, 0};
  if (auto v = f->required("size")) {
    if (v->is_scalar() && v->node().Scalar() == "unlimited") return crew;
    if (auto size = v->integer(1, 10'000)) crew.size = *size;
  }
  return crew;
}

std::optional<Maintenance> read_maintenance(const Value& value) {
  auto f = value.fields({"services", "every", "duration", "offset", "excluded_from_sla"});
  if (!f) return std::nullopt;
  Maintenance maintenance;
  maintenance.place = value.place();
  if (auto v = f->required("services")) maintenance.services = v->names();
  if (auto v = f->required("every")) maintenance.every = v->positive_duration().value_or(0.0);
  if (auto v = f->required("duration")) maintenance.duration = v->positive_duration().value_or(0.0);
  if (auto v = f->required("offset")) maintenance.offset = v->duration().value_or(0.0);
  if (auto v = f->required("excluded_from_sla"))
    maintenance.excluded_from_sla = v->boolean().value_or(true);
  return maintenance;
}

std::optional<Journey> read_journey(const Name& name, const Value& value) {
  Journey journey;
  journey.name = name;
  if (value.is_list()) {
    journey.services = value.names();
    return journey;
  }
  auto f = value.fields({"services", "description", "down_at"});
  if (!f) return std::nullopt;
  if (auto v = f->required("services")) journey.services = v->names();
  if (auto v = f->get("description")) journey.description = v->text().value_or("");
  if (auto v = f->get("down_at")) journey.down_at = v->positive_share().value_or(1.0);
  return journey;
}

}  // namespace reliasim::scenario::reader
