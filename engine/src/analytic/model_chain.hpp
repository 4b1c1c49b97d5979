#pragma once
// The continuous-time Markov chain of a whole compiled model (private to the engine): what
// `estimate` solves when failure sources interact (shared crews with FIFO queues, failover
// groups with delays, switch failures and standby) and every duration is exponential or zero.
//
// A state holds each failure source's incident stage (with the alternative it hit and its
// detection class), each limited crew's queue in arrival order, and each failover group's
// active member and mode. Transitions replay the simulator's rules (docs/simulation.md);
// zero-length stages and switches are settled at once, in the simulator's order.

#include <cstdint>
#include <string>
#include <vector>

#include "../simulate/topology.hpp"
#include "reliasim/analytic/markov.hpp"
#include "reliasim/model/compiled_model.hpp"

namespace reliasim::analytic::chain {

// Rates are per second; `immediate` stands for a zero-length duration.
inline constexpr double immediate = -1.0;

enum class Stage : std::uint8_t {
  up,             // waiting for the next occurrence
  detecting,      // T0 -> T1, at the rate of its detection class
  undetected,     // nothing will ever detect it: impairs for ever
  queued_work,    // T1: waiting for a member of its work crew
  engaging,       // holding the work crew: -> T2
  mitigating,     // holding the work crew: T2 -> T3, then the repair follows
  resolving,      // holding the work crew, no mitigation: T2 -> T3 = T4
  queued_repair,  // after T3: waiting for a member of the repair crew
  repairing,      // holding the repair crew: -> T4
  healing,        // self-healing: T0 -> T3 = T4, no one involved
  waiting,        // waiting for a third party: T0 -> T3, then the repair follows
};

struct DetectionClass {
  double probability = 0.0;
  double rate = 0.0;  // `immediate`, or 0 for never
};

// One failure source as the chain sees it.
struct SourcePlan {
  Index source = 0;  // in the compiled model
  double failure_rate = 0.0;
  std::vector<DetectionClass> detection;  // a partition of the outcomes of the detector race
  double engage = immediate, mitigate = immediate, repair = immediate;
  bool mitigation = false;  // a mitigation that someone performs (not `wait`)
  bool self_heal = false;
  bool third_party = false;    // mitigate: wait
  Index work_crew = no_index;  // limited crew held from T1 to T3 (no_index: none needed)
  Index repair_crew = no_index;
  std::string not_markov;  // the first duration that is neither exponential nor zero
};

struct GroupPlan {
  Index service = 0;
  double delay = immediate;  // failover delay rate
  double success = 1.0;
  bool manual = false;
  double manual_rate = immediate;
  double dormant = 1.0;  // how fast a waiting member's sources age
};

struct Plan {
  std::vector<SourcePlan> sources;  // only those that can change a scope's state
  std::vector<GroupPlan> groups;
  std::vector<Index> group_of_service;  // [service]: position in `groups`, or no_index
  std::vector<Index> crew_sizes;        // [crew]: 0 unlimited
  std::string not_markov;               // why there is no chain (then the rest is empty)
};

// The chain's view of the model, or the first reason it is not Markovian.
[[nodiscard]] Plan make_plan(const CompiledModel& model, const sim::Topology& topology);

enum class GroupMode : std::uint8_t { up, switching, manual, stuck, all_down };

struct State {
  std::vector<Stage> stage;                // [plan source]
  std::vector<std::uint8_t> hit;           // [plan source]: alternative, while impairing
  std::vector<std::uint8_t> detect;        // [plan source]: detection class, while detecting
  std::vector<std::uint8_t> active;        // [plan group]: the active member
  std::vector<GroupMode> mode;             // [plan group]
  std::vector<std::vector<Index>> queues;  // [crew]: plan sources, first come first

  [[nodiscard]] std::string key() const;  // equal states, equal keys
};

// Something the chain does at a rate from a state (or at once, while settling).
struct Action {
  enum class Kind : std::uint8_t { occur, stage_done, switch_done } kind = Kind::stage_done;
  Index who = 0;      // plan source or plan group
  int choice = 0;     // occur: alternative; switch_done: 1 succeeds, 0 fails
  int detection = 0;  // occur: detection class
  // switch_done set off at once: the mode it ends (it lapses if the group left it), and
  // choice -1 while the switch's success is still to be drawn.
  GroupMode ends = GroupMode::switching;
};

struct Outcome {
  double probability = 1.0;
  State state;
};

struct Rated {
  double rate = 0.0;
  Action action;
};

// Everything the steps read: the model, its topology and the plan.
struct Context {
  const CompiledModel& model;
  const sim::Topology& topology;
  const Plan& plan;
};

[[nodiscard]] State initial_state(const Context& context);
// Each service's failing fraction in a settled state (1 = down).
[[nodiscard]] std::vector<double> service_errors(const Context& context, const State& state);
// The actions that leave `state`, each with its rate (splits of one event included).
[[nodiscard]] std::vector<Rated> actions(const Context& context, const State& state);
// The states an action leads to once everything it sets off at the same instant is done.
[[nodiscard]] std::vector<Outcome> apply(const Context& context, const State& state,
                                         const std::vector<double>& errors, const Action& action);

// The chain of the states reachable from "everything up" (state 0), and in which of them
// each scope is down.
struct Chain {
  std::vector<Transition> transitions;
  std::vector<char> down;  // [state * scopes + scope]
  int states = 0;
  int scopes = 0;         // journeys, then SLA / SLO services
  std::string not_built;  // why there is no chain (not Markovian, too large); empty if built
};

// Gives up (saying why) when the model is not Markovian or has more than `max_states` states.
[[nodiscard]] Chain build_chain(const CompiledModel& model, int max_states);

struct Solution {
  std::string not_solved;  // why there is no exact answer; empty when solved
  int states = 0;
  double residual = 0.0;                   // max |(pi Q)_j| relative to the largest flow pi_j q_j
  std::vector<double> scope_availability;  // [scope]: journeys, then SLA / SLO services
};

// Builds the chain of the states reachable from "everything up" and solves pi Q = 0. Gives
// up (saying why) when the model is not Markovian or has more than `max_states` states.
[[nodiscard]] Solution solve_model(const CompiledModel& model, int max_states);

}  // namespace reliasim::analytic::chain
