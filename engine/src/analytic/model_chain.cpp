// The whole-model chain: its reachable states, breadth first from "everything up", and the
// long-run share of time each scope is up, from the stationary distribution.
#include "model_chain.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "reliasim/analytic/markov.hpp"

namespace reliasim::analytic::chain {
namespace {

// Results below this residual are exact to the digits the reports print.
constexpr double kMaxResidual = 1e-8;

// Whether each scope is down, from the services' failing fractions (Trial::update_journeys).
std::vector<char> scopes_down(const Context& context, const std::vector<double>& errors) {
  std::vector<char> down;
  for (std::size_t k = 0; k < context.topology.scopes.size(); ++k) {
    const ScopeInfo& scope = context.topology.scopes[k];
    double error = errors[static_cast<std::size_t>(scope.index)];
    if (scope.journey) {
      double ok = 1.0;
      for (const Index s : context.model.journeys[static_cast<std::size_t>(scope.index)].services)
        ok *= 1.0 - errors[static_cast<std::size_t>(s)];
      error = ok <= 0.0 ? 1.0 : 1.0 - ok;
    }
    down.push_back(error >= context.topology.scope_down_at[k] ? 1 : 0);
  }
  return down;
}

Chain build(const Context& context, int max_states) {
  Chain chain;
  chain.scopes = static_cast<int>(context.topology.scopes.size());
  std::vector<State> states{initial_state(context)};
  std::unordered_map<std::string, int> index{{states.front().key(), 0}};
  for (std::size_t from = 0; from < states.size(); ++from) {
    const State state = states[from];  // a copy: `states` grows below
    const std::vector<double> errors = service_errors(context, state);
    const std::vector<char> down = scopes_down(context, errors);
    chain.down.insert(chain.down.end(), down.begin(), down.end());
    for (const Rated& rated : actions(context, state)) {
      for (Outcome& outcome : apply(context, state, errors, rated.action)) {
        auto [it, added] = index.try_emplace(outcome.state.key(), static_cast<int>(states.size()));
        if (added && static_cast<int>(states.size()) >= max_states) return {};
        if (added) states.push_back(std::move(outcome.state));
        if (it->second != static_cast<int>(from))
          chain.transitions.push_back(
              {static_cast<int>(from), it->second, rated.rate * outcome.probability});
      }
    }
  }
  chain.states = static_cast<int>(states.size());
  return chain;
}

// A source that can always fail (it is not a sleeping standby) and whose incidents take time
// (every path ends with the repair) is up or not independently of the others: the chain has
// at least 2^m states for m such sources, no need to search to know it is too large.
bool surely_more_than(const Context& context, int max_states) {
  int free = 0;
  for (const SourcePlan& source : context.plan.sources) {
    const sim::StandbyLink& link =
        context.topology.standby[static_cast<std::size_t>(source.source)];
    const bool may_sleep =
        link.group != no_index &&
        context.plan
                .groups[static_cast<std::size_t>(
                    context.plan.group_of_service[static_cast<std::size_t>(link.group)])]
                .dormant == 0.0;
    if (source.failure_rate > 0.0 && source.repair > 0.0 && !may_sleep) ++free;
  }
  return free >= 31 || (1LL << free) > max_states;
}

// max_j |(pi Q)_j| / max_j pi_j q_j: how far pi is from balancing every state's flows.
double balance_residual(const std::vector<double>& pi, const std::vector<Transition>& transitions) {
  std::vector<double> net(pi.size(), 0.0), out(pi.size(), 0.0);
  for (const Transition& t : transitions) {
    const double flow = pi[static_cast<std::size_t>(t.from)] * t.rate;
    net[static_cast<std::size_t>(t.to)] += flow;
    net[static_cast<std::size_t>(t.from)] -= flow;
    out[static_cast<std::size_t>(t.from)] += flow;
  }
  double largest = 0.0, worst = 0.0;
  for (std::size_t j = 0; j < pi.size(); ++j) {
    largest = std::max(largest, out[j]);
    worst = std::max(worst, std::abs(net[j]));
  }
  return largest > 0.0 ? worst / largest : 0.0;
}

}  // namespace

Chain build_chain(const CompiledModel& model, int max_states) {
  const sim::Topology topology = sim::build_topology(model);
  const Plan plan = make_plan(model, topology);
  Chain chain;
  if (!plan.not_markov.empty()) {
    chain.not_built = "the model is not Markovian: " + plan.not_markov;
    return chain;
  }
  const Context context{model, topology, plan};
  const std::string too_large = "its Markov chain has more than " + std::to_string(max_states) +
                                " states (each source's incident stage, each crew's queue in "
                                "order, each failover group's state)";
  if (surely_more_than(context, max_states)) {
    chain.not_built = too_large;
    return chain;
  }
  try {
    chain = build(context, max_states);
  } catch (const std::exception& error) {
    chain = {};
    chain.not_built = std::string("its Markov chain could not be built: ") + error.what();
  }
  if (chain.not_built.empty() && chain.states == 0) chain.not_built = too_large;
  return chain;
}

Solution solve_model(const CompiledModel& model, int max_states) {
  Solution solution;
  const Chain chain = build_chain(model, max_states);
  if (!chain.not_built.empty()) {
    solution.not_solved = chain.not_built;
    return solution;
  }
  std::vector<double> pi;
  try {
    pi = stationary_distribution_iterative(chain.states, chain.transitions);
  } catch (const std::exception& error) {
    solution.not_solved = std::string("its Markov chain could not be solved: ") + error.what();
    return solution;
  }
  solution.states = chain.states;
  solution.residual = balance_residual(pi, chain.transitions);
  if (!(solution.residual <= kMaxResidual)) {
    solution.not_solved = "the solution of its Markov chain is not accurate (residual " +
                          std::to_string(solution.residual) + ")";
    return solution;
  }
  const auto scopes = static_cast<std::size_t>(chain.scopes);
  std::vector<double> unavailable(scopes, 0.0);
  for (std::size_t s = 0; s < pi.size(); ++s)
    for (std::size_t k = 0; k < scopes; ++k)
      if (chain.down[s * scopes + k]) unavailable[k] += pi[s];
  for (const double u : unavailable) solution.scope_availability.push_back(1.0 - u);
  return solution;
}

}  // namespace reliasim::analytic::chain
