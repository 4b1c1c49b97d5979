#include "reliasim/analytic/markov_models.hpp"

#include <algorithm>
#include <string>

#include "checks.hpp"

namespace reliasim::analytic {
namespace {

void require_crews(int crews, int max) {
  if (crews < 1 || crews > max) {
    detail::fail("crews", std::to_string(crews), "in [1, " + std::to_string(max) + "]");
  }
}

double dormant_factor(const FailoverPairSpec& spec) {
  switch (spec.standby) {
    case StandbyMode::hot: return 1.0;
    case StandbyMode::cold: return 0.0;
    case StandbyMode::warm: break;
  }
  detail::require_probability(spec.warm_factor, "warm_factor");
  return spec.warm_factor;
}

}  // namespace

// State j = number of failed units, j = 0..n; up while n - j >= k.
//   j -> j+1 at (n - j) lambda   (every working unit can fail)
//   j -> j-1 at min(j, c) mu     (busy crews: one per failed unit, at most c)
MarkovChain k_of_n_with_crews(int k, int n, double failure_rate, double repair_rate, int crews) {
  detail::require_k_of_n(k, n);
  detail::require_non_negative(failure_rate, "failure_rate");
  detail::require_non_negative(repair_rate, "repair_rate");
  if (crews < 1) detail::fail("crews", std::to_string(crews), ">= 1");
  MarkovChain chain;
  for (int failed = 0; failed <= n; ++failed) {
    chain.up.push_back(n - failed >= k);
    chain.labels.push_back(std::to_string(failed) + " failed");
    if (failed < n) chain.transitions.push_back({failed, failed + 1, (n - failed) * failure_rate});
    if (failed > 0) {
      chain.transitions.push_back({failed, failed - 1, std::min(failed, crews) * repair_rate});
    }
  }
  return chain;
}

// With lambda the failure rate, f the standby's dormant factor (hot 1, warm, cold 0),
// p the switchover success probability and mu the repair rate:
//   0 both good: one in service, one on standby (up)
//       -> 1 at p lambda + f lambda   (failover works, or the standby fails and is repaired)
//       -> 2 at (1 - p) lambda        (the in-service unit fails and the switchover fails)
//   1 one in service, one in repair (up)      -> 0 at mu, -> 3 at lambda
//   2 switchover failed: one in repair, the standby idle (down)
//       -> 0 at mu (the repaired unit goes back in service), -> 3 at f lambda
//   3 both failed (down)                      -> 1 at min(2, crews) mu (no switchover needed)
MarkovChain failover_pair(const FailoverPairSpec& spec) {
  const double lambda = spec.failure_rate;
  const double mu = spec.repair_rate;
  const double p = spec.switchover_success;
  detail::require_non_negative(lambda, "failure_rate");
  detail::require_non_negative(mu, "repair_rate");
  detail::require_probability(p, "switchover_success");
  require_crews(spec.crews, 2);
  const double f = dormant_factor(spec);
  MarkovChain chain;
  chain.up = {true, true, false, false};
  chain.labels = {"both good", "one in repair", "switchover failed", "both failed"};
  chain.transitions = {
      {0, 1, (p + f) * lambda},
      {0, 2, (1.0 - p) * lambda},
      {1, 0, mu},
      {1, 3, lambda},
      {2, 0, mu},
      {2, 3, f * lambda},
      {3, 1, std::min(2, spec.crews) * mu},
  };
  return chain;
}

// With lambda_1, lambda_2 independent rates, lambda_c the shock rate, mu_1, mu_2 repairs:
//   0 both up     -> 1 at lambda_1, -> 2 at lambda_2, -> both down at lambda_c
//   1 unit 1 down -> 0 at mu_1, -> both down at lambda_2 + lambda_c
//   2 unit 2 down -> 0 at mu_2, -> both down at lambda_1 + lambda_c
// Two crews: 3 both down -> 2 at mu_1, -> 1 at mu_2.
// One crew, first failed first repaired (a shock from 0 queues unit 1 first):
//   3 both down, repairing 1 (entered from 0 and 1) -> 2 at mu_1
//   4 both down, repairing 2 (entered from 2)       -> 1 at mu_2
MarkovChain common_cause_pair(const CommonCausePairSpec& spec) {
  detail::require_non_negative(spec.failure_rate_1, "failure_rate_1");
  detail::require_non_negative(spec.failure_rate_2, "failure_rate_2");
  detail::require_non_negative(spec.common_cause_rate, "common_cause_rate");
  detail::require_non_negative(spec.repair_rate_1, "repair_rate_1");
  detail::require_non_negative(spec.repair_rate_2, "repair_rate_2");
  require_crews(spec.crews, 2);
  if (spec.required_up < 1 || spec.required_up > 2) {
    detail::fail("required_up", std::to_string(spec.required_up), "1 or 2");
  }
  const double l1 = spec.failure_rate_1;
  const double l2 = spec.failure_rate_2;
  const double lc = spec.common_cause_rate;
  const bool one_crew = spec.crews == 1;
  const int both_from_2 = one_crew ? 4 : 3;
  MarkovChain chain;
  chain.labels = {"both up", "unit 1 down", "unit 2 down"};
  chain.transitions = {
      {0, 1, l1},
      {0, 2, l2},
      {0, 3, lc},
      {1, 0, spec.repair_rate_1},
      {1, 3, l2 + lc},
      {2, 0, spec.repair_rate_2},
      {2, both_from_2, l1 + lc},
      {3, 2, spec.repair_rate_1},
      {both_from_2, 1, spec.repair_rate_2},
  };
  if (one_crew) {
    chain.labels.insert(chain.labels.end(), {"both down, repairing 1", "both down, repairing 2"});
  } else {
    chain.labels.emplace_back("both down");
  }
  const bool parallel = spec.required_up == 1;
  chain.up = {true, parallel, parallel, false};
  if (one_crew) chain.up.push_back(false);
  return chain;
}

}  // namespace reliasim::analytic
