// Importance sampling by failure biasing (docs/rare-events.md). Each source that can impair
// the biased scope has its hazard rate multiplied by a bias that depends on how many incidents
// of such sources are open (BiasState::open), until the scope's first outage. A biased life is
// kept in cumulative hazard: the life drawn as always is the hazard H(x) it may consume, and
// at bias b it consumes b times the hazard its age accrues. A trial's likelihood ratio is then,
// over every biased life, the product of 1 / b at each failure and exp((b - 1) dH) over each
// stretch of age dH ran at b: the ratio of the two point processes' densities. The bias at any
// moment depends only on the trial so far, so weighted averages of any result are unbiased.
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
  const std::size_t sources = model_.sources.size();
  bias_.affects.assign(sources, 0);
  for (std::size_t s = 0; s < sources; ++s) {
    const FailureSourceSpec& spec = model_.sources[s];
    const Index first = topology_.source_rules[s].first_target;
    for (std::size_t a = 0; a < spec.alternatives.size(); ++a)
      for (const Index k : topology_.target_scopes[first + static_cast<Index>(a)])
        if (k == bias_.scope) bias_.affects[s] = 1;
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

double Trial::bias_of(Index source) const {
  const bool biased = bias_.is_biased[static_cast<std::size_t>(source)];
  return !biased || bias_.done ? 1.0 : bias_.biases[bias_level(bias_.open)];
}

// Brings a waiting biased life up to now: the hazard its age accrued at its bias goes to the
// weight, to the trace of the level in force (for the cross-entropy update) and off what it
// has left.
void Trial::age_biased_life(Index source) {
  SourceState& state = at(sources_, source);
  const double age = state.plain_age + (now_ - state.life_stamp) * state.aging;
  const DistributionSpec& life = bias_.lives[static_cast<std::size_t>(source)];
  const double accrued = cumulative_hazard(life, age) - cumulative_hazard(life, state.plain_age);
  if (accrued > 0.0 && !bias_.settled) {
    bias_.log_weight += (state.bias - 1.0) * accrued;
    // After the outage the trial runs unbiased: nothing there for the biases to learn.
    if (!bias_.done) bias_.trace.hazard[bias_level(bias_.open)] += accrued;
  }
  state.hazard_left -= state.bias * accrued;
  state.plain_age = age;
  state.life_stamp = now_;
}

// Its occurrence: at the age where the hazard left, consumed at its bias, runs out.
void Trial::schedule_biased(Index source) {
  SourceState& state = at(sources_, source);
  const std::uint32_t version = ++state.version;
  if (!(state.aging > 0.0)) return;
  const DistributionSpec& life = bias_.lives[static_cast<std::size_t>(source)];
  const double target =
      cumulative_hazard(life, state.plain_age) + std::max(0.0, state.hazard_left) / state.bias;
  const double age = inverse_cumulative_hazard(life, target);
  const double fire = state.life_stamp + std::max(0.0, age - state.plain_age) / state.aging;
  if (fire < model_.horizon) queue_.push(fire, EventKind::occurrence, source, version);
}

void Trial::start_biased_life(Index source, double life) {
  SourceState& state = at(sources_, source);
  state.plain_age = 0.0;
  state.hazard_left = cumulative_hazard(bias_.lives[static_cast<std::size_t>(source)], life);
  state.bias = bias_of(source);
  schedule_biased(source);
}

// A biased source's aging (standby) or bias changes: its life so far is brought up to now at
// the old pace, the rest runs at the new one.
void Trial::set_biased_clock(Index source, double aging, double bias) {
  SourceState& state = at(sources_, source);
  const bool waiting = state.occurrences % 2 == 0;  // not in an incident: its clock runs
  if (waiting) age_biased_life(source);
  state.aging = aging, state.bias = bias;
  if (waiting) schedule_biased(source);
}

// An incident of a source that can impair the scope opens (+1) or is repaired (-1): when the
// level of open incidents changes, every biased waiting clock changes pace.
void Trial::risk_changed(Index source, int delta) {
  if (!bias_.affects[static_cast<std::size_t>(source)]) return;
  const int was = bias_.open;
  bias_.trace.most_open = std::max(bias_.trace.most_open, was + delta);
  const std::size_t from = bias_level(was), to = bias_level(was + delta);
  if (from == to || bias_.done) {
    bias_.open += delta;
    return;
  }
  bias_.trace.entries[to] += 1.0;
  // The clocks are brought up to now at the level they ran in, then run at the new pace.
  for (const Index s : bias_.biased)
    if (at(sources_, s).occurrences % 2 == 0)
      set_biased_clock(s, at(sources_, s).aging, bias_.biases[to]);
  bias_.open += delta;
}

// The biased scope went down at this instant, and every event of the instant is done: if it is
// still down (not a switch of no time), its outage has begun.
void Trial::confirm_outage() {
  bias_.outage_began = false;
  if (at(outage_end_, bias_.scope) == no_outage_end) stop_biasing();
}

// The biased scope went down: its first outage is what the biasing was for. From now on the
// clocks run unbiased, so the rest of the trial adds nothing to the weight's variance.
void Trial::stop_biasing() {
  if (bias_.done) return;
  bias_.done = true;
  for (const Index s : bias_.biased)
    if (at(sources_, s).occurrences % 2 == 0) set_biased_clock(s, at(sources_, s).aging, 1.0);
}

// The source fails now, where its hazard ran out: 1 / bias to the weight.
void Trial::weigh_occurrence(Index source) {
  if (bias_.settled || !bias_.is_biased[static_cast<std::size_t>(source)]) return;
  age_biased_life(source);
  bias_.log_weight -= std::log(at(sources_, source).bias);
  if (!bias_.done) bias_.trace.failures[bias_level(bias_.open)] += 1.0;
}

// At the horizon: every biased life still running adds the hazard it accrued so far.
void Trial::settle_weight() {
  if (!bias_.active || bias_.settled) return;
  for (const Index s : bias_.biased)
    if (at(sources_, s).occurrences % 2 == 0) age_biased_life(s);
  bias_.settled = true;
}

}  // namespace reliasim::sim
