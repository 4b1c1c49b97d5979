// reliasim/scenario/compile.hpp: a validated scenario to the engine's dense model. Replica
// expansion, `like`, defaults, dependency order, common-cause targets, stream keys, windows.
#include <algorithm>
#include <numeric>

#include "load_helpers.hpp"
#include "reliasim/random/stream.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

constexpr double day = seconds_per_day;

const std::string layout = R"(scenario: compile
zones: [a, b, c]
defaults:
  detect: {alert: {probability: 0.9, delay: 2m}}
  engage: 5m
  mitigate: {manual: 30m}
  repair: {manual: 2h}
  crew: ops
crews: {ops: {size: 2}, dba: {size: 1}}
services:
  web:
    replicas: {count: 3, zones: [a, b, c], min_healthy: 2}
    depends_on: [api]
    failure_modes:
      - {name: crash, scope: replica, occurs: {mtbf: 90d}, repair: {self_heal: 2m}}
      - {name: bad-config, occurs: {rate: 2/y}, engage: 15m}
  api:
    replicas: {count: 2, zones: [a, b]}
    depends_on: [db, {service: cache, soft: true, degrade: 0.3}]
  db:
    any_of: [db-a, db-b]
    failover: {delay: 30s, success: 0.95}
    standby: {mode: hot}
  db-a:
    replicas: {count: 1, zones: [a]}
    crew: dba
    failure_modes:
      - {name: disk, occurs: {rate: 1/y}, mitigate: {manual: 1h, by: dba}}
      - {name: host, scope: replica, occurs: {mtbf: 3y}}
  db-b:
    replicas: {count: 1, zones: [b]}
    like: db-a
  cache: {replicas: 2}
common_causes:
  - {name: zone-outage, hits: {zone: any}, occurs: {rate: 0.5/y}, mitigate: {wait: 1h}}
  - {name: pair, hits: {zones: [a, b]}, occurs: {rate: 0.1/y}}
  - {name: push, hits: {services: [web, api]}, occurs: {rate: 1/y}}
)";

const FailureSourceSpec& source(const CompiledModel& model, const std::string& name) {
  const auto found = std::find_if(model.sources.begin(), model.sources.end(),
                                  [&](const auto& s) { return s.name == name; });
  if (found == model.sources.end()) FAIL("no source " << name);
  return *found;
}

Index service_index(const CompiledModel& model, const std::string& name) {
  for (std::size_t i = 0; i < model.services.size(); ++i)
    if (model.services[i].name == name) return static_cast<Index>(i);
  FAIL("no service " << name);
  return no_index;
}

TEST_CASE("services keep their order; replicas are placed round-robin", "[compile]") {
  const auto model = test::compile_ok(layout);
  CHECK(model.name == "compile");
  CHECK(model.horizon == 365 * day);
  REQUIRE(model.services.size() == 6);
  CHECK(model.services[0].name == "web");
  CHECK(model.replicas.size() == 3 + 2 + 0 + 1 + 1 + 2);
  const ServiceSpec& web = model.services[0];
  CHECK(web.replica_count == 3);
  CHECK(web.min_healthy == 2);
  for (Index r = 0; r < 3; ++r) {
    CHECK(model.replicas[static_cast<std::size_t>(web.first_replica + r)].service == 0);
    CHECK(model.replicas[static_cast<std::size_t>(web.first_replica + r)].zone == r);
  }
  const ServiceSpec& api = model.services[1];
  CHECK(api.hard_dependencies == std::vector<Index>{2});
  REQUIRE(api.soft_dependencies.size() == 1);
  CHECK(api.soft_dependencies[0].service == 5);
  CHECK(api.soft_dependencies[0].degrade == Approx(0.3));
  const ServiceSpec& db = model.services[2];
  CHECK(db.replica_count == 0);
  CHECK(db.failover_members == std::vector<Index>{3, 4});
  CHECK(db.failover.success == Approx(0.95));
  CHECK(db.failover.delay.a == 30);
  CHECK(model.replicas[static_cast<std::size_t>(model.services[5].first_replica)].zone == no_index);
}

TEST_CASE("replica-scope failure modes expand to one source per replica", "[compile]") {
  const auto model = test::compile_ok(layout);
  const Index first = model.services[0].first_replica;
  for (int r = 1; r <= 3; ++r) {
    const auto& s = source(model, "web/crash/replica-" + std::to_string(r));
    REQUIRE(s.alternatives.size() == 1);
    CHECK(s.alternatives[0].replicas == std::vector<Index>{first + r - 1});
    CHECK(s.alternatives[0].services.empty());
    CHECK(s.time_to_failure.a == 90 * day);
    CHECK(model.failure_modes[static_cast<std::size_t>(s.failure_mode)].name == "crash");
  }
  // A service-scope mode is one source that takes the whole service down.
  const auto& config = source(model, "web/bad-config");
  REQUIRE(config.alternatives.size() == 1);
  CHECK(config.alternatives[0].services == std::vector<Index>{0});
  CHECK(std::count_if(model.sources.begin(), model.sources.end(),
                      [](const auto& s) { return s.name.rfind("web/", 0) == 0; }) == 4);
}

TEST_CASE("like: copies the failure modes of the other service", "[compile]") {
  const auto model = test::compile_ok(layout);
  const Index db_b = service_index(model, "db-b");
  const auto& disk = source(model, "db-b/disk");
  CHECK(disk.alternatives.at(0).services == std::vector<Index>{db_b});
  CHECK(disk.time_to_failure.a == Approx(source(model, "db-a/disk").time_to_failure.a));
  const auto& host = source(model, "db-b/host/replica-1");
  CHECK(host.alternatives.at(0).replicas ==
        std::vector<Index>{model.services[static_cast<std::size_t>(db_b)].first_replica});
  const auto rows = std::count_if(model.failure_modes.begin(), model.failure_modes.end(),
                                  [](const auto& m) { return m.service == "db-b"; });
  CHECK(rows == 2);
}

TEST_CASE("defaults fill whatever a failure mode leaves out", "[compile]") {
  const auto model = test::compile_ok(layout);
  const Index ops = 0;
  const Index dba = 1;
  const LifecycleSpec& config = source(model, "web/bad-config").lifecycle;
  REQUIRE(config.detectors.size() == 1);
  CHECK(config.detectors[0].channel == DetectionChannel::alert);
  CHECK(config.detectors[0].probability == Approx(0.9));
  CHECK(config.detectors[0].delay.a == 120);
  CHECK(config.engage.a == 900);  // its own
  CHECK(config.mitigation == MitigationKind::manual);
  CHECK(config.mitigate.a == 1800);
  CHECK(config.mitigate_crew == ops);  // defaults.crew: web names none
  CHECK(config.repair.a == 7200);
  CHECK(config.repair_crew == ops);
  CHECK_FALSE(config.self_heal);

  const LifecycleSpec& crash = source(model, "web/crash/replica-1").lifecycle;
  CHECK(crash.self_heal);
  CHECK(crash.repair.a == 120);
  CHECK(crash.repair_crew == no_index);
  CHECK(crash.engage.a == 300);

  const LifecycleSpec& disk = source(model, "db-a/disk").lifecycle;
  CHECK(disk.mitigate.a == 3600);
  CHECK(disk.mitigate_crew == dba);  // by: dba
  CHECK(disk.repair_crew == dba);    // the service's crew

  // Waiting on a zone outage occupies no one.
  const LifecycleSpec& zone = source(model, "common-cause/zone-outage").lifecycle;
  CHECK(zone.mitigation == MitigationKind::wait);
  CHECK(zone.mitigate_crew == no_index);
}

TEST_CASE("without defaults, an incident is detected at once and fixed by nobody", "[compile]") {
  const auto model = test::compile_ok(
      "scenario: bare\nservices:\n  api:\n    failure_modes: [{name: f, occurs: {rate: 1/y}}]\n");
  REQUIRE(model.sources.size() == 1);
  const LifecycleSpec& l = model.sources[0].lifecycle;
  REQUIRE(l.detectors.size() == 1);
  CHECK(l.detectors[0].probability == 1.0);
  CHECK(l.detectors[0].delay.a == 0.0);
  CHECK(l.engage.a == 0.0);
  CHECK_FALSE(l.mitigation.has_value());
  CHECK(l.repair.a == 0.0);
  CHECK(l.repair_crew == no_index);
  CHECK(model.sources[0].attribution == Attribution::internal);
}

TEST_CASE("dependency order puts what a service needs before it", "[compile]") {
  const auto model = test::compile_ok(layout);
  const auto& order = model.dependencies_first;
  REQUIRE(order.size() == model.services.size());
  std::vector<Index> sorted(order);
  std::sort(sorted.begin(), sorted.end());
  std::vector<Index> all(model.services.size());
  std::iota(all.begin(), all.end(), 0);
  CHECK(sorted == all);
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[static_cast<std::size_t>(order[i])] = i;
  for (std::size_t s = 0; s < model.services.size(); ++s) {
    const auto& spec = model.services[s];
    std::vector<Index> needs = spec.hard_dependencies;
    for (const auto& soft : spec.soft_dependencies) needs.push_back(soft.service);
    needs.insert(needs.end(), spec.failover_members.begin(), spec.failover_members.end());
    for (const Index need : needs) {
      INFO(spec.name << " needs " << model.services[static_cast<std::size_t>(need)].name);
      CHECK(position[static_cast<std::size_t>(need)] < position[s]);
    }
  }
}

TEST_CASE("common causes target a zone at a time, zones together, or services", "[compile]") {
  const auto model = test::compile_ok(layout);
  const auto replicas_in = [&](std::initializer_list<Index> zones) {
    std::vector<Index> found;
    for (std::size_t r = 0; r < model.replicas.size(); ++r)
      if (std::find(zones.begin(), zones.end(), model.replicas[r].zone) != zones.end())
        found.push_back(static_cast<Index>(r));
    return found;
  };
  const auto& zone = source(model, "common-cause/zone-outage");
  REQUIRE(zone.alternatives.size() == 3);  // one per zone, chosen uniformly
  for (Index z = 0; z < 3; ++z) {
    CHECK(zone.alternatives[static_cast<std::size_t>(z)].replicas == replicas_in({z}));
    CHECK(zone.alternatives[static_cast<std::size_t>(z)].services.empty());
  }
  CHECK(zone.alternatives[0].replicas.size() == 3);  // web, api and db-a in zone a
  const auto& pair = source(model, "common-cause/pair");
  REQUIRE(pair.alternatives.size() == 1);
  CHECK(pair.alternatives[0].replicas == replicas_in({0, 1}));
  const auto& push = source(model, "common-cause/push");
  REQUIRE(push.alternatives.size() == 1);
  CHECK(push.alternatives[0].services == std::vector<Index>{0, 1});
  const auto& row = model.failure_modes[static_cast<std::size_t>(push.failure_mode)];
  CHECK(row.common_cause);
  CHECK(row.service.empty());
}

TEST_CASE("stream keys are stable hashes of the source names", "[compile]") {
  const auto model = test::compile_ok(layout);
  std::vector<std::uint64_t> keys;
  for (const auto& s : model.sources) {
    CHECK(s.stream_key == stable_hash(s.name));
    keys.push_back(s.stream_key);
  }
  std::sort(keys.begin(), keys.end());
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
  // Fixed forever (FNV-1a 64 and the SplitMix64 mixer, computed independently).
  CHECK(source(model, "web/crash/replica-2").stream_key == 0x125132ee787135c3u);
  CHECK(source(model, "common-cause/zone-outage").stream_key == 0x7fe0dc815e404e50u);
  // Another service declared first changes indices, not keys: common random numbers.
  std::string extended = layout;
  extended.replace(extended.find("services:\n"), 10,
                   "services:\n  extra:\n    failure_modes: [{name: f, occurs: {rate: 1/y}}]\n");
  const auto other = test::compile_ok(extended);
  CHECK(other.sources.size() == model.sources.size() + 1);
  CHECK(source(other, "web/crash/replica-2").stream_key == 0x125132ee787135c3u);
}

std::vector<double> window_days(const std::vector<double>& boundaries) {
  std::vector<double> days;
  for (std::size_t i = 1; i < boundaries.size(); ++i)
    days.push_back((boundaries[i] - boundaries[i - 1]) / day);
  return days;
}

TEST_CASE("calendar-month windows have the real month lengths", "[compile][windows]") {
  const auto year = window_boundaries(WindowKind::calendar_month, 0, 365 * day, 2027, 1);
  REQUIRE(year.size() == 13);
  CHECK(year.front() == 0.0);
  CHECK(year.back() == 365 * day);
  CHECK(window_days(year) == std::vector<double>{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31});
  // 2028 is a leap year: February has 29 days and 365 days end on 30 December.
  const auto leap =
      window_days(window_boundaries(WindowKind::calendar_month, 0, 365 * day, 2028, 1));
  REQUIRE(leap.size() == 12);
  CHECK(leap[1] == 29);
  CHECK(leap.back() == 30);
  // Starting in November crosses the year.
  const auto autumn =
      window_days(window_boundaries(WindowKind::calendar_month, 0, 90 * day, 2027, 11));
  CHECK(autumn == std::vector<double>{30, 31, 29});
}

TEST_CASE("fixed and rolling windows cover the horizon, the last one cut short",
          "[compile][windows]") {
  const auto fixed = window_boundaries(WindowKind::fixed, 30 * day, 365 * day, 2027, 1);
  REQUIRE(fixed.size() == 14);
  CHECK(fixed[12] == 360 * day);
  CHECK(fixed.back() == 365 * day);
  CHECK(lay_out_windows(WindowKind::fixed, 30 * day, 365 * day, 2027, 1).final_length == 30 * day);
  // A whole number of windows has no short one.
  CHECK(window_boundaries(WindowKind::fixed, 5 * day, 365 * day, 2027, 1).size() == 74);
  CHECK(window_boundaries(WindowKind::rolling, 30 * day, 365 * day, 2027, 1) == fixed);
  // The compiled SLO takes the scenario's default window.
  const auto model = test::compile_ok(
      "scenario: w\nstart: 2027-02\nservices: {api: }\n"
      "slos: [{service: api, target: 99%}]\n");
  REQUIRE(model.slos.size() == 1);
  CHECK(model.slos[0].window.kind == WindowKind::calendar_month);
  CHECK(window_days(model.slos[0].window.boundaries).front() == 28);
}

}  // namespace
}  // namespace reliasim::scenario
