#pragma once
// Markov chains of the standard repairable-system models, to solve with solve(chain)
// from markov.hpp. All times are exponential; rates are per unit time. Each builder's
// source file lists its states and transitions.

#include "reliasim/analytic/markov.hpp"

namespace reliasim::analytic {

// n identical units, each failing at `failure_rate` whether or not the system is up,
// repaired one unit per crew at `repair_rate` by `crews` crews shared by all units (a unit
// waits when every crew is busy; crews >= n means no waiting). Up while >= k units are up.
// A birth-death chain on the number of failed units.
[[nodiscard]] MarkovChain k_of_n_with_crews(int k, int n, double failure_rate, double repair_rate,
                                            int crews);

enum class StandbyMode {
  hot,   // the standby fails at the full rate while waiting
  warm,  // the standby fails at warm_factor * failure_rate while waiting
  cold,  // the standby cannot fail while waiting
};

// A primary and a standby of the same kind, no switch back: after a failover the repaired
// unit becomes the new standby. Up while one unit is in service.
struct FailoverPairSpec {
  double failure_rate = 0.0;  // lambda of the unit in service
  double repair_rate = 0.0;   // mu of one crew on one failed unit
  StandbyMode standby = StandbyMode::hot;
  double warm_factor = 0.5;         // in [0, 1], used when standby is warm
  double switchover_success = 1.0;  // p: a failed switchover leaves the system down until a repair
  int crews = 1;                    // 1 or 2
};

[[nodiscard]] MarkovChain failover_pair(const FailoverPairSpec& spec);

// Two units with independent failure rates plus a common-cause shock that fails every
// unit still up. Repairs are independent (two crews) or by one crew in failure order.
struct CommonCausePairSpec {
  double failure_rate_1 = 0.0;
  double failure_rate_2 = 0.0;
  double common_cause_rate = 0.0;  // shock rate: takes out both units at once
  double repair_rate_1 = 0.0;
  double repair_rate_2 = 0.0;
  int crews = 2;        // 1 or 2
  int required_up = 1;  // 1: redundant pair (parallel), 2: both needed (series)
};

[[nodiscard]] MarkovChain common_cause_pair(const CommonCausePairSpec& spec);

}  // namespace reliasim::analytic
