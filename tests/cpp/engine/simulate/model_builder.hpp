#pragma once
// Small compiled models built in code, for checking the simulator against exact answers.
// Every lifecycle is the simplest one: detected at once, no engagement, repaired (by an
// optional crew) with an exponential time, so each component is an alternating renewal
// process as in the analytic solvers.

#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/random/stream.hpp"

namespace reliasim::testing {

inline constexpr double hour = 3600.0;
inline constexpr double year = 365.0 * 86400.0;

class ModelBuilder {
 public:
  explicit ModelBuilder(double horizon = year) {
    model_.name = "test";
    model_.horizon = horizon;
    model_.windows = {WindowKind::fixed, horizon, {0.0, horizon}};
  }

  // A service with `replicas` replicas of which `k` must be up.
  Index service(const std::string& name, Index replicas = 1, Index k = 1) {
    ServiceSpec spec;
    spec.name = name;
    spec.first_replica = static_cast<Index>(model_.replicas.size());
    spec.replica_count = replicas;
    spec.min_healthy = k;
    const auto index = static_cast<Index>(model_.services.size());
    for (Index r = 0; r < replicas; ++r) model_.replicas.push_back({index, no_index});
    model_.services.push_back(spec);
    return index;
  }

  Index failover_group(const std::string& name, std::vector<Index> members, FailoverSpec failover) {
    ServiceSpec spec;
    spec.name = name;
    spec.failover_members = std::move(members);
    spec.failover = std::move(failover);
    model_.services.push_back(spec);
    return static_cast<Index>(model_.services.size() - 1);
  }

  void depends(Index service, Index on) { at(service).hard_dependencies.push_back(on); }
  void soft_depends(Index service, Index on, double degrade) {
    at(service).soft_dependencies.push_back({on, degrade});
  }

  Index crew(const std::string& name, Index size) {
    model_.crews.push_back({name, size});
    return static_cast<Index>(model_.crews.size() - 1);
  }

  // A failure source over `targets` with exponential failure and repair times (means).
  Index source(const std::string& name, TargetSet targets, double mttf, double mttr,
               Index crew = no_index) {
    FailureSourceSpec spec;
    spec.name = name;
    spec.stream_key = stable_hash(name);
    spec.failure_mode = static_cast<Index>(model_.failure_modes.size());
    model_.failure_modes.push_back({name, "", "", "", false});
    spec.time_to_failure = DistributionSpec::exponential_mean(mttf);
    spec.alternatives.push_back(std::move(targets));
    spec.lifecycle.detectors.push_back(
        {DetectionChannel::alert, 1.0, DistributionSpec::fixed_value(0.0)});
    spec.lifecycle.engage = DistributionSpec::fixed_value(0.0);
    spec.lifecycle.repair = DistributionSpec::exponential_mean(mttr);
    spec.lifecycle.repair_crew = crew;
    model_.sources.push_back(std::move(spec));
    return static_cast<Index>(model_.sources.size() - 1);
  }
  FailureSourceSpec& last_source() { return model_.sources.back(); }

  // Sources [0, count) are detected by an alert (70 %, mean 10 min) or else a customer report
  // (mean 1 h), acknowledged in `engage` (exponential mean, seconds; 0 for none) and mitigated
  // by hand (mean 30 min) by `crew`: every time exponential, as the Markov chains need.
  void alert_then_mitigate(Index count, Index crew, double engage = 0.0) {
    for (Index s = 0; s < count; ++s) {
      LifecycleSpec& life = model_.sources[static_cast<std::size_t>(s)].lifecycle;
      life.detectors = {{DetectionChannel::alert, 0.7, DistributionSpec::exponential_mean(600)}};
      life.customer_report = DistributionSpec::exponential_mean(3600);
      if (engage > 0.0) life.engage = DistributionSpec::exponential_mean(engage);
      life.mitigation = MitigationKind::manual;
      life.mitigate = DistributionSpec::exponential_mean(1800);
      life.mitigate_crew = crew;
    }
  }
  FailureSourceSpec& source_at(Index s) { return model_.sources[static_cast<std::size_t>(s)]; }

  // One source per replica of `service`.
  void replica_sources(Index service, double mttf, double mttr, Index crew = no_index) {
    const ServiceSpec& spec = at(service);
    for (Index r = 0; r < spec.replica_count; ++r)
      source(spec.name + "/replica-" + std::to_string(r), {{spec.first_replica + r}, {}}, mttf,
             mttr, crew);
  }

  void maintenance(std::vector<Index> services, double every, double duration, double offset) {
    model_.maintenance.push_back({std::move(services), every, duration, offset, true});
  }

  // Consecutive windows of `length` over the horizon, for the scenario and its SLAs.
  void windows(double length) {
    model_.windows = {WindowKind::fixed, length, {0.0}};
    while (model_.windows.boundaries.back() + length <= model_.horizon * (1 + 1e-12))
      model_.windows.boundaries.push_back(model_.windows.boundaries.back() + length);
  }

  // An SLA on journey 0 over the scenario's windows: 10 % below `target`, 25 % below 99 %.
  SlaSpec& sla(double target, double monthly_fee) {
    SlaSpec spec;
    spec.name = "sla";
    spec.scope = {true, 0};
    spec.target = target;
    spec.window = model_.windows;
    spec.credits = {{target, 0.10}, {0.99, 0.25}};
    spec.monthly_fee = monthly_fee;
    model_.slas.push_back(spec);
    return model_.slas.back();
  }

  // An SLO on journey 0 over a rolling window of `days`.
  void rolling_slo(double target, double days) {
    model_.slos.push_back({"slo", {true, 0}, target, {WindowKind::rolling, days * 86400.0, {}}});
  }

  void journey(const std::string& name, std::vector<Index> services, double down_at = 1.0) {
    model_.journeys.push_back({name, std::move(services), down_at});
  }

  // Topological order by repeated passes (test models are small).
  CompiledModel build() {
    std::vector<bool> placed(model_.services.size(), false);
    model_.dependencies_first.clear();
    while (model_.dependencies_first.size() < model_.services.size()) {
      for (std::size_t s = 0; s < model_.services.size(); ++s) {
        if (placed[s]) continue;
        bool ready = true;
        for (Index d : model_.services[s].hard_dependencies)
          ready = ready && placed[static_cast<std::size_t>(d)];
        for (Index m : model_.services[s].failover_members)
          ready = ready && placed[static_cast<std::size_t>(m)];
        if (ready) placed[s] = true, model_.dependencies_first.push_back(static_cast<Index>(s));
      }
    }
    return model_;
  }

 private:
  ServiceSpec& at(Index s) { return model_.services[static_cast<std::size_t>(s)]; }
  CompiledModel model_;
};

}  // namespace reliasim::testing
