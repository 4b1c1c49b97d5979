#pragma once
// The engine's form of a scenario: dense, index-based, validated and immutable. Names are kept
// only for reports; the simulator works on indices. Times are in seconds.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "reliasim/model/kinds.hpp"
#include "reliasim/random/distribution.hpp"
#include "reliasim/record/input_file.hpp"

namespace reliasim {

using Index = std::int32_t;
inline constexpr Index no_index = -1;

struct ReplicaSpec {
  Index service = no_index;
  Index zone = no_index;  // no_index when the service names no zones
};

struct SoftDependency {
  Index service = no_index;
  double degrade = 1.0;  // fraction of requests that fail while it is down
};

struct FailoverSpec {
  DistributionSpec delay;
  double success = 1.0;
  std::optional<DistributionSpec> manual;  // how long a manual switch takes after a failed one
  StandbyMode standby = StandbyMode::hot;
  double dormant_failure_factor = 1.0;  // how fast a waiting member ages: 1 hot, 0 cold
};

struct ServiceSpec {
  std::string name;
  std::string description;  // as written, for reports
  bool external = false;
  Index first_replica = 0;  // replicas [first_replica, first_replica + replica_count)
  Index replica_count = 0;  // 0 for failover groups
  Index min_healthy = 0;
  std::vector<Index> hard_dependencies;
  std::vector<SoftDependency> soft_dependencies;
  std::vector<Index> failover_members;  // a failover group when not empty
  FailoverSpec failover;
  double monthly_cost = 0.0;
  std::string currency;
};

struct DetectorSpec {
  DetectionChannel channel = DetectionChannel::alert;
  double probability = 1.0;
  DistributionSpec delay;
  friend bool operator==(const DetectorSpec&, const DetectorSpec&) = default;
};

// The repair time of a part that is never restored.
inline constexpr double never_repaired_time = std::numeric_limits<double>::infinity();

// T0 occurs -> T1 detected -> T2 engaged -> T3 mitigated (impact ends) -> T4 repaired.
struct LifecycleSpec {
  std::vector<DetectorSpec> detectors;              // race; the first that fires detects
  std::optional<DistributionSpec> customer_report;  // when none fires; otherwise never detected
  DistributionSpec engage;
  bool self_heal = false;  // impact ends after `repair` from T0, with no one involved
  std::optional<MitigationKind> mitigation;
  DistributionSpec mitigate;
  Index mitigate_crew = no_index;  // no_index: no queueing (automation or a third party)
  DistributionSpec repair;         // after mitigation (from T0 when self-healing)
  Index repair_crew = no_index;
  bool runbook = false;
  // `repair: none`: T4 never comes (`repair` is never_repaired_time), so the source never
  // fails again; without a mitigation its impact lasts for ever.
  bool never_repaired = false;
  friend bool operator==(const LifecycleSpec&, const LifecycleSpec&) = default;
};

// What one occurrence impairs; a source with several alternatives picks one uniformly.
struct TargetSet {
  std::vector<Index> replicas;
  std::vector<Index> services;
};

struct FailureSourceSpec {
  std::string name;              // stable identity, e.g. "checkout-api/memory-leak/replica-2"
  std::uint64_t stream_key = 0;  // random stream of this source (common random numbers)
  Index failure_mode = 0;        // the worksheet row it counts towards
  bool per_deploy = false;
  DistributionSpec time_to_failure;  // renewal process; unused when per_deploy
  double deploys_per_second = 0.0;
  double per_deploy_probability = 0.0;
  std::vector<TargetSet> alternatives;
  bool down = true;
  double degrade = 1.0;
  Attribution attribution = Attribution::internal;
  LifecycleSpec lifecycle;
};

// A row of the FMEA worksheet.
struct FailureModeInfo {
  std::string name;
  std::string service;  // the service, or empty for a common cause
  std::string cause;
  std::string effect;
  bool common_cause = false;
  friend bool operator==(const FailureModeInfo&, const FailureModeInfo&) = default;
};

struct CrewSpec {
  std::string name;
  Index size = 0;  // 0: unlimited
};

struct MaintenanceSpec {
  std::vector<Index> services;
  double every = 0.0;
  double duration = 0.0;
  double offset = 0.0;
  bool excluded_from_sla = true;
};

// One of the failure sources and targets an injected incident may hit.
struct InjectionTarget {
  Index source = 0;       // whose impact, attribution and worksheet row the incident takes
  Index alternative = 0;  // which of the source's target sets it impairs
  friend bool operator==(const InjectionTarget&, const InjectionTarget&) = default;
};

// A scripted incident of a stress test (docs/stress.md): on top of the random history it
// impairs one of `targets` (chosen uniformly per trial when there are several) as that source's
// own incidents do, from a time drawn uniformly in [earliest, latest] (fixed when they are
// equal), for exactly `duration`. Nobody detects, engages or repairs it.
struct InjectionSpec {
  std::string label;  // as written, for reports: "zone-outage at 2027-02 for 6h"
  std::vector<InjectionTarget> targets;
  double earliest = 0.0;  // seconds from the horizon's start
  double latest = 0.0;
  double duration = 0.0;
  std::uint64_t stream_key = 0;  // its own random stream: the rest keeps its numbers
  friend bool operator==(const InjectionSpec&, const InjectionSpec&) = default;
};

struct StressTestSpec {
  std::string name;
  std::string description;
  std::vector<InjectionSpec> injections;
};

struct JourneySpec {
  std::string name;
  std::vector<Index> services;  // up when all are up; their dependencies count through them
  double down_at = 1.0;  // down (not merely degraded) while at least this share of requests fail
  std::string description{};  // as written, for reports
};

struct WindowSpec {
  WindowKind kind = WindowKind::calendar_month;
  double length = 0.0;             // fixed and rolling
  std::vector<double> boundaries;  // calendar and fixed: window i is [b[i], b[i+1])
  // The last window's length were it complete: more than its boundaries span when the horizon
  // ends inside it (a partial window's fee, and so its credit, is pro rata).
  double final_length = 0.0;
};

struct ScopeRef {
  bool journey = true;
  Index index = 0;
};

struct SloSpec {
  std::string name;
  ScopeRef scope;
  double target = 0.0;
  WindowSpec window;
};

struct CreditTierSpec {
  double below = 0.0;
  double credit = 0.0;  // fraction of the monthly fee
};

struct SlaSpec {
  std::string name;
  std::string customer;
  ScopeRef scope;
  double target = 0.0;
  WindowSpec window;
  MeasureRule rule = MeasureRule::bad_minutes;
  double granularity = 60.0;
  double min_run = 0.0;
  // bad_minutes: time is bad while the scope's error rate is at least this; NaN: while the
  // scope is down (its own threshold).
  double error_threshold = std::numeric_limits<double>::quiet_NaN();
  double interval = 300.0;
  std::vector<CreditTierSpec> credits;
  double monthly_fee = 0.0;
  std::string currency;
  double cap = 1.0;
  double min_payout = 0.0;
  bool excludes_maintenance = false;
  bool excludes_third_party = false;
  bool excludes_customer = false;
  // An SLA written without `credits` and `fee` has no credit schedule: it owes nothing, and
  // every report says so rather than showing a credit of 0 as if the contract set one.
  [[nodiscard]] bool has_credits() const { return !credits.empty(); }
};

struct CompiledModel {
  std::string name;
  std::string description;  // what the scenario models, as written
  std::string file;
  std::vector<InputFile> inputs;  // the files it was read from, for the run record
  double horizon = 0.0;
  // The calendar month the horizon starts in (`start:`), which names calendar-month windows.
  int start_year = 2027;
  int start_month = 1;  // 1 to 12
  WindowSpec windows;   // the scenario's `windows:`: what per-window results use
  std::vector<std::string> zones;
  std::vector<ReplicaSpec> replicas;
  std::vector<ServiceSpec> services;
  std::vector<Index> dependencies_first;  // services, each after everything it needs
  std::vector<FailureSourceSpec> sources;
  std::vector<FailureModeInfo> failure_modes;
  std::vector<CrewSpec> crews;
  std::vector<MaintenanceSpec> maintenance;
  std::vector<JourneySpec> journeys;
  std::vector<SloSpec> slos;
  std::vector<SlaSpec> slas;
  // The scenario's `stress:` tests, which `reliasim stress` runs against this baseline.
  std::vector<StressTestSpec> stress_tests;
  // What a run injects: empty in a scenario, a stress test's incidents in its stressed copy.
  std::vector<InjectionSpec> injections;
};

}  // namespace reliasim
