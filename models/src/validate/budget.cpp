// What one trial will simulate, counted before anything runs: the failure sources a scenario
// expands to (one per replica for replica-scope modes, copies through `like`), their expected
// occurrences per horizon and the maintenance windows. A small file can ask for billions of
// events (10,000 replicas failing a million times a year each); such a scenario is refused with
// the source that asks for most, rather than left to run for hours or exhaust memory.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "reliasim/scenario/units.hpp"
#include "validate.hpp"

namespace reliasim::scenario {
namespace {

constexpr double max_sources = 1e6;              // failure sources in the whole model
constexpr double max_occurrences = 1e7;          // expected occurrences per trial, all together
constexpr double max_maintenance_windows = 1e6;  // per maintenance entry and trial

// Sums over a service's effective failure modes (its own and those it copies through `like`,
// the nearest of a name winning), split by scope: how many, their failure rate (per second), and
// the failure probability per deploy of the modes that take the service's deploy rate.
struct ModeSums {
  double replica_modes = 0, replica_rate = 0, replica_per_deploy = 0;
  double service_modes = 0, service_rate = 0, service_per_deploy = 0;

  void add(const FailureMode& mode, double sign) {
    const bool replica = mode.scope == Scope::replica;
    (replica ? replica_modes : service_modes) += sign;
    const Occurrence& occurs = mode.occurs;
    if (occurs.per_deploy_probability && !occurs.deploys_per_second)
      (replica ? replica_per_deploy : service_per_deploy) += sign * *occurs.per_deploy_probability;
    else
      (replica ? replica_rate : service_rate) += sign * rate(occurs);
  }
  static double rate(const Occurrence& occurs) {
    if (occurs.per_deploy_probability)
      return *occurs.per_deploy_probability * occurs.deploys_per_second.value_or(0.0);
    const double mean = occurs.time_to_failure ? occurs.time_to_failure->mean() : 0.0;
    return mean > 0 ? 1.0 / mean : 0.0;
  }
};

struct ServiceLoad {
  double sources = 0;
  double occurrences = 0;  // expected per horizon
};

ServiceLoad load_of(const Service& service, const ModeSums& sums, double horizon) {
  const double replicas = service.any_of.empty() ? std::max(1, service.replicas.count.value) : 1;
  const double deploys = service.deploys_per_second.value_or(0.0);
  return {replicas * sums.replica_modes + sums.service_modes,
          horizon * (replicas * (sums.replica_rate + deploys * sums.replica_per_deploy) +
                     sums.service_rate + deploys * sums.service_per_deploy)};
}

// Each service's load, walking the `like` forest from the services that copy nothing: a name
// entered deeper replaces the same name higher up, as compiling does. Linear in the modes
// written, however long the chains; services on a `like` cycle (refused elsewhere) are skipped.
std::vector<ServiceLoad> service_loads(const Scenario& s) {
  const std::size_t n = s.services.size();
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(s.services[i].name.value, i);
  std::vector<std::vector<std::size_t>> copiers(n);
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& like = s.services[i].like;
    const auto found = like ? index.find(like->value) : index.end();
    if (found == index.end())
      roots.push_back(i);
    else
      copiers[found->second].push_back(i);
  }
  std::vector<ServiceLoad> loads(n);
  std::map<std::string_view, std::vector<const FailureMode*>> by_name;  // nearest last
  ModeSums sums;
  const auto enter = [&](std::size_t v) {
    for (const FailureMode& mode : s.services[v].failure_modes) {
      auto& named = by_name[mode.name.value];
      if (!named.empty()) sums.add(*named.back(), -1);
      sums.add(mode, +1);
      named.push_back(&mode);
    }
    loads[v] = load_of(s.services[v], sums, s.horizon);
  };
  const auto leave = [&](std::size_t v) {
    for (const FailureMode& mode : s.services[v].failure_modes) {
      auto& named = by_name[mode.name.value];
      named.pop_back();
      sums.add(mode, -1);
      if (!named.empty()) sums.add(*named.back(), +1);
    }
  };
  for (const std::size_t root : roots) {
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // service, next copier
    enter(root);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < copiers[v].size()) {
        const std::size_t child = copiers[v][next++];
        enter(child);
        stack.emplace_back(child, 0);
      } else {
        leave(v);
        stack.pop_back();
      }
    }
  }
  return loads;
}

// A whole count with thousands separators (1,000,000), or a number in scientific form when it
// is past what a count shows usefully.
std::string count(double value) {
  if (!(value < 1e15)) return format_number(value, 3);
  std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

void check_sources(const Scenario& s, DiagnosticSink& sink) {
  const std::vector<ServiceLoad> loads = service_loads(s);
  ServiceLoad total{static_cast<double>(s.common_causes.size()), 0.0};
  for (const CommonCause& cause : s.common_causes)
    total.occurrences += s.horizon * ModeSums::rate(cause.occurs);
  for (const ServiceLoad& load : loads)
    total.sources += load.sources, total.occurrences += load.occurrences;
  const auto largest = [&](double ServiceLoad::*field) {
    return static_cast<std::size_t>(
        std::max_element(loads.begin(), loads.end(),
                         [&](const auto& a, const auto& b) { return a.*field < b.*field; }) -
        loads.begin());
  };
  if (loads.empty()) return;
  if (total.sources > max_sources) {
    const std::size_t v = largest(&ServiceLoad::sources);
    const Service& service = s.services[v];
    sink.error(service.name.place.line, service.name.place.column,
               "the scenario expands to " + count(total.sources) +
                   " failure sources (one per replica for replica-scope modes, copies through "
                   "'like'); service '" +
                   service.name.value + "' alone has " + count(loads[v].sources) +
                   "; at most 1,000,000 are simulated");
  }
  if (total.occurrences > max_occurrences) {
    const std::size_t v = largest(&ServiceLoad::occurrences);
    const Service& service = s.services[v];
    sink.error(service.name.place.line, service.name.place.column,
               "the scenario is expected to fail about " + count(total.occurrences) +
                   " times per horizon, all sources together; service '" + service.name.value +
                   "' alone about " + count(loads[v].occurrences) +
                   " (its failure modes times its replicas); at most 10,000,000 are simulated "
                   "per trial: check the rates and their units (4/y, not 4/s)");
  }
}

void check_maintenance(const Scenario& s, DiagnosticSink& sink) {
  for (const Maintenance& window : s.maintenance)
    if (window.every > 0 && s.horizon / window.every > max_maintenance_windows)
      sink.error(window.place.line, window.place.column,
                 "maintenance every " + format_duration(window.every) + " gives " +
                     count(s.horizon / window.every) +
                     " windows per horizon; at most 1,000,000 are simulated: check the unit "
                     "(1mo, not 1m)");
}

}  // namespace

void validate_budget(const Scenario& scenario, DiagnosticSink& sink) {
  // Counted on an otherwise valid scenario: with errors its numbers may be nonsense (a rate
  // already refused), and it does not run anyway.
  if (!sink.empty()) return;
  check_sources(scenario, sink);
  check_maintenance(scenario, sink);
}

}  // namespace reliasim::scenario
