// Importance sampling by failure biasing (docs/rare-events.md). The failure clock of each
// source that can impair the biased scope runs faster by a factor that depends on whether an
// incident of such a source is open (the scope is "at risk": redundancy lost, a repair under
// way) or not. The time to failure itself is drawn as always; a life that ran at factors
// other than 1 multiplies the trial's weight by the ratio of the two densities of its
// failure time, f(plain age) / (bias x f(drawn life)), or, when the horizon comes first, of
// the two survival functions. The weight is then the likelihood ratio of the whole history,
// so weighted averages of any result are unbiased.
#include <algorithm>
#include <cmath>

#include "reliasim/random/density.hpp"
#include "trial.hpp"

namespace reliasim::sim {

void Trial::setup_biasing(const Biasing& biasing, bool trace) {
  bias_.active = (biasing.active() || trace) && biasing.scope < topology_.scopes.size();
  if (!bias_.active) return;
  bias_.biases = biasing.biases;
  bias_.scope = static_cast<Index>(biasing.scope);
  const auto scope = static_cast<Index>(biasing.scope);
  const std::size_t sources = model_.sources.size();
  bias_.affects.assign(sources, 0);
  for (std::size_t s = 0; s < sources; ++s) {
    const FailureSourceSpec& spec = model_.sources[s];
    const Index first = topology_.source_rules[s].first_target;
    for (std::size_t a = 0; a < spec.alternatives.size(); ++a)
      for (const Index k : topology_.target_scopes[first + static_cast<Index>(a)])
        if (k == scope) bias_.affects[s] = 1;
    // Failing deploys come as a Poisson process: exponential gaps.
    const double deploy_rate = spec.deploys_per_second * spec.per_deploy_probability;
    bias_.lives.push_back(!spec.per_deploy  ? spec.time_to_failure
                          : deploy_rate > 0 ? DistributionSpec::exponential_mean(1 / deploy_rate)
                                            : DistributionSpec::fixed_value(0.0));
    if (bias_.affects[s] && has_full_support(bias_.lives.back()))
      bias_.biased.push_back(static_cast<Index>(s));
  }
  bias_.is_biased.assign(sources, 0);
  for (const Index s : bias_.biased) bias_.is_biased[static_cast<std::size_t>(s)] = 1;
  bias_.active = !bias_.biased.empty();
}

// The unbiased cumulative hazard a biased life spent between two ages, to the risk class now in
// force: what the cross-entropy update of that class's bias weighs failures against.
void Trial::accrue_hazard(Index source, double from, double to) {
  if (to <= from) return;
  const DistributionSpec& life = bias_.lives[static_cast<std::size_t>(source)];
  bias_.trace.hazard[bias_level(bias_.open)] += log_survival(life, from) - log_survival(life, to);
}

double Trial::bias_of(Index source) const {
  const bool biased = std::binary_search(bias_.biased.begin(), bias_.biased.end(), source);
  return !biased || bias_.done ? 1.0 : bias_.biases[bias_level(bias_.open)];
}

// An incident of a source that can impair the scope opens (+1) or is repaired (-1): when the
// level of open incidents changes, every biased waiting clock changes pace.
void Trial::risk_changed(Index source, int delta) {
  if (!bias_.affects[static_cast<std::size_t>(source)]) return;
  const int was = bias_.open;
  bias_.trace.most_open = std::max(bias_.trace.most_open, was + delta);
  const std::size_t from = bias_level(was), to = bias_level(was + delta);
  if (from == to) {
    bias_.open += delta;
    return;
  }
  bias_.trace.entries[to] += 1.0;
  // The clocks are brought up to now at the level they ran in, then run at the new pace.
  for (const Index s : bias_.biased)
    if (at(sources_, s).occurrences % 2 == 0)
      set_clock(s, at(sources_, s).aging, bias_.done ? 1.0 : bias_.biases[to]);
  bias_.open += delta;
}

// The biased scope went down at this instant, and every event of the instant is done: if it is
// still down (not a switch of no time), its outage has begun.
void Trial::confirm_outage() {
  bias_.outage_began = false;
  if (at(outage_end_, bias_.scope) == no_outage_end) stop_biasing();
}

// The biased scope went down: its first outage is what the biasing was for. From now on the
// clocks run unbiased, so the rest of the trial adds nothing to the weight's variance (the
// change of measure may depend on the history so far: the weight stays the likelihood ratio).
void Trial::stop_biasing() {
  if (bias_.done) return;
  bias_.done = true;
  for (const Index s : bias_.biased)
    if (at(sources_, s).occurrences % 2 == 0) set_clock(s, at(sources_, s).aging, 1.0);
}

// The source fails now, at the end of its drawn life: the density of failing now without the
// bias, against with it.
void Trial::weigh_occurrence(Index source) {
  const SourceState& state = at(sources_, source);
  if (bias_.settled || !bias_.is_biased[static_cast<std::size_t>(source)]) return;
  const double plain = state.plain_age + (now_ - state.life_stamp) * state.aging;
  accrue_hazard(source, state.plain_age, plain);
  bias_.trace.failures[bias_level(bias_.open)] += 1.0;
  if (!state.biased_life) return;
  const DistributionSpec& life = bias_.lives[static_cast<std::size_t>(source)];
  bias_.log_weight +=
      log_density(life, plain) - log_density(life, state.life) - std::log(state.bias);
}

// At the horizon: each biased life still running contributes the chance of lasting this long
// without the bias, against with it.
void Trial::settle_weight() {
  if (!bias_.active || bias_.settled) return;
  bias_.settled = true;
  for (const Index s : bias_.biased) {
    const SourceState& state = at(sources_, s);
    if (state.occurrences % 2 == 1 || !std::isfinite(state.life)) continue;
    const double active = (now_ - state.life_stamp) * state.aging;
    const double plain = state.plain_age + active;
    const DistributionSpec& life = bias_.lives[static_cast<std::size_t>(s)];
    accrue_hazard(s, state.plain_age, plain);
    if (!state.biased_life) continue;
    const double biased = state.life - (state.life_left - active * state.bias);
    bias_.log_weight += log_survival(life, plain) - log_survival(life, biased);
  }
}

}  // namespace reliasim::sim
