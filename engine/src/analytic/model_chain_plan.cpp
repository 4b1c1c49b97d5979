// Which parts of a model the Markov chain needs, and whether they are Markovian: every time
// to failure exponential (or per-deploy Poisson), every lifecycle duration and failover delay
// exponential or zero.
#include <algorithm>
#include <map>
#include <optional>

#include "model_chain.hpp"

namespace reliasim::analytic::chain {
namespace {

// The rate of an exponential duration, `immediate` for one that is always zero, 0 for one
// that never ends (`repair: none`), or nothing.
std::optional<double> rate_of(const DistributionSpec& d) {
  if (d.kind == DistributionKind::fixed && d.a == never_repaired_time) return 0.0;  // never
  if (d.kind == DistributionKind::exponential && d.a > 0.0) return 1.0 / d.a;
  if (d.mean() == 0.0) return immediate;  // a non-negative duration with mean 0 is always 0
  return std::nullopt;
}

// Reads durations into rates, keeping the first that is neither exponential nor zero.
class RateReader {
 public:
  double operator()(const DistributionSpec& d, const std::string& owner, const std::string& what) {
    const auto rate = rate_of(d);
    if (!rate && reason.empty())
      reason = owner + ": " + what + " is " + std::string(to_string(d.kind)) +
               " (the exact chain needs exponential or zero durations)";
    return rate.value_or(immediate);
  }
  std::string reason;
};

// The detector race as a mixture: each set of detectors that fire (with its probability)
// detects at the sum of their rates, at once if one has no delay; when none fires, the
// customer report does, or nothing ever will. Classes with the same rate are merged.
std::vector<DetectionClass> detection_classes(const LifecycleSpec& life, const std::string& owner,
                                              RateReader& read) {
  std::vector<double> rates;
  for (const DetectorSpec& d : life.detectors)
    rates.push_back(read(d.delay, owner, "a detector's delay"));
  const double fallback =
      life.customer_report ? read(*life.customer_report, owner, "the customer report") : 0.0;
  // Each set of detectors that fire is a class, at most 128 of them (a byte of the state).
  if (rates.size() > 7 && read.reason.empty()) read.reason = owner + ": more than 7 detectors";
  if (!read.reason.empty()) return {};
  std::map<double, double> by_rate;  // rate -> probability
  for (std::uint32_t set = 0; set < (1u << rates.size()); ++set) {
    double probability = 1.0, rate = 0.0;
    bool at_once = false;
    for (std::size_t i = 0; i < rates.size(); ++i) {
      const bool fires = (set >> i) & 1u;
      probability *= fires ? life.detectors[i].probability : 1.0 - life.detectors[i].probability;
      if (fires && rates[i] == immediate) at_once = true;
      if (fires && rates[i] != immediate) rate += rates[i];
    }
    if (probability <= 0.0) continue;
    by_rate[at_once ? immediate : set == 0 ? fallback : rate] += probability;
  }
  std::vector<DetectionClass> classes;
  for (const auto& [rate, probability] : by_rate) classes.push_back({probability, rate});
  return classes;
}

Index limited(Index crew, const CompiledModel& model) {
  return crew != no_index && model.crews[static_cast<std::size_t>(crew)].size > 0 ? crew : no_index;
}

SourcePlan read_source(const CompiledModel& model, Index s, RateReader& read) {
  const FailureSourceSpec& source = model.sources[static_cast<std::size_t>(s)];
  const LifecycleSpec& life = source.lifecycle;
  const std::string& owner = source.name;
  SourcePlan plan;
  plan.source = s;
  plan.failure_rate = source.per_deploy
                          ? source.deploys_per_second * source.per_deploy_probability
                          : read(source.time_to_failure, owner, "the time to failure");
  if (plan.failure_rate == immediate && read.reason.empty())
    read.reason = owner + ": the time to failure is always zero";
  if (source.alternatives.size() > 255 && read.reason.empty())
    read.reason = owner + ": more than 255 alternative targets";
  plan.self_heal = life.self_heal;
  plan.third_party = !plan.self_heal && life.mitigation == MitigationKind::wait;
  plan.mitigation = life.mitigation.has_value() && !plan.third_party;
  plan.repair = read(life.repair, owner, "the repair time");
  if (plan.third_party) plan.mitigate = read(life.mitigate, owner, "the wait");
  if (plan.self_heal || plan.third_party) {
    if (!plan.self_heal) plan.repair_crew = limited(life.repair_crew, model);
    return plan;
  }
  plan.detection = detection_classes(life, owner, read);
  plan.engage = read(life.engage, owner, "the engage time");
  if (plan.mitigation) plan.mitigate = read(life.mitigate, owner, "the mitigation time");
  plan.work_crew = limited(plan.mitigation ? life.mitigate_crew : life.repair_crew, model);
  plan.repair_crew = limited(life.repair_crew, model);
  return plan;
}

SourcePlan source_plan(const CompiledModel& model, Index s) {
  RateReader read;
  SourcePlan plan = read_source(model, s, read);
  plan.not_markov = read.reason;
  return plan;
}

bool never_fails(const SourcePlan& plan) {
  return plan.not_markov.empty() && plan.failure_rate == 0.0;
}

// Services whose state can reach a scope: the scopes' own, then through every dependency.
std::vector<bool> services_seen_by_scopes(const CompiledModel& model,
                                          const sim::Topology& topology) {
  std::vector<bool> seen(model.services.size(), false);
  std::vector<Index> stack;
  for (const ScopeInfo& scope : topology.scopes) {
    if (!scope.journey) stack.push_back(scope.index);
    if (scope.journey) {
      const auto& services = model.journeys[static_cast<std::size_t>(scope.index)].services;
      stack.insert(stack.end(), services.begin(), services.end());
    }
  }
  while (!stack.empty()) {
    const auto s = static_cast<std::size_t>(stack.back());
    stack.pop_back();
    if (seen[s]) continue;
    seen[s] = true;
    for (const sim::Input& input : topology.inputs[static_cast<Index>(s)])
      if (input.weight > 0.0) stack.push_back(input.service);
    const auto& members = model.services[s].failover_members;
    stack.insert(stack.end(), members.begin(), members.end());
  }
  return seen;
}

// A source matters when it can change whether a scope is down: it takes down a service the
// scopes see, or one of its replicas (any impact takes a replica out), or degrades such a
// service while a journey's down_at is below 1. Degradations alone never reach a failing
// fraction of 1.
bool changes_a_scope(const CompiledModel& model, const sim::Topology& topology, Index s,
                     const std::vector<bool>& seen) {
  const FailureSourceSpec& source = model.sources[static_cast<std::size_t>(s)];
  const bool partial_down = std::any_of(
      topology.scope_down_at.begin(), topology.scope_down_at.end(), [](double d) { return d < 1; });
  const bool takes_down = topology.source_rules[static_cast<std::size_t>(s)].takes_down;
  const auto hits = [&](Index service) { return seen[static_cast<std::size_t>(service)]; };
  for (const TargetSet& targets : source.alternatives) {
    for (const Index r : targets.replicas)
      if (hits(model.replicas[static_cast<std::size_t>(r)].service)) return true;
    if ((takes_down || partial_down) &&
        std::any_of(targets.services.begin(), targets.services.end(), hits))
      return true;
  }
  return false;
}

// The sources that matter, then those that share a limited crew with them (they delay
// their incidents), until no more join.
std::vector<bool> sources_needed(const CompiledModel& model, const sim::Topology& topology,
                                 const std::vector<SourcePlan>& all) {
  const std::vector<bool> seen = services_seen_by_scopes(model, topology);
  std::vector<bool> needed(all.size()), crew_needed(model.crews.size(), false);
  for (std::size_t i = 0; i < all.size(); ++i)
    needed[i] = !never_fails(all[i]) && changes_a_scope(model, topology, all[i].source, seen);
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (never_fails(all[i])) continue;
      for (const Index crew : {all[i].work_crew, all[i].repair_crew}) {
        if (crew == no_index) continue;
        const auto c = static_cast<std::size_t>(crew);
        if (needed[i] && !crew_needed[c]) crew_needed[c] = grew = true;
        if (!needed[i] && crew_needed[c]) needed[i] = grew = true;
      }
    }
  }
  return needed;
}

GroupPlan group_plan(const CompiledModel& model, Index service, RateReader& read) {
  const ServiceSpec& spec = model.services[static_cast<std::size_t>(service)];
  const std::string owner = "failover group " + spec.name;
  GroupPlan plan;
  plan.service = service;
  plan.delay = read(spec.failover.delay, owner, "the failover delay");
  plan.success = spec.failover.success;
  plan.manual = spec.failover.manual.has_value();
  if (plan.manual) plan.manual_rate = read(*spec.failover.manual, owner, "the manual switch");
  plan.dormant = sim::dormant_factor(spec.failover);
  if (spec.failover_members.size() > 255 && read.reason.empty())
    read.reason = owner + ": more than 255 members";
  return plan;
}

}  // namespace

Plan make_plan(const CompiledModel& model, const sim::Topology& topology) {
  Plan plan;
  std::vector<SourcePlan> all;
  for (Index s = 0; s < static_cast<Index>(model.sources.size()); ++s)
    all.push_back(source_plan(model, s));
  RateReader read;
  plan.group_of_service.assign(model.services.size(), no_index);
  for (Index s = 0; s < static_cast<Index>(model.services.size()); ++s) {
    if (model.services[static_cast<std::size_t>(s)].failover_members.empty()) continue;
    plan.group_of_service[static_cast<std::size_t>(s)] = static_cast<Index>(plan.groups.size());
    plan.groups.push_back(group_plan(model, s, read));
  }
  for (const CrewSpec& crew : model.crews) plan.crew_sizes.push_back(crew.size);
  // Only the sources the chain keeps need to be Markovian.
  const std::vector<bool> needed = sources_needed(model, topology, all);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!needed[i]) continue;
    if (read.reason.empty()) read.reason = all[i].not_markov;
    plan.sources.push_back(all[i]);
  }
  plan.not_markov = read.reason;
  if (!plan.not_markov.empty()) plan.sources.clear(), plan.groups.clear();
  return plan;
}

}  // namespace reliasim::analytic::chain
