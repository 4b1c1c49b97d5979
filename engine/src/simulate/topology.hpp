#pragma once
// What the simulator precomputes once per model: who depends on whom, the order to update
// services in, which scopes each failure source can take down, and which sources belong to
// a standby member of a failover group. Built from the CompiledModel; read-only afterwards.

#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim::sim {

struct StandbyLink {
  Index group = no_index;   // the failover group
  Index member = no_index;  // position of the member in the group's list
};

struct Topology {
  std::vector<Index> rank;                      // [service]: position in dependencies-first order
  std::vector<std::vector<Index>> dependents;   // [service]: services whose state reads it
  std::vector<std::vector<Index>> journeys_of;  // [service]: journeys that list it
  std::vector<ScopeInfo> scopes;                // journeys, then SLA / SLO services
  std::vector<Index> scope_of_journey;          // [journey] -> scope
  std::vector<double> scope_down_at;            // [scope]: the error from which it is down
  std::vector<Index> scope_of_service;          // [service] -> scope, or no_index
  // [source][alternative]: scopes whose hard closure it impairs.
  std::vector<std::vector<std::vector<Index>>> source_scopes;
  std::vector<std::vector<Index>> maintenance_scopes;  // [maintenance window]
  std::vector<StandbyLink> standby;                    // [source]
  std::vector<std::vector<Index>> member_sources;      // [service]: sources it owns alone
  std::vector<Index> sla_scope;                        // [sla] -> scope
  std::vector<Index> slo_scope;                        // [slo] -> scope
  std::vector<char> scope_measured;  // [scope]: an SLA or SLO keeps its history of segments
};

[[nodiscard]] Topology build_topology(const CompiledModel& model);

// The fraction of time a waiting member ages at: 1 hot, the factor warm, 0 cold.
[[nodiscard]] double dormant_factor(const FailoverSpec& failover);

}  // namespace reliasim::sim
