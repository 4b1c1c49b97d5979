#pragma once
// What the simulator precomputes once per model: who depends on whom, the order to update
// services in, which scopes each failure source can take down, and which sources belong to
// a standby member of a failover group. Built from the CompiledModel; read-only afterwards.

#include <span>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim::sim {

struct StandbyLink {
  Index group = no_index;   // the failover group
  Index member = no_index;  // position of the member in the group's list
};

// Rows of different lengths in one array: row i is items[begin[i], begin[i + 1]). The
// simulator walks these on every event; one block each keeps the walk in cache.
template <typename T>
class Rows {
 public:
  void add_row(std::span<const T> row) {
    items_.insert(items_.end(), row.begin(), row.end());
    begin_.push_back(items_.size());
  }
  [[nodiscard]] std::span<const T> operator[](Index i) const {
    const auto row = static_cast<std::size_t>(i);
    return {items_.data() + begin_[row], items_.data() + begin_[row + 1]};
  }
  [[nodiscard]] std::size_t size() const { return begin_.size() - 1; }

 private:
  std::vector<std::size_t> begin_{0};
  std::vector<T> items_;
};

// A service's state reads each input's error times its weight: 1 for a hard dependency (so a
// down input takes it down), `degrade` for a soft one.
struct Input {
  Index service = no_index;
  double weight = 1.0;
};
// Each service's inputs come in whole blocks, the last padded with weight-0 inputs: a loop by
// blocks ends after the same count for most services, where a loop by inputs mispredicts its
// exit at a different count for each.
inline constexpr std::size_t input_block = 4;

struct Dependent {
  Index service = no_index;
  Index rank = 0;       // the service's rank, here so that marking it reads no other array
  bool member = false;  // the changed service is one of this failover group's members
};

// What an occurrence of a failure source does, in one record: an event on a source reads it
// all, and among thousands of sources one cache line beats three.
struct SourceRule {
  Index first_target = 0;   // its alternatives are targets first_target, first_target + 1, ...
  bool takes_down = false;  // down, or a degrade of 100 %
  double log_ok = 0.0;      // log(1 - degrade), if it degrades
};

struct ServiceRule {
  Index min_healthy = 0;  // down with fewer replicas up (0 for services without replicas)
  bool group = false;     // a failover group: follows its active member
};

struct Topology {
  std::vector<Index> rank;               // [service]: position in dependencies-first order
  std::vector<ServiceRule> rules;        // [service]
  Rows<Input> inputs;                    // [service]: hard, then soft dependencies, padded
  Rows<Dependent> dependents;            // [service]: services whose state reads it
  Rows<Index> journeys_of;               // [service]: journeys that list it
  Rows<Index> journey_services;          // [journey]
  std::vector<Index> replica_service;    // [replica]
  std::vector<SourceRule> source_rules;  // [source]
  Rows<Index> target_replicas;           // [target]
  Rows<Index> target_services;           // [target]
  Rows<Index> target_scopes;             // [target]: scopes whose hard closure it impairs
  Rows<Index> maintenance_scopes;        // [maintenance window]
  std::vector<ScopeInfo> scopes;         // journeys, then SLA / SLO services
  std::vector<Index> scope_of_journey;   // [journey] -> scope
  std::vector<double> scope_down_at;     // [scope]: the error from which it is down
  std::vector<Index> scope_of_service;   // [service] -> scope, or no_index
  std::vector<StandbyLink> standby;      // [source]
  std::vector<std::vector<Index>> member_sources;  // [service]: sources it owns alone
  std::vector<Index> sla_scope;                    // [sla] -> scope
  std::vector<Index> slo_scope;                    // [slo] -> scope
  std::vector<char> scope_measured;  // [scope]: an SLA or SLO keeps its history of segments
};

[[nodiscard]] Topology build_topology(const CompiledModel& model);

// The fraction of time a waiting member ages at: 1 hot, the factor warm, 0 cold.
[[nodiscard]] double dormant_factor(const FailoverSpec& failover);

}  // namespace reliasim::sim
