// The moves of the whole-model chain: occurrences, incident stages with crews and their FIFO
// queues, propagation of failures through the graph and failover groups. Each follows the
// simulator's rule of the same name (engine/src/simulate/trial*.cpp), with every random
// duration replaced by its rate; zero-length steps are done at once, in the order the
// simulator's event queue would take them.
#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>

#include "model_chain.hpp"

namespace reliasim::analytic::chain {
namespace {

auto at(Index i) {
  return static_cast<std::size_t>(i);
}

bool impairing(Stage stage) {
  return stage != Stage::up && stage != Stage::queued_repair && stage != Stage::repairing;
}

// The limited crew a stage holds a member of, or no_index.
Index held_crew(const SourcePlan& plan, Stage stage) {
  if (stage == Stage::engaging || stage == Stage::mitigating || stage == Stage::resolving)
    return plan.work_crew;
  return stage == Stage::repairing ? plan.repair_crew : no_index;
}

// How fast a stage ends (`immediate`: at once; 0: never).
double stage_rate(const SourcePlan& plan, const State& state, Index i) {
  switch (state.stage[at(i)]) {
    case Stage::detecting: return plan.detection[state.detect[at(i)]].rate;
    case Stage::engaging: return plan.engage;
    case Stage::mitigating:
    case Stage::waiting: return plan.mitigate;
    case Stage::resolving:
    case Stage::repairing:
    case Stage::healing: return plan.repair;
    default: return 0.0;
  }
}

// A state on its way to being settled: the services' failing fractions as the simulator
// holds them, and the steps due at this same instant.
struct World {
  State state;
  std::vector<double> error;
  std::deque<Action> due;
  double probability = 1.0;
};

// How many incidents in progress take each service down, degrade it, or hit each replica.
struct Impairments {
  std::vector<int> down;          // [service]: impacts that take it down
  std::vector<int> degrading;     // [service]
  std::vector<double> log_ok;     // [service]
  std::vector<int> replicas_out;  // [replica]
};

// What the incidents in progress do to services and replicas (Trial::impair).
Impairments impairments(const Context& context, const State& state) {
  Impairments hurt{std::vector<int>(context.model.services.size()),
                   std::vector<int>(context.model.services.size()),
                   std::vector<double>(context.model.services.size()),
                   std::vector<int>(context.model.replicas.size())};
  for (Index i = 0; i < static_cast<Index>(context.plan.sources.size()); ++i) {
    if (!impairing(state.stage[at(i)])) continue;
    const Index source = context.plan.sources[at(i)].source;
    const sim::SourceRule& rule = context.topology.source_rules[at(source)];
    const Index target = rule.first_target + state.hit[at(i)];
    for (const Index r : context.topology.target_replicas[target]) ++hurt.replicas_out[at(r)];
    for (const Index s : context.topology.target_services[target]) {
      if (rule.takes_down) {
        ++hurt.down[at(s)];
      } else {
        ++hurt.degrading[at(s)];
        hurt.log_ok[at(s)] += rule.log_ok;
      }
    }
  }
  return hurt;
}

// A service's failing fraction from its impairments and its inputs' (Trial::service_error).
double service_error(const Context& context, const State& state, const std::vector<double>& error,
                     const Impairments& hurt, Index s) {
  if (hurt.down[at(s)] > 0) return 1.0;
  const ServiceSpec& spec = context.model.services[at(s)];
  double ok = hurt.degrading[at(s)] == 0 ? 1.0 : std::exp(hurt.log_ok[at(s)]);
  const Index g = context.plan.group_of_service[at(s)];
  if (g != no_index) {
    if (state.mode[at(g)] != GroupMode::up) return 1.0;
    ok *= 1.0 - error[at(spec.failover_members[state.active[at(g)]])];
  } else {
    int up = spec.replica_count;
    for (Index r = 0; r < spec.replica_count; ++r)
      up -= hurt.replicas_out[at(spec.first_replica + r)] > 0;
    if (up < context.topology.rules[at(s)].min_healthy) return 1.0;
  }
  for (const sim::Input& input : context.topology.inputs[s])
    ok *= 1.0 - input.weight * error[at(input.service)];
  return ok <= 0.0 ? 1.0 : 1.0 - ok;
}

class Mover {
 public:
  Mover(const Context& context, World& world) : c_(context), w_(world) {}

  void perform(const Action& action) {
    switch (action.kind) {
      case Action::Kind::occur: occur(action.who, action.choice, action.detection); break;
      case Action::Kind::stage_done: stage_done(action.who); break;
      case Action::Kind::switch_done: switch_done(action.who, action.choice == 1); break;
    }
    propagate();
  }

 private:
  const SourcePlan& plan(Index i) const { return c_.plan.sources[at(i)]; }
  Stage& stage(Index i) { return w_.state.stage[at(i)]; }

  void enter(Index i, Stage next) {
    stage(i) = next;
    const double rate = stage_rate(plan(i), w_.state, i);
    if (next == Stage::detecting && rate == 0.0) stage(i) = Stage::undetected;
    if (rate == immediate) w_.due.push_back({Action::Kind::stage_done, i});
  }

  int busy(Index crew) const {
    int count = 0;
    for (Index i = 0; i < static_cast<Index>(w_.state.stage.size()); ++i)
      count += held_crew(plan(i), w_.state.stage[at(i)]) == crew;
    return count;
  }

  void request(Index i, Index crew, Stage queued, Stage holding) {
    if (crew != no_index && busy(crew) >= c_.plan.crew_sizes[at(crew)]) {
      stage(i) = queued;
      w_.state.queues[at(crew)].push_back(i);
      return;
    }
    enter(i, holding);
  }

  // A member comes free: the first incident in the queue takes it.
  void release(Index crew) {
    if (crew == no_index || w_.state.queues[at(crew)].empty()) return;
    auto& queue = w_.state.queues[at(crew)];
    const Index next = queue.front();
    queue.erase(queue.begin());
    enter(next, stage(next) == Stage::queued_work ? Stage::engaging : Stage::repairing);
  }

  void occur(Index i, int alternative, int detection) {
    w_.state.hit[at(i)] = static_cast<std::uint8_t>(alternative);
    w_.state.detect[at(i)] = static_cast<std::uint8_t>(detection);
    enter(i, plan(i).self_heal     ? Stage::healing
             : plan(i).third_party ? Stage::waiting
                                   : Stage::detecting);
  }

  // T3: the impact ends; the repair asks for its crew.
  void end_impact_then_repair(Index i) {
    w_.state.hit[at(i)] = 0;
    request(i, plan(i).repair_crew, Stage::queued_repair, Stage::repairing);
  }

  void back_up(Index i, Index held) {
    stage(i) = Stage::up;
    w_.state.hit[at(i)] = 0;
    release(held);
  }

  void stage_done(Index i) {
    const SourcePlan& p = plan(i);
    const Stage was = stage(i);
    switch (was) {
      case Stage::detecting:
        w_.state.detect[at(i)] = 0;
        request(i, p.work_crew, Stage::queued_work, Stage::engaging);
        return;
      case Stage::engaging: enter(i, p.mitigation ? Stage::mitigating : Stage::resolving); return;
      case Stage::mitigating:
        stage(i) = Stage::queued_repair;  // holds nothing while the member is handed on
        release(p.work_crew);
        end_impact_then_repair(i);
        return;
      case Stage::waiting: end_impact_then_repair(i); return;
      case Stage::resolving:
      case Stage::repairing:
      case Stage::healing: back_up(i, held_crew(p, was)); return;
      default: throw std::logic_error("model chain: a stage without an end ended");
    }
  }

  // --- failover groups (Trial::member_changed, start_failover, failover_done) ---
  const std::vector<Index>& members(Index g) const {
    return c_.model.services[at(c_.plan.groups[at(g)].service)].failover_members;
  }

  Index first_standby_up(Index g) const {
    const auto& m = members(g);
    for (std::size_t k = 0; k < m.size(); ++k)
      if (static_cast<Index>(k) != w_.state.active[at(g)] && w_.error[at(m[k])] < 1.0)
        return static_cast<Index>(k);
    return no_index;
  }

  void start_failover(Index g) {
    GroupMode& mode = w_.state.mode[at(g)];
    if (first_standby_up(g) == no_index) {
      mode = GroupMode::all_down;
      return;
    }
    mode = GroupMode::switching;
    if (c_.plan.groups[at(g)].delay == immediate)
      w_.due.push_back({Action::Kind::switch_done, g, -1, 0, GroupMode::switching});
  }

  void switch_done(Index g, bool succeeds) {
    GroupMode& mode = w_.state.mode[at(g)];
    const GroupPlan& plan = c_.plan.groups[at(g)];
    const Index target = first_standby_up(g);
    if (target == no_index) {
      mode = GroupMode::all_down;
    } else if (succeeds || mode == GroupMode::manual) {
      w_.state.active[at(g)] = static_cast<std::uint8_t>(target);
      mode = GroupMode::up;
    } else if (plan.manual) {
      mode = GroupMode::manual;
      if (plan.manual_rate == immediate)
        w_.due.push_back({Action::Kind::switch_done, g, 1, 0, GroupMode::manual});
    } else {
      mode = GroupMode::stuck;
    }
  }

  void member_changed(Index g, Index service, bool down) {
    const auto& m = members(g);
    const auto position = static_cast<Index>(std::find(m.begin(), m.end(), service) - m.begin());
    GroupMode& mode = w_.state.mode[at(g)];
    const bool all_down = std::all_of(
        m.begin(), m.end(), [&](Index s) { return s == service ? down : w_.error[at(s)] >= 1.0; });
    const bool active = position == w_.state.active[at(g)];
    if (down) {
      if (active && mode == GroupMode::up)
        start_failover(g);
      else if (mode != GroupMode::up && all_down)
        mode = GroupMode::all_down;
    } else if (mode == GroupMode::all_down) {
      w_.state.active[at(g)] = static_cast<std::uint8_t>(position);
      mode = GroupMode::up;
    } else if (active && mode != GroupMode::up) {
      mode = GroupMode::up;
    }
  }

  // --- propagation (Trial::propagate, service_error) ---
  void propagate() {
    const Impairments hurt = impairments(c_, w_.state);
    for (const Index s : c_.model.dependencies_first) {
      const double old_error = w_.error[at(s)];
      const double new_error = service_error(c_, w_.state, w_.error, hurt, s);
      if (new_error == old_error) continue;
      w_.error[at(s)] = new_error;
      if ((old_error >= 1.0) == (new_error >= 1.0)) continue;
      for (Index g = 0; g < static_cast<Index>(c_.plan.groups.size()); ++g) {
        const auto& m = members(g);
        if (std::find(m.begin(), m.end(), s) != m.end()) member_changed(g, s, new_error >= 1.0);
      }
    }
  }

 private:
  const Context& c_;
  World& w_;
};

// The due steps, first set off first; a zero-delay switch whose success is still to be drawn
// splits the world in two.
std::vector<Outcome> settle(const Context& context, World start) {
  std::vector<World> open{std::move(start)};
  std::vector<Outcome> settled;
  int steps = 0;
  while (!open.empty()) {
    World world = std::move(open.back());
    open.pop_back();
    bool split = false;
    while (!world.due.empty() && !split) {
      if (++steps > 1'000'000) throw std::logic_error("model chain: zero-time steps never end");
      Action next = world.due.front();
      world.due.pop_front();
      if (next.kind == Action::Kind::switch_done && world.state.mode[at(next.who)] != next.ends)
        continue;  // the group left that mode: the switch lapsed
      if (next.kind == Action::Kind::switch_done && next.choice < 0) {
        const double p = context.plan.groups[at(next.who)].success;
        for (const int succeeds : {1, 0}) {
          World branch = world;
          branch.probability *= succeeds ? p : 1.0 - p;
          next.choice = succeeds;
          branch.due.push_front(next);
          if (branch.probability > 0.0) open.push_back(std::move(branch));
        }
        split = true;
        continue;
      }
      Mover(context, world).perform(next);
    }
    if (!split) settled.push_back({world.probability, std::move(world.state)});
  }
  return settled;
}

}  // namespace

State initial_state(const Context& context) {
  const std::size_t sources = context.plan.sources.size(), groups = context.plan.groups.size();
  return {std::vector<Stage>(sources, Stage::up),
          std::vector<std::uint8_t>(sources, 0),
          std::vector<std::uint8_t>(sources, 0),
          std::vector<std::uint8_t>(groups, 0),
          std::vector<GroupMode>(groups, GroupMode::up),
          std::vector<std::vector<Index>>(context.plan.crew_sizes.size())};
}

std::vector<double> service_errors(const Context& context, const State& state) {
  std::vector<double> error(context.model.services.size(), 0.0);
  const Impairments hurt = impairments(context, state);
  for (const Index s : context.model.dependencies_first)
    error[at(s)] = service_error(context, state, error, hurt, s);
  return error;
}

std::vector<Rated> actions(const Context& context, const State& state) {
  std::vector<Rated> out;
  const Plan& plan = context.plan;
  for (Index i = 0; i < static_cast<Index>(plan.sources.size()); ++i) {
    const SourcePlan& p = plan.sources[at(i)];
    if (state.stage[at(i)] != Stage::up) {
      const double rate = stage_rate(p, state, i);
      if (rate > 0.0) out.push_back({rate, {Action::Kind::stage_done, i}});
      continue;
    }
    double rate = p.failure_rate;
    const sim::StandbyLink& link = context.topology.standby[at(p.source)];
    if (link.group != no_index) {
      const Index g = plan.group_of_service[at(link.group)];
      if (state.active[at(g)] != link.member) rate *= plan.groups[at(g)].dormant;
    }
    const auto& alternatives = context.model.sources[at(p.source)].alternatives;
    const std::vector<DetectionClass> once{{1.0, 0.0}};
    const auto& classes = p.detection.empty() ? once : p.detection;
    for (std::size_t a = 0; a < alternatives.size(); ++a)
      for (std::size_t k = 0; k < classes.size(); ++k)
        out.push_back({rate * classes[k].probability / static_cast<double>(alternatives.size()),
                       {Action::Kind::occur, i, static_cast<int>(a), static_cast<int>(k)}});
  }
  for (Index g = 0; g < static_cast<Index>(plan.groups.size()); ++g) {
    const GroupPlan& p = plan.groups[at(g)];
    if (state.mode[at(g)] == GroupMode::switching) {
      out.push_back({p.delay * p.success, {Action::Kind::switch_done, g, 1}});
      out.push_back({p.delay * (1.0 - p.success), {Action::Kind::switch_done, g, 0}});
    } else if (state.mode[at(g)] == GroupMode::manual) {
      out.push_back({p.manual_rate, {Action::Kind::switch_done, g, 1}});
    }
  }
  std::erase_if(out, [](const Rated& r) { return !(r.rate > 0.0); });
  return out;
}

std::vector<Outcome> apply(const Context& context, const State& state,
                           const std::vector<double>& errors, const Action& action) {
  World world{state, errors, {}, 1.0};
  Mover(context, world).perform(action);
  return settle(context, std::move(world));
}

std::string State::key() const {
  std::string key;
  key.reserve(3 * stage.size() + 2 * active.size() + 16);
  for (std::size_t i = 0; i < stage.size(); ++i)
    key.append(
        {static_cast<char>(stage[i]), static_cast<char>(hit[i]), static_cast<char>(detect[i])});
  for (std::size_t g = 0; g < active.size(); ++g)
    key.append({static_cast<char>(active[g]), static_cast<char>(mode[g])});
  for (const auto& queue : queues) {
    const auto length = static_cast<Index>(queue.size());
    key.append(reinterpret_cast<const char*>(&length), sizeof length);
    for (const Index i : queue) key.append(reinterpret_cast<const char*>(&i), sizeof i);
  }
  return key;
}

}  // namespace reliasim::analytic::chain
