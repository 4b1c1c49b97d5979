#pragma once
// The scenario as written: plain, named structs that mirror the format (docs/format-spec.md).
// Every element keeps the place it was written at, so that the meaning pass can name it.
// Durations are in seconds, rates in events per second, probabilities and targets in [0, 1].

#include <optional>
#include <string>
#include <vector>

#include "reliasim/model/kinds.hpp"
#include "reliasim/random/distribution.hpp"
#include "reliasim/record/input_file.hpp"

namespace reliasim::scenario {

struct Place {
  int line = 0;  // 1-based; 0 when unknown (a scenario built in code)
  int column = 0;
};

template <typename T>
struct Located {
  T value{};
  Place place;
};

using Name = Located<std::string>;

enum class Scope { replica, service };
using reliasim::Attribution;
using reliasim::DetectionChannel;
using reliasim::MeasureRule;
using reliasim::MitigationKind;
using reliasim::StandbyMode;
using reliasim::WindowKind;

struct Occurrence {
  std::optional<DistributionSpec> time_to_failure;  // set unless per-deploy
  std::optional<double> per_deploy_probability;
  std::optional<double> deploys_per_second;  // overrides the service's deploy rate
  Place place;
};

struct Impact {
  bool down = true;
  double degrade = 1.0;  // fraction of requests that fail; 1 when down
};

struct Detector {
  DetectionChannel channel = DetectionChannel::alert;
  double probability = 1.0;
  DistributionSpec delay;
};

struct Detection {
  std::vector<Detector> detectors;
  std::optional<DistributionSpec> customer_report;
  bool given = false;
};

struct Mitigation {
  MitigationKind kind = MitigationKind::manual;
  DistributionSpec duration;
  std::optional<Name> crew;
};

struct Repair {
  bool self_heal = false;
  bool never = false;  // `repair: none`: the failed part is never restored
  DistributionSpec duration;
  std::optional<Name> crew;
};

// What happens after an occurrence; every part is optional and falls back to `defaults:`.
struct Lifecycle {
  Detection detect;
  std::optional<DistributionSpec> engage;
  std::optional<Mitigation> mitigate;
  std::optional<Repair> repair;
  bool runbook = false;
};

struct FailureMode {
  Name name;
  std::string cause;
  std::string effect;
  Scope scope = Scope::service;
  Occurrence occurs;
  Impact impact;
  Lifecycle lifecycle;
  std::optional<Attribution> attributable_to;
  Place place;
};

struct Dependency {
  Name service;
  bool soft = false;
  double degrade = 1.0;  // soft only: fraction of requests that fail while it is down
};

struct Replicas {
  Located<int> count{1, {}};
  std::vector<Name> zones;
  Located<int> min_healthy{1, {}};
};

struct Failover {
  DistributionSpec delay = DistributionSpec::fixed_value(0.0);
  double success = 1.0;
  std::optional<DistributionSpec> manual;
  StandbyMode standby = StandbyMode::hot;
  double dormant_failure_factor = 1.0;
};

struct Cost {
  double monthly = 0.0;
  std::string currency;
};

struct Service {
  Name name;
  std::string description;
  bool external = false;
  Replicas replicas;
  std::vector<Dependency> depends_on;
  std::vector<Name> any_of;  // failover group members, in order of preference
  Failover failover;
  std::vector<FailureMode> failure_modes;
  std::optional<Name> like;
  std::optional<double> deploys_per_second;
  std::optional<Name> crew;
  std::optional<Cost> cost;
};

struct Crew {
  Name name;
  int size = 0;  // 0: unlimited (automation)
};

struct CommonCauseTarget {
  bool any_zone = false;       // one zone per occurrence, chosen uniformly
  std::vector<Name> zones;     // all of them at once
  std::vector<Name> services;  // all of them at once
  Place place;
};

struct CommonCause {
  Name name;
  std::string cause;
  std::string effect;
  CommonCauseTarget hits;
  Occurrence occurs;
  Impact impact;
  Lifecycle lifecycle;
  std::optional<Attribution> attributable_to;
};

struct Maintenance {
  std::vector<Name> services;
  double every = 0.0;
  double duration = 0.0;
  double offset = 0.0;
  bool excluded_from_sla = true;
  Place place;
};

struct Journey {
  Name name;
  std::string description;
  std::vector<Name> services;
  double down_at = 1.0;  // the share of failing requests from which it counts as down
};

struct Window {
  WindowKind kind = WindowKind::calendar_month;
  double length = 0.0;  // fixed and rolling
  Place place;
};

// What an SLO or SLA measures: a journey or a single service.
struct Target {
  std::optional<Name> journey;
  std::optional<Name> service;
};

struct Slo {
  Name name;
  Target scope;
  Located<double> target;
  std::optional<Window> window;  // the scenario's `windows:` when absent
};

struct Measure {
  MeasureRule rule = MeasureRule::bad_minutes;
  double granularity = 60.0;              // bad_minutes
  double min_run = 0.0;                   // bad_minutes: shortest run of bad time that counts
  std::optional<double> error_threshold;  // bad_minutes: a minute at this error rate is bad
  double interval = 300.0;                // interval_error_rate
};

struct CreditTier {
  Located<double> below;   // uptime below this ...
  Located<double> credit;  // ... pays this fraction of the monthly fee
};

enum class Exclusion { maintenance, third_party, customer };

struct Sla {
  Name name;
  std::string customer;
  Target scope;
  Located<double> target;
  std::optional<Window> window;
  Measure measure;
  std::vector<CreditTier> credits;
  double monthly_fee = 0.0;
  std::string currency;
  double cap = 1.0;
  double min_payout = 0.0;
  std::vector<Exclusion> exclusions;
};

// A scripted incident of a stress test (docs/stress.md), as written; the loader resolves it
// against the compiled model (stress.hpp).
struct Injection {
  Name failure;                // "service/mode" or a common cause
  std::optional<Name> target;  // a replica ("replica-2") or a zone, when it may hit several
  Located<std::string> at;     // a date-time, or a day or month: a random time within it
  Located<double> duration;    // seconds
  Place place;
};

struct StressTest {
  Name name;
  std::string description;
  std::vector<Injection> inject;
};

struct Defaults {
  Lifecycle lifecycle;
  std::optional<Name> crew;
};

struct Scenario {
  std::string file;  // as given to the loader; used in every message
  // Every file read to build it (the scenario text first, then each CSV once), by SHA-256.
  std::vector<InputFile> inputs;
  std::string name;
  std::string description;
  double horizon = 365.0 * 86400.0;
  int start_year = 2027;
  int start_month = 1;
  Window windows;
  std::vector<Name> zones;
  Defaults defaults;
  std::vector<Service> services;
  std::vector<Crew> crews;
  std::vector<CommonCause> common_causes;
  std::vector<Maintenance> maintenance;
  std::vector<Journey> journeys;
  std::vector<Slo> slos;
  std::vector<Sla> slas;
  std::vector<StressTest> stress_tests;
};

}  // namespace reliasim::scenario
