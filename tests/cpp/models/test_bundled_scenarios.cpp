// Every scenario shipped in scenarios/ loads and compiles, and its compiled model is sound.
#include <algorithm>
#include <numeric>
#include <set>

#include "load_helpers.hpp"
#include "reliasim/random/stream.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> bundled_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(RELIASIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

CompiledModel compile_file(const fs::path& file) {
  try {
    return compile(load_scenario_file(file));
  } catch (const ScenarioError& error) {
    FAIL(error.what());
  }
  return {};
}

// Invariants every compiled model keeps, whatever the scenario.
void check_model(const CompiledModel& model) {
  const auto services = static_cast<Index>(model.services.size());
  const auto replicas = static_cast<Index>(model.replicas.size());
  CHECK(services > 0);
  // Replicas are contiguous, in service order, and name their own service.
  Index next_replica = 0;
  for (Index s = 0; s < services; ++s) {
    const auto& spec = model.services[static_cast<std::size_t>(s)];
    CHECK(spec.first_replica == next_replica);
    CHECK(spec.min_healthy <= spec.replica_count);
    for (Index r = spec.first_replica; r < spec.first_replica + spec.replica_count; ++r)
      CHECK(model.replicas[static_cast<std::size_t>(r)].service == s);
    next_replica += spec.replica_count;
    if (!spec.failover_members.empty()) CHECK(spec.replica_count == 0);
  }
  CHECK(next_replica == replicas);
  // The dependency order is a permutation that puts every dependency first.
  std::vector<std::size_t> position(model.services.size(), model.services.size());
  for (std::size_t i = 0; i < model.dependencies_first.size(); ++i)
    position.at(static_cast<std::size_t>(model.dependencies_first[i])) = i;
  CHECK(std::count(position.begin(), position.end(), model.services.size()) == 0);
  for (std::size_t s = 0; s < model.services.size(); ++s)
    for (const Index need : model.services[s].hard_dependencies)
      CHECK(position[static_cast<std::size_t>(need)] < position[s]);
  // Sources: valid targets, unique stable stream keys, a failure mode row each.
  std::set<std::uint64_t> keys;
  for (const auto& source : model.sources) {
    INFO(source.name);
    CHECK(source.stream_key == stable_hash(source.name));
    CHECK(keys.insert(source.stream_key).second);
    CHECK(source.failure_mode < static_cast<Index>(model.failure_modes.size()));
    REQUIRE_FALSE(source.alternatives.empty());
    for (const auto& targets : source.alternatives) {
      CHECK(targets.replicas.size() + targets.services.size() > 0);
      for (const Index r : targets.replicas) CHECK((r >= 0 && r < replicas));
      for (const Index s : targets.services) CHECK((s >= 0 && s < services));
    }
    if (source.per_deploy)
      CHECK(source.deploys_per_second > 0);
    else
      CHECK(source.time_to_failure.mean() > 0);
    CHECK(source.lifecycle.mitigate_crew < static_cast<Index>(model.crews.size()));
    CHECK(source.lifecycle.repair_crew < static_cast<Index>(model.crews.size()));
  }
  // Every contract's windows cover the horizon from 0.
  for (const auto& sla : model.slas) {
    INFO(sla.name);
    REQUIRE(sla.window.boundaries.size() >= 2);
    CHECK(sla.window.boundaries.front() == 0.0);
    CHECK(sla.window.boundaries.back() <= model.horizon);
    CHECK(std::is_sorted(sla.window.boundaries.begin(), sla.window.boundaries.end()));
    CHECK_FALSE(sla.credits.empty());
  }
}

TEST_CASE("every bundled scenario loads and compiles", "[bundled]") {
  const auto files = bundled_scenarios();
  CHECK(files.size() >= 5);
  for (const auto& file : files) {
    INFO(file.string());
    const auto model = compile_file(file);
    CHECK(model.file == file.string());
    CHECK_FALSE(model.name.empty());
    CHECK_FALSE(model.sources.empty());
    CHECK_FALSE(model.journeys.empty());
    check_model(model);
  }
}

TEST_CASE("the web shop compiles to the system it describes", "[bundled]") {
  const auto model = compile_file(fs::path(RELIASIM_SOURCE_DIR) / "scenarios" / "web-shop.yaml");
  CHECK(model.horizon == seconds_per_year);
  CHECK(model.zones == std::vector<std::string>{"eu-1a", "eu-1b", "eu-1c"});
  CHECK(model.services.size() == 9);
  CHECK(model.replicas.size() == 18);
  CHECK(model.crews.size() == 3);
  CHECK(model.journeys.size() == 2);
  CHECK(model.slos.size() == 2);
  REQUIRE(model.slas.size() == 1);
  CHECK(model.failure_modes.size() == 16);
  CHECK(model.sources.size() == 22);
  // The zone outage picks one of the three zones.
  const auto zone = std::find_if(model.sources.begin(), model.sources.end(), [](const auto& s) {
    return s.name == "common-cause/zone-outage";
  });
  REQUIRE(zone != model.sources.end());
  CHECK(zone->alternatives.size() == 3);
  // The enterprise SLA: calendar months of 2027, which sum to the 365-day horizon.
  const auto& sla = model.slas[0];
  CHECK(sla.name == "enterprise-checkout");
  CHECK(sla.excludes_third_party);
  CHECK(sla.credits.size() == 3);
  REQUIRE(sla.window.boundaries.size() == 13);
  std::vector<double> days;
  for (std::size_t i = 1; i < sla.window.boundaries.size(); ++i)
    days.push_back((sla.window.boundaries[i] - sla.window.boundaries[i - 1]) / seconds_per_day);
  CHECK(days == std::vector<double>{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31});
  CHECK(std::accumulate(days.begin(), days.end(), 0.0) == 365);
  // The orders database is a failover group of a primary and a standby like it.
  const auto db = std::find_if(model.services.begin(), model.services.end(),
                               [](const auto& s) { return s.name == "orders-db"; });
  REQUIRE(db != model.services.end());
  CHECK(db->failover_members.size() == 2);
  CHECK(db->failover.standby == StandbyMode::warm);
  const auto standby_modes =
      std::count_if(model.failure_modes.begin(), model.failure_modes.end(),
                    [](const auto& m) { return m.service == "orders-db-standby"; });
  CHECK(standby_modes == 2);
}

TEST_CASE("design A and design B name their shared sources alike", "[bundled]") {
  // Common random numbers: a source with the same name draws the same numbers in both.
  const fs::path dir = fs::path(RELIASIM_SOURCE_DIR) / "scenarios";
  const auto a = compile_file(dir / "design-a.yaml");
  const auto b = compile_file(dir / "design-b.yaml");
  std::set<std::string> names_b;
  for (const auto& s : b.sources) names_b.insert(s.name);
  const auto shared = std::count_if(a.sources.begin(), a.sources.end(),
                                    [&](const auto& s) { return names_b.count(s.name) > 0; });
  CHECK(shared > 0);
}

}  // namespace
}  // namespace reliasim::scenario
