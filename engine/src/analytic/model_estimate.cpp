#include "reliasim/analytic/model_estimate.hpp"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "../simulate/topology.hpp"
#include "model_chain.hpp"

namespace reliasim::analytic {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double year = 365.0 * 86400.0;
// What both methods leave out: maintenance is deterministic, not Markovian.
constexpr const char* maintenance_left_out = "scheduled maintenance is left out";

double cdf(const DistributionSpec& d, double t) {
  namespace bm = boost::math;
  if (t <= 0.0) return d.kind == DistributionKind::fixed && d.a <= 0.0 ? 1.0 : 0.0;
  switch (d.kind) {
    case DistributionKind::exponential: return -std::expm1(-t / d.a);
    case DistributionKind::weibull: return bm::cdf(bm::weibull_distribution<>(d.a, d.b), t);
    case DistributionKind::lognormal: return bm::cdf(bm::lognormal_distribution<>(d.a, d.b), t);
    case DistributionKind::gamma: return bm::cdf(bm::gamma_distribution<>(d.a, d.b), t);
    case DistributionKind::truncated_normal: {
      if (d.b <= 0.0) return t >= d.a ? 1.0 : 0.0;
      const bm::normal_distribution<> n(d.a, d.b);
      const double below = bm::cdf(n, 0.0);
      return (bm::cdf(n, t) - below) / (1.0 - below);
    }
    case DistributionKind::uniform:
      return d.b <= d.a ? (t >= d.a ? 1.0 : 0.0) : std::clamp((t - d.a) / (d.b - d.a), 0.0, 1.0);
    case DistributionKind::triangular:
      if (d.c <= d.a) return t >= d.a ? 1.0 : 0.0;
      return bm::cdf(bm::triangular_distribution<>(d.a, d.b, d.c), std::clamp(t, d.a, d.c));
    case DistributionKind::fixed: return t >= d.a ? 1.0 : 0.0;
    case DistributionKind::empirical: {
      const auto below =
          std::count_if(d.samples.begin(), d.samples.end(), [t](double s) { return s <= t; });
      return d.samples.empty() ? 1.0
                               : static_cast<double>(below) / static_cast<double>(d.samples.size());
    }
  }
  return 1.0;
}

// P(T1 > t) = prod_i (1 - p_i F_i(t)) - prod_i (1 - p_i) F_customer(t).
double detection_survival(const LifecycleSpec& life, double t) {
  double none_yet = 1.0, none_fires = 1.0;
  for (const DetectorSpec& d : life.detectors) {
    none_yet *= 1.0 - d.probability * cdf(d.delay, t);
    none_fires *= 1.0 - d.probability;
  }
  const double customer = life.customer_report ? cdf(*life.customer_report, t) : 0.0;
  return none_yet - none_fires * customer;
}

std::vector<std::string> assumptions_of(const CompiledModel& model) {
  std::set<std::string> notes;
  for (const auto& source : model.sources) {
    const auto& life = source.lifecycle;
    const auto limited = [&](Index crew) {
      return crew != no_index && model.crews[static_cast<std::size_t>(crew)].size > 0;
    };
    if (limited(life.mitigate_crew) || limited(life.repair_crew))
      notes.insert("incidents never wait for a busy crew");
    if (source.alternatives.size() > 1)
      notes.insert(
          "a common cause over 'any zone' hits every zone, at its rate divided among them");
  }
  for (const auto& service : model.services) {
    const auto& f = service.failover;
    if (!service.failover_members.empty() &&
        (f.success < 1.0 || f.delay.mean() > 0.0 || f.standby != StandbyMode::hot))
      notes.insert("failover is instant and always works, standby members age as if active");
  }
  if (!model.maintenance.empty()) notes.insert(maintenance_left_out);
  // The structure function knows up and down only: failing fractions (degradations, soft
  // dependencies) that reach a journey's `down_at`, alone or together, are not in it.
  const bool partial =
      std::any_of(model.sources.begin(), model.sources.end(),
                  [](const auto& source) { return !source.down; }) ||
      std::any_of(model.services.begin(), model.services.end(),
                  [](const auto& service) { return !service.soft_dependencies.empty(); });
  for (const auto& journey : model.journeys)
    if (partial && journey.down_at < 1.0)
      notes.insert("degradations that a journey's down_at counts as down are left out");
  return {notes.begin(), notes.end()};
}

class Builder {
 public:
  explicit Builder(const CompiledModel& model) : model_(model) {
    out_.availabilities.push_back(1.0);  // component 0: always up, for elements with no failures
    always_up_ = out_.structure.component(0);
    for (const auto& source : model.sources) out_.source_components.push_back(add_source(source));
    for (const Index s : model.dependencies_first) service_nodes_[s] = service_node(s);
    for (const ScopeInfo& scope : sim::build_topology(model).scopes) {
      const auto services = scope.journey
                                ? model.journeys[static_cast<std::size_t>(scope.index)].services
                                : std::vector<Index>{scope.index};
      std::vector<int> children;
      children.reserve(services.size());
      for (const Index s : services) children.push_back(service_nodes_.at(s));
      out_.scope_roots.push_back(out_.structure.all_of(children));
    }
    out_.assumptions = assumptions_of(model);
  }
  ModelStructure take() { return std::move(out_); }

 private:
  std::vector<int> add_source(const FailureSourceSpec& source) {
    std::vector<int> components;
    if (!source.down && source.degrade < 1.0) return components;  // never takes a scope down
    const IncidentDurations d = mean_incident_durations(source.lifecycle);
    const double alternatives = static_cast<double>(source.alternatives.size());
    const double mttf = mean_time_to_failure(source) * alternatives;
    const double unavailable = std::isfinite(d.impact) ? d.impact / (mttf + d.cycle) : 1.0;
    for (const TargetSet& targets : source.alternatives) {
      const int index = static_cast<int>(out_.availabilities.size());
      const int node = out_.structure.component(index);
      components.push_back(index);
      out_.availabilities.push_back(std::isfinite(mttf) ? 1.0 - unavailable : 1.0);
      for (const Index r : targets.replicas) replica_sources_[r].push_back(node);
      for (const Index s : targets.services) service_sources_[s].push_back(node);
    }
    return components;
  }
  int all_of(std::vector<int> children) {
    return children.empty() ? always_up_ : out_.structure.all_of(std::move(children));
  }
  int service_node(Index s) {
    const ServiceSpec& spec = model_.services[static_cast<std::size_t>(s)];
    std::vector<int> children = service_sources_[s];
    if (spec.replica_count > 0) {
      std::vector<int> replicas;
      for (Index r = 0; r < spec.replica_count; ++r)
        replicas.push_back(all_of(replica_sources_[spec.first_replica + r]));
      children.push_back(out_.structure.at_least(std::max<Index>(1, spec.min_healthy), replicas));
    }
    if (!spec.failover_members.empty()) {
      std::vector<int> members;
      for (const Index m : spec.failover_members) members.push_back(service_nodes_.at(m));
      children.push_back(out_.structure.any_of(members));
    }
    for (const Index d : spec.hard_dependencies) children.push_back(service_nodes_.at(d));
    return all_of(children);
  }

  const CompiledModel& model_;
  ModelStructure out_;
  int always_up_ = 0;
  std::map<Index, std::vector<int>> replica_sources_, service_sources_;
  std::map<Index, int> service_nodes_;
};

}  // namespace

IncidentDurations mean_incident_durations(const LifecycleSpec& life) {
  if (life.self_heal) return {life.repair.mean(), life.repair.mean()};
  if (life.mitigation == MitigationKind::wait)
    return {life.mitigate.mean(), life.mitigate.mean() + life.repair.mean()};
  const double detected = mean_detection_time(life);
  const double engaged = detected + life.engage.mean();
  if (life.mitigation) {
    const double impact = engaged + life.mitigate.mean();
    return {impact, impact + life.repair.mean()};
  }
  return {engaged + life.repair.mean(), engaged + life.repair.mean()};
}

double mean_time_to_failure(const FailureSourceSpec& source) {
  if (!source.per_deploy) return source.time_to_failure.mean();
  const double rate = source.deploys_per_second * source.per_deploy_probability;
  return rate > 0.0 ? 1.0 / rate : infinity;
}

double mean_detection_time(const LifecycleSpec& life) {
  double never = 1.0;
  for (const DetectorSpec& d : life.detectors) never *= 1.0 - d.probability;
  if (never > 0.0 && !life.customer_report) return infinity;
  if (life.detectors.size() == 1 && never == 0.0) return life.detectors.front().delay.mean();
  if (life.detectors.empty()) return life.customer_report->mean();
  // The integral of the survival function on a geometric grid fine enough for step CDFs.
  double horizon = 1.0;
  for (const DetectorSpec& d : life.detectors) horizon = std::max(horizon, d.delay.mean());
  if (life.customer_report) horizon = std::max(horizon, life.customer_report->mean());
  horizon *= 1e4;
  constexpr int steps = 20000;
  const double first = 1e-3, ratio = std::pow(horizon / first, 1.0 / steps);
  double total = first * detection_survival(life, 0.0);
  double t = first, previous = detection_survival(life, first);
  for (int i = 0; i < steps; ++i) {
    const double next_t = t * ratio, next = detection_survival(life, next_t);
    total += 0.5 * (previous + next) * (next_t - t);
    t = next_t, previous = next;
  }
  return total;
}

ModelStructure model_structure(const CompiledModel& model) {
  return Builder(model).take();
}

namespace {

// The structure function, exact when sources are independent.
ModelEstimate structure_estimate(const CompiledModel& model) {
  const ModelStructure m = model_structure(model);
  const auto scopes = sim::build_topology(model).scopes;
  ModelEstimate result;
  result.assumptions = m.assumptions;
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    const double a = solve(m.structure, m.scope_roots[i], m.availabilities).availability;
    result.scopes.push_back({scopes[i].name, a, (1.0 - a) * year});
  }
  return result;
}

ModelEstimate long_run_estimate(const CompiledModel& model, int max_markov_states) {
  ModelEstimate result = structure_estimate(model);
  const bool independent =
      std::all_of(result.assumptions.begin(), result.assumptions.end(),
                  [](const std::string& a) { return a == maintenance_left_out; });
  if (independent) return result;
  const chain::Solution chain = chain::solve_model(model, max_markov_states);
  if (!chain.not_solved.empty()) {
    result.markov_fallback = chain.not_solved;
    return result;
  }
  result.method = EstimateMethod::markov_chain;
  result.markov_states = chain.states;
  result.assumptions.clear();
  if (!model.maintenance.empty()) result.assumptions.emplace_back(maintenance_left_out);
  for (std::size_t i = 0; i < result.scopes.size(); ++i) {
    result.scopes[i].availability = chain.scope_availability[i];
    result.scopes[i].downtime_per_year = (1.0 - chain.scope_availability[i]) * year;
  }
  return result;
}

}  // namespace

ModelEstimate estimate(const CompiledModel& model, int max_markov_states) {
  ModelEstimate result = long_run_estimate(model, max_markov_states);
  result.transient = transient_estimate(model, max_markov_states);
  return result;
}

const char* to_string(EstimateMethod method) {
  return method == EstimateMethod::markov_chain ? "Markov chain" : "structure function";
}

std::string method_note(const ModelEstimate& estimate) {
  std::string how = estimate.method == EstimateMethod::markov_chain
                        ? "Markov chain of " + std::to_string(estimate.markov_states) + " states"
                        : "structure function of independent failure sources";
  if (!estimate.markov_fallback.empty()) how += "; no exact chain: " + estimate.markov_fallback;
  return (estimate.exact() ? "exact for this model (" : "approximate (") + how + ")";
}

}  // namespace reliasim::analytic
