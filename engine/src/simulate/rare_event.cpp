#include "reliasim/simulate/rare_event.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "reliasim/simulate/simulate.hpp"
#include "topology.hpp"

namespace reliasim {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double elite_share = 0.1;         // rho: the best tenth of a pilot steers the next
constexpr std::size_t enough_outages = 50;  // in a pilot, to steer by the outage itself
constexpr int max_stages = 12;
constexpr double smoothing = 0.7;  // of the new biases, geometrically, against the old
constexpr double largest_bias = 1e9;
constexpr double explore = 10.0;  // when no elite trial failed at a level: try faster
// With incidents open, a biased failure rate at most this share of the rate the level ends at
// (mostly by repair): above about 1 the weights' variance is infinite, since surviving a long
// repair at a high bias multiplies the weight by exp((b - 1) dH) (docs/rare-events.md).
constexpr double balance = 0.5;

// A pilot's trials, with the scope's outages and each trial's trace.
struct Pilot {
  std::vector<double> weights;
  std::vector<char> outage;
  std::vector<BiasTrace> traces;
  double events_per_trial = 0.0;
};

Pilot run_pilot(const CompiledModel& model, const RunConfig& run, std::size_t scope,
                const Biasing& biasing, std::uint64_t trials, int stage) {
  RunConfig config;
  // Far from any trial index a run uses: the pilots' random streams are their own.
  config.seed = run.seed ^ 0x9e3779b97f4a7c15ULL;
  config.first_trial = (std::uint64_t{1} << 62) + static_cast<std::uint64_t>(stage) * trials;
  config.trials = trials;
  config.threads = run.threads;
  config.keep_incidents = false;
  config.cancel = run.cancel;
  config.biasing = biasing;
  Pilot pilot;
  config.bias_traces = &pilot.traces;
  const RunResults r = simulate(model, config);
  const std::size_t scopes = r.scopes.size();
  pilot.weights.assign(r.weights.begin(), r.weights.end());
  for (std::size_t t = 0; t < trials; ++t)
    pilot.outage.push_back(r.scope_outages[t * scopes + scope] > 0 ? 1 : 0);
  pilot.events_per_trial = static_cast<double>(r.events) / static_cast<double>(trials);
  return pilot;
}

double outage_share(const Pilot& pilot) {
  double share = 0.0;
  for (const char o : pilot.outage) share += o;
  return share / static_cast<double>(pilot.outage.size());
}

// The most each level's bias may be: `balance` failures expected per visit to it, from the
// (weighted, so unbiased) visits and hazard of a pilot's trials. Nothing open has no ceiling.
std::array<double, bias_levels> ceilings(const Pilot& pilot) {
  std::array<double, bias_levels> visits{}, hazard{}, most{};
  for (std::size_t t = 0; t < pilot.traces.size(); ++t)
    for (std::size_t j = 1; j < bias_levels; ++j) {
      visits[j] += pilot.weights[t] * pilot.traces[t].entries[j];
      hazard[j] += pilot.weights[t] * pilot.traces[t].hazard[j];
    }
  most.fill(largest_bias);
  for (std::size_t j = 1; j < bias_levels; ++j)
    if (hazard[j] > 0.0) most[j] = std::clamp(balance * visits[j] / hazard[j], 1.0, largest_bias);
  return most;
}

// Balanced failure biasing's start (Shahabuddin 1994), kept below its ceiling: with incidents
// open, failures `balance` times as likely as the repair that ends the level; with nothing open,
// at least one failure expected per trial, so that short horizons see the risk at all. A level
// the plain pilot never reached takes the bias of the one below.
Biasing balanced_start(const Pilot& plain, std::size_t scope) {
  double hazard = 0.0;
  for (const BiasTrace& t : plain.traces) hazard += t.hazard[0];
  const auto trials = static_cast<double>(plain.traces.size());
  const std::array<double, bias_levels> most = ceilings(plain);
  Biasing b{.scope = scope};
  b.biases[0] = hazard > 0.0 ? std::clamp(trials / hazard, 1.0, largest_bias) : 1.0;
  for (std::size_t j = 1; j < bias_levels; ++j)
    b.biases[j] = most[j] < largest_bias ? most[j] : b.biases[j - 1];
  return b;
}

// A plain pilot whose trials accrued no biasable hazard at all has nothing to bias.
bool has_biased_source(const Pilot& plain) {
  for (const BiasTrace& t : plain.traces)
    for (const double h : t.hazard)
      if (h > 0.0) return true;
  return false;
}

double score(const Pilot& pilot, std::size_t t) {
  return pilot.outage[t] ? infinity : static_cast<double>(pilot.traces[t].most_open);
}

// The level the elite of a pilot reached: the outage itself once enough trials had one,
// otherwise the most incidents open at once that the best `elite_share` of the trials reached.
double elite_level(const Pilot& pilot) {
  std::vector<double> scores;
  for (std::size_t t = 0; t < pilot.outage.size(); ++t) scores.push_back(score(pilot, t));
  std::sort(scores.begin(), scores.end());
  const auto outages = static_cast<std::size_t>(
      scores.end() - std::lower_bound(scores.begin(), scores.end(), infinity));
  if (outages >= enough_outages) return infinity;
  const auto k = static_cast<std::size_t>(
      std::floor((1.0 - elite_share) * static_cast<double>(scores.size())));
  const double level = scores[std::min(k, scores.size() - 1)];
  // Ties at the bottom would make everyone elite: demand more than the bottom when some have it.
  if (level == scores.front() && scores.back() > level)
    return *std::upper_bound(scores.begin(), scores.end(), level);
  return level;
}

// The cross-entropy update: per level, the likelihood-ratio-weighted failures of the elite over
// their unbiased cumulative hazard (the maximum-likelihood factor on a hazard rate), at most the
// level's ceiling.
Biasing update(const Pilot& pilot, double level, const Biasing& old) {
  BiasTrace sum;
  for (std::size_t t = 0; t < pilot.outage.size(); ++t) {
    if (score(pilot, t) < level) continue;
    for (std::size_t j = 0; j < bias_levels; ++j) {
      sum.failures[j] += pilot.weights[t] * pilot.traces[t].failures[j];
      sum.hazard[j] += pilot.weights[t] * pilot.traces[t].hazard[j];
    }
  }
  Biasing next = old;
  const std::array<double, bias_levels> most = ceilings(pilot);
  for (std::size_t j = 0; j < bias_levels; ++j) {
    double target = old.biases[j];
    if (sum.hazard[j] > 0.0)
      target = sum.failures[j] > 0.0 ? sum.failures[j] / sum.hazard[j] : target * explore;
    target = std::clamp(target, 1.0, most[j]);
    next.biases[j] = std::pow(old.biases[j], 1.0 - smoothing) * std::pow(target, smoothing);
  }
  return next;
}

// No bias moved by more than 10 %.
bool settled(const Biasing& a, const Biasing& b) {
  for (std::size_t j = 0; j < bias_levels; ++j)
    if (std::abs(std::log(a.biases[j] / b.biases[j])) > std::log(1.1)) return false;
  return true;
}

// Per-trial relative variance of the outage probability's estimate, and the estimate.
std::pair<double, double> relative_variance(const Pilot& pilot) {
  double sum = 0.0, squares = 0.0;
  for (std::size_t t = 0; t < pilot.outage.size(); ++t)
    if (pilot.outage[t]) sum += pilot.weights[t], squares += pilot.weights[t] * pilot.weights[t];
  const auto n = static_cast<double>(pilot.outage.size());
  const double p = sum / n;
  return {p > 0.0 ? (squares / n - p * p) / (p * p) : infinity, p};
}

std::string describe(const std::vector<CrossEntropyStage>& stages, std::uint64_t trials) {
  std::ostringstream text;
  text << "balanced failure biasing refined by cross-entropy, " << stages.size() << " pilots of "
       << trials << " trials (biases with 0/1/2/3+ incidents open: share of trials with an "
       << "outage";
  for (const CrossEntropyStage& s : stages)
    text << "; " << s.biases[0] << "/" << s.biases[1] << "/" << s.biases[2] << "/" << s.biases[3]
         << ": " << s.outage_share;
  text << ")";
  return text.str();
}

}  // namespace

Biasing biasing_of(const std::vector<double>& biases) {
  Biasing b;
  for (std::size_t j = 0; j < bias_levels && !biases.empty(); ++j)
    b.biases[j] = biases[std::min(j, biases.size() - 1)];
  return b;
}

std::size_t rare_event_scope(const CompiledModel& model, const std::string& name) {
  const sim::Topology topology = sim::build_topology(model);
  if (topology.scopes.empty())
    throw std::invalid_argument("the scenario has no journey, nor a service an SLA or SLO names");
  if (name.empty()) return 0;
  std::string valid;
  for (std::size_t s = 0; s < topology.scopes.size(); ++s) {
    if (topology.scopes[s].name == name) return s;
    valid += (valid.empty() ? "" : ", ") + topology.scopes[s].name;
  }
  throw std::invalid_argument("no journey or SLA/SLO scope named '" + name + "'; valid: " + valid);
}

RareEventPlan plan_rare_event(const CompiledModel& model, const RareEventRequest& request,
                              const RunConfig& config) {
  RareEventPlan plan;
  if (request.mode == RareEventMode::off) return plan;
  if (request.given) {
    plan.biasing = *request.given;
    plan.biasing.scope = request.scope;
    plan.chosen_by = "given";
    return plan;
  }
  const std::uint64_t n = std::max<std::uint64_t>(request.pilot_trials, 100);
  const Pilot plain = run_pilot(model, config, request.scope, {.scope = request.scope}, n, 0);
  plan.stages.push_back({Biasing{}.biases, elite_level(plain), outage_share(plain)});
  // Plain Monte Carlo already sees the outages often: nothing to gain from biasing.
  if (plan.stages.back().outage_share >= elite_share) {
    plan.chosen_by = "a plain pilot: the outages are not rare, plain Monte Carlo";
    return plan;
  }
  // Each pilot's biases are updated from what its elite did, until the update at the outage
  // itself settles (no bias moves by more than 10 %). Below the outage, two pilots that get no
  // further stop it; once at the outage, a pilot that falls short of it again goes back to the
  // last biases that reached it. (The pilots' own variance estimates are not used to pick:
  // with heavy-tailed weights they are too optimistic exactly for the worst biases.)
  if (!has_biased_source(plain)) {
    plan.chosen_by =
        "no failure source that can impair the scope has a time to failure that can be biased "
        "(exponential, Weibull, lognormal, gamma or truncated normal): plain Monte Carlo";
    return plan;
  }
  Biasing biasing = balanced_start(plain, request.scope);
  std::optional<Biasing> at_outage;
  double furthest = -1.0;
  int stuck = 0;
  for (int stage = 1; stage < max_stages; ++stage) {
    const Pilot pilot = run_pilot(model, config, request.scope, biasing, n, stage);
    const double level = elite_level(pilot);
    plan.stages.push_back({biasing.biases, level, outage_share(pilot)});
    if (level != infinity) {
      if (at_outage) break;
      if (level > furthest) {
        furthest = level, stuck = 0;
      } else if (++stuck == 2) {
        break;
      }
      biasing = update(pilot, level, biasing);
      continue;
    }
    at_outage = biasing;
    const Biasing next = update(pilot, level, biasing);
    if (settled(biasing, next)) {
      at_outage = next;
      break;
    }
    biasing = next;
  }
  if (at_outage) biasing = *at_outage;
  plan.chosen_by = describe(plan.stages, n);
  // The chosen biases against plain Monte Carlo, per unit of work (events simulated).
  const Pilot check = run_pilot(model, config, request.scope, biasing, n, max_stages);
  const auto [biased_variance, p] = relative_variance(check);
  const double plain_variance = p > 0.0 ? (1.0 - p) / p : infinity;
  const double gain = plain_variance * std::max(plain.events_per_trial, 1.0) /
                      (biased_variance * std::max(check.events_per_trial, 1.0));
  std::ostringstream text;
  text << plan.chosen_by << "; work-normalised variance " << gain
       << (gain >= 1.0 ? "x smaller" : "x (larger)") << " than plain Monte Carlo in a check pilot";
  plan.chosen_by = text.str();
  if (request.mode == RareEventMode::automatic && !(gain > 1.0)) {
    plan.chosen_by += ": plain Monte Carlo";
    return plan;
  }
  plan.biasing = biasing;
  return plan;
}

}  // namespace reliasim
