// Impairments, their propagation through the dependency graph, and failover groups.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "reliasim/random/sample.hpp"
#include "trial.hpp"

namespace reliasim::sim {

// mark, service_error and update_journeys run on every step of propagate, the hottest loop:
// they are forced inline, past GCC's size limits.

void Trial::impair(Index source, Index target, int delta) {
  // A replica is either serving or not: any impact on one takes it out.
  for (const Index r : topology_.target_replicas[target]) {
    int& count = at(replica_impaired_, r);
    const bool was_up = count == 0;
    count += delta;
    if (was_up != (count == 0)) {
      const Index service = at(topology_.replica_service, r);
      int& up = at(services_, service).replicas_up;
      const int before = up;
      up += was_up ? -1 : +1;
      // Only crossing min_healthy changes the service; k-of-n absorbs the rest.
      const Index min_healthy = at(topology_.rules, service).min_healthy;
      if ((before < min_healthy) != (up < min_healthy)) mark(service);
    }
  }
  const SourceRule& rule = at(topology_.source_rules, source);
  impair_services(topology_.target_services[target], rule.takes_down, rule.log_ok, delta);
}

void Trial::impair_services(std::span<const Index> services, bool down, double log_ok, int delta) {
  for (const Index s : services) {
    ServiceState& state = at(services_, s);
    if (down) {
      state.down += delta;
    } else {
      state.degrading += delta;
      // Reset when the last one ends, so rounding never leaves a phantom degradation.
      state.log_ok = state.degrading == 0 ? 0.0 : state.log_ok + delta * log_ok;
      state.ok = state.degrading == 0 ? 1.0 : std::exp(state.log_ok);
    }
    mark(s);
  }
}

// Dirty services are bits at their rank in dependencies-first order; the lowest set bit is
// always the next to recompute, so a scan upwards visits each service after its inputs.
[[gnu::always_inline]] inline void Trial::mark(Index service) {
  mark_rank(at(topology_.rank, service));
}

[[gnu::always_inline]] inline void Trial::mark_rank(Index service_rank) {
  const auto rank = static_cast<std::size_t>(service_rank);
  const std::size_t word = rank / 64;
  dirty_bits_[word] |= std::uint64_t{1} << (rank % 64);
  dirty_low_ = std::min(dirty_low_, word);
  dirty_high_ = std::max(dirty_high_, word);
}

void Trial::propagate() {
  while (dirty_low_ <= dirty_high_) {
    std::uint64_t& bits = dirty_bits_[dirty_low_];
    if (bits == 0) {
      ++dirty_low_;
      continue;
    }
    const auto rank = dirty_low_ * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    bits &= bits - 1;
    const Index service = service_at_rank_[rank];
    const double old_error = at(error_, service);
    const double new_error = service_error(service);
    if (new_error == old_error) continue;
    service_changed(service, old_error);
    at(error_, service) = new_error;
    const bool down_changed = (old_error >= 1.0) != (new_error >= 1.0);
    for (const Dependent& dependent : topology_.dependents[service]) {
      if (down_changed && dependent.member)
        member_changed(dependent.service, service, new_error >= 1.0);
      mark_rank(dependent.rank);
    }
    update_journeys(service);
  }
  dirty_low_ = no_dirty, dirty_high_ = 0;
}

[[gnu::always_inline]] inline double Trial::service_error(Index service) const {
  const ServiceState& state = at(services_, service);
  if (state.down > 0) return 1.0;
  const ServiceRule rule = at(topology_.rules, service);
  double ok = state.ok;
  if (rule.group) {
    if (state.mode != GroupMode::up) return 1.0;
    const auto& members = model_.services[static_cast<std::size_t>(service)].failover_members;
    ok *= 1.0 - at(error_, members[static_cast<std::size_t>(state.active_member)]);
  } else if (state.replicas_up < rule.min_healthy) {
    return 1.0;
  }
  const std::span<const Input> inputs = topology_.inputs[service];
  for (std::size_t i = 0; i < inputs.size(); i += input_block)
    for (std::size_t k = i; k < i + input_block; ++k)
      ok *= 1.0 - inputs[k].weight * at(error_, inputs[k].service);
  return ok <= 0.0 ? 1.0 : 1.0 - ok;
}

[[gnu::always_inline]] inline void Trial::update_journeys(Index service) {
  const Index own_scope = at(topology_.scope_of_service, service);
  if (own_scope != no_index) scope_changed(own_scope, at(error_, service));
  for (const Index j : topology_.journeys_of[service]) {
    double ok = 1.0;
    for (const Index s : topology_.journey_services[j]) ok *= 1.0 - at(error_, s);
    const double error = ok <= 0.0 ? 1.0 : 1.0 - ok;
    if (error == at(journey_error_, j)) continue;
    at(journey_error_, j) = error;
    scope_changed(at(topology_.scope_of_journey, j), error);
  }
}

// The group's view of one member going down or coming back (docs/simulation.md).
void Trial::member_changed(Index group, Index service, bool down) {
  const auto& members = model_.services[static_cast<std::size_t>(group)].failover_members;
  const auto position =
      static_cast<Index>(std::find(members.begin(), members.end(), service) - members.begin());
  GroupMode& mode = at(services_, group).mode;
  const bool all_down = std::all_of(members.begin(), members.end(), [&](Index m) {
    return m == service ? down : at(error_, m) >= 1.0;
  });
  if (down) {
    if (position == at(services_, group).active_member && mode == GroupMode::up) {
      start_failover(group);
    } else if (mode != GroupMode::up && all_down) {
      mode = GroupMode::all_down;
      ++at(failover_version_, group);
    }
  } else if (mode == GroupMode::all_down) {
    activate(group, position);  // the first member back takes over: nothing to switch from
    mode = GroupMode::up;
  } else if (position == at(services_, group).active_member && mode != GroupMode::up) {
    mode = GroupMode::up;  // the active member recovered before the switch completed
    ++at(failover_version_, group);
  }
  mark(group);
}

void Trial::start_failover(Index group) {
  const ServiceSpec& spec = model_.services[static_cast<std::size_t>(group)];
  const Index active = at(services_, group).active_member;
  bool standby_up = false;
  for (std::size_t m = 0; m < spec.failover_members.size(); ++m)
    if (static_cast<Index>(m) != active && at(error_, spec.failover_members[m]) < 1.0)
      standby_up = true;
  if (!standby_up) {
    at(services_, group).mode = GroupMode::all_down;
    return;
  }
  RandomStream rng(seed_, trial_, at(failover_key_, group), at(failover_attempts_, group)++);
  const double delay = sample(spec.failover.delay, rng);
  at(failover_succeeds_, group) = uniform01(rng) < spec.failover.success;
  at(failover_manual_, group) = spec.failover.manual ? sample(*spec.failover.manual, rng)
                                                     : std::numeric_limits<double>::infinity();
  at(failover_manual_phase_, group) = 0;
  at(services_, group).mode = GroupMode::switching;
  queue_.push(now_ + delay, EventKind::failover_done, group, ++at(failover_version_, group));
}

void Trial::failover_done(Index group) {
  const ServiceSpec& spec = model_.services[static_cast<std::size_t>(group)];
  const Index active = at(services_, group).active_member;
  Index target = no_index;
  for (std::size_t m = 0; m < spec.failover_members.size() && target == no_index; ++m)
    if (static_cast<Index>(m) != active && at(error_, spec.failover_members[m]) < 1.0)
      target = static_cast<Index>(m);
  GroupMode& mode = at(services_, group).mode;
  if (target == no_index) {
    mode = GroupMode::all_down;
  } else if (at(failover_succeeds_, group) || at(failover_manual_phase_, group)) {
    activate(group, target);
    mode = GroupMode::up;
  } else if (spec.failover.manual) {
    // A failed automatic switch falls back to the manual one.
    at(failover_manual_phase_, group) = 1;
    queue_.push(now_ + at(failover_manual_, group), EventKind::failover_done, group,
                ++at(failover_version_, group));
  } else {
    mode = GroupMode::stuck;  // until the active member recovers
  }
  mark(group);
}

void Trial::activate(Index group, Index member) {
  Index& active = at(services_, group).active_member;
  if (active == member) return;
  const ServiceSpec& spec = model_.services[static_cast<std::size_t>(group)];
  const double dormant = dormant_factor(spec.failover);
  for (const Index s :
       at(topology_.member_sources, spec.failover_members[static_cast<std::size_t>(active)]))
    set_aging(s, dormant);
  active = member;
  for (const Index s :
       at(topology_.member_sources, spec.failover_members[static_cast<std::size_t>(member)]))
    set_aging(s, 1.0);
}

}  // namespace reliasim::sim
