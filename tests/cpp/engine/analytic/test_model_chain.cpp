// `estimate` on models whose sources interact (shared crews with FIFO queues, failover),
// solved as the Markov chain of the whole model, against answers found independently: a
// birth-death closed form and chains written out by hand here, solved with the generic
// solver. (test_against_analytic.cpp checks it against the chains of markov_models.hpp.)
#include <catch2/catch.hpp>
#include <functional>
#include <map>

#include "../simulate/model_builder.hpp"
#include "reliasim/analytic/closed_forms.hpp"
#include "reliasim/analytic/markov.hpp"
#include "reliasim/analytic/model_estimate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

// A hand-written chain: states found breadth first from `start` through `moves`.
template <typename S>
analytic::MarkovChain explore(
    S start, const std::function<std::vector<std::pair<double, S>>(const S&)>& moves,
    const std::function<bool(const S&)>& up) {
  std::map<S, int> index{{start, 0}};
  std::vector<S> states{start};
  analytic::MarkovChain chain;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const S state = states[i];
    chain.up.push_back(up(state));
    for (const auto& [rate, next] : moves(state)) {
      const auto [it, added] = index.try_emplace(next, static_cast<int>(states.size()));
      if (added) states.push_back(next);
      chain.transitions.push_back({static_cast<int>(i), it->second, rate});
    }
  }
  return chain;
}

bool contains(const std::vector<int>& v, int x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Two replicas, `needed` of them for the journey, each failing every 20 h on average and
// repaired in 5 h by the one repairer (both exponential).
ModelBuilder two_machines(Index needed) {
  ModelBuilder b;
  const Index crew = b.crew("repairer", 1);
  const Index pair = b.service("pair", 2, needed);
  b.replica_sources(pair, 20 * hour, 5 * hour, crew);
  b.journey("use", {pair});
  return b;
}

// Clusters a and b of two units each, up while one unit is; the journey needs both. Units of
// a fail every 20 h and take 4 h to repair, units of b 50 h and 10 h; one repair unit.
constexpr double la = 1 / (20 * hour), ma = 1 / (4 * hour), lb = 1 / (50 * hour),
                 mb = 1 / (10 * hour);
ModelBuilder two_clusters() {
  ModelBuilder b;
  const Index crew = b.crew("repair-unit", 1);
  const Index a = b.service("a", 2, 1), c = b.service("b", 2, 1);
  b.replica_sources(a, 1 / la, 1 / ma, crew);
  b.replica_sources(c, 1 / lb, 1 / mb, crew);
  b.journey("both", {a, c});
  return b;
}

}  // namespace

TEST_CASE("two machines, one repairer: A = 1 - pi_2 of the birth-death chain") {
  const analytic::ModelEstimate estimate = analytic::estimate(two_machines(1).build());
  // rho = lambda / mu = 1/4: pi_1 = 2 rho pi_0, pi_2 = rho pi_1, so
  // pi_2 = 2 rho^2 / (1 + 2 rho + 2 rho^2) = 0.125 / 1.625 = 1/13.
  CHECK(estimate.exact());
  CHECK(estimate.method == analytic::EstimateMethod::markov_chain);
  // Both up; one in repair (2); one in repair, the other waiting (2 orders).
  CHECK(estimate.markov_states == 5);
  CHECK(estimate.scopes[0].availability == Approx(12.0 / 13.0).epsilon(1e-12));
  CHECK(estimate.scopes[0].downtime_per_year == Approx(year / 13.0).epsilon(1e-9));
  // Independent repairs would give 1 - 0.2^2 = 0.96: the queue is what the chain adds.
}

TEST_CASE("two machines both needed, one repairer: A = pi_0 = 1 / (1 + 2 rho + 2 rho^2)") {
  CHECK(analytic::estimate(two_machines(2).build()).scopes[0].availability ==
        Approx(1.0 / 1.625).epsilon(1e-12));
}

TEST_CASE("two sub-clusters sharing one repair unit: the FIFO chain written out by hand") {
  // One repairer fixes failed units in the order they failed.
  const analytic::ModelEstimate estimate = analytic::estimate(two_clusters().build());

  // The state is the queue of failed units, the first in repair: 1 + 4 + 12 + 24 + 24 = 65.
  using Queue = std::vector<int>;
  const auto moves = [&](const Queue& q) {
    std::vector<std::pair<double, Queue>> out;
    for (int unit = 0; unit < 4; ++unit) {
      if (contains(q, unit)) continue;
      Queue next = q;
      next.push_back(unit);
      out.emplace_back(unit < 2 ? la : lb, next);
    }
    if (!q.empty()) out.emplace_back(q.front() < 2 ? ma : mb, Queue(q.begin() + 1, q.end()));
    return out;
  };
  const auto up = [](const Queue& q) {
    return !(contains(q, 0) && contains(q, 1)) && !(contains(q, 2) && contains(q, 3));
  };
  const auto chain = explore<Queue>({}, moves, up);
  REQUIRE(chain.size() == 65);
  const double exact = analytic::solve(chain).availability;

  CHECK(estimate.exact());
  CHECK(estimate.markov_states == 65);
  CHECK(estimate.scopes[0].availability == Approx(exact).epsilon(1e-10));
  // Repairs as if independent are far too optimistic here.
  const double pa = analytic::availability(1 / la, 1 / ma),
               pb = analytic::availability(1 / lb, 1 / mb);
  const double independent = (1 - (1 - pa) * (1 - pa)) * (1 - (1 - pb) * (1 - pb));
  CHECK((1 - exact) > 2.5 * (1 - independent));
}

TEST_CASE("detection, engagement, mitigation and repair by one crew: the phase-type chain") {
  // Two replicas, one needed, each incident: an alert (70 %, mean 10 min) or else a customer
  // report (mean 1 h), then one on-call member engages (15 min) and mitigates (30 min),
  // then repairs (2 h): all exponential, one member for both replicas.
  const double fail = 1 / (30 * hour), alert = 1 / 600.0, report = 1 / 3600.0, engage = 1 / 900.0,
               mitigate = 1 / 1800.0, repair = 1 / 7200.0;
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index api = b.service("api", 2, 1);
  b.replica_sources(api, 1 / fail, 1 / repair, crew);
  b.alert_then_mitigate(2, crew, 900);
  b.journey("use", {api});
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());

  // Phases of one replica: Up, detected by Alert or by Customer, Queued for the member,
  // Engaging, Mitigating (the three impair it), Waiting for the repairer, Repairing.
  enum P { U, A, C, Q, E, M, W, R };
  using Pair = std::pair<int, int>;
  const auto holds = [](int p) { return p == E || p == M || p == R; };
  const auto impaired = [](int p) { return p == A || p == C || p == Q || p == E || p == M; };
  // The moves of the first replica of (x, y); the member freed goes to y if it waits.
  const auto own = [&](int x, int y) {
    std::vector<std::pair<double, Pair>> out;
    const int y_served = y == Q ? E : y == W ? R : y;
    switch (x) {
      case U: out = {{0.7 * fail, {A, y}}, {0.3 * fail, {C, y}}}; break;
      case A: out = {{alert, {holds(y) ? Q : E, y}}}; break;
      case C: out = {{report, {holds(y) ? Q : E, y}}}; break;
      case E: out = {{engage, {M, y}}}; break;
      case M: out = {{mitigate, {y_served != y ? W : R, y_served}}}; break;
      case R: out = {{repair, {U, y_served}}}; break;
      default: break;
    }
    return out;
  };
  const auto moves = [&](const Pair& s) {
    auto out = own(s.first, s.second);
    for (const auto& [rate, next] : own(s.second, s.first))
      out.emplace_back(rate, Pair{next.second, next.first});
    return out;
  };
  const auto up = [&](const Pair& s) { return !(impaired(s.first) && impaired(s.second)); };
  const auto chain = explore<Pair>({U, U}, moves, up);
  const double exact = analytic::solve(chain).availability;

  CHECK(estimate.exact());
  CHECK(estimate.markov_states == chain.size());
  CHECK(estimate.scopes[0].availability == Approx(exact).epsilon(1e-10));
  CHECK(estimate.scopes[0].availability < 1.0);
}

TEST_CASE("beyond the state cap, the estimate falls back to the approximation and says why") {
  const analytic::ModelEstimate estimate =
      analytic::estimate(two_clusters().build(), 64);  // needs 65
  CHECK_FALSE(estimate.exact());
  CHECK(estimate.method == analytic::EstimateMethod::structure_function);
  CHECK(estimate.markov_states == 0);
  CHECK_THAT(estimate.markov_fallback, Catch::Contains("more than 64 states"));
  CHECK_THAT(estimate.assumptions.front(), Catch::Contains("crew"));
  // The approximation: independent replicas, A = 0.8333 and 0.8333 per unit of each cluster.
  const double pa = analytic::availability(1 / la, 1 / ma);
  const double pb = analytic::availability(1 / lb, 1 / mb);
  CHECK(estimate.scopes[0].availability ==
        Approx((1 - (1 - pa) * (1 - pa)) * (1 - (1 - pb) * (1 - pb))).epsilon(1e-12));
}

TEST_CASE("a duration that is not exponential falls back with its name") {
  ModelBuilder b = two_machines(1);
  b.source_at(1).lifecycle.repair = DistributionSpec{DistributionKind::lognormal, 9.0, 1.0, 0, {}};
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());
  CHECK_FALSE(estimate.exact());
  CHECK(estimate.method == analytic::EstimateMethod::structure_function);
  CHECK_THAT(estimate.markov_fallback,
             Catch::Contains("pair/replica-1: the repair time is lognormal"));
}

TEST_CASE("maintenance is left out of the chain and said so") {
  ModelBuilder b = two_machines(1);
  b.maintenance({0}, 7 * 24 * hour, hour, 0.0);
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());
  CHECK(estimate.method == analytic::EstimateMethod::markov_chain);
  REQUIRE(estimate.assumptions.size() == 1);
  CHECK_THAT(estimate.assumptions.front(), Catch::Contains("maintenance"));
  CHECK(estimate.scopes[0].availability == Approx(12.0 / 13.0).epsilon(1e-12));
}

TEST_CASE("degradations that only together reach a journey's down_at, one member for both") {
  // The cache down fails 50 % of api's requests, api's slowness 30 %: 65 % together, past
  // checkout's down_at of 60 %. Each incident holds the only member for its repair.
  const double l1 = 1 / (30 * hour), m1 = 1 / (2 * hour), l2 = 1 / (40 * hour), m2 = 1 / (3 * hour);
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index cache = b.service("cache"), api = b.service("api");
  b.soft_depends(api, cache, 0.5);
  b.source("cache/crash", {{}, {cache}}, 1 / l1, 1 / m1, crew);
  b.source("api/slow", {{}, {api}}, 1 / l2, 1 / m2, crew);
  b.last_source().down = false;
  b.last_source().degrade = 0.3;
  b.journey("checkout", {api}, 0.6);
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());
  // States: both fine; one in repair (2); one in repair, the other waiting (2): down in the
  // last two. By hand: 0 -> 1 at l1, 0 -> 2 at l2, 1 -> 0 at m1, 2 -> 0 at m2, 1 -> 3 at l2,
  // 2 -> 4 at l1, 3 -> 2 at m1 (the member turns to api), 4 -> 1 at m2.
  const auto pi = analytic::stationary_distribution(5, {{0, 1, l1},
                                                        {0, 2, l2},
                                                        {1, 0, m1},
                                                        {2, 0, m2},
                                                        {1, 3, l2},
                                                        {2, 4, l1},
                                                        {3, 2, m1},
                                                        {4, 1, m2}});
  CHECK(estimate.exact());
  CHECK(estimate.markov_states == 5);
  CHECK(estimate.scopes[0].availability == Approx(1 - pi[3] - pi[4]).epsilon(1e-12));
}

TEST_CASE("degradations adding up past down_at need the chain even with no crew") {
  // Without a crew the sources are independent, but the structure function only knows up and
  // down: the exact answer is P(both impaired) = u1 u2 with u_i = MTTR / (MTTF + MTTR).
  ModelBuilder b;
  const Index cache = b.service("cache"), api = b.service("api");
  b.soft_depends(api, cache, 0.5);
  b.source("cache/crash", {{}, {cache}}, 30 * hour, 2 * hour);
  b.source("api/slow", {{}, {api}}, 40 * hour, 3 * hour);
  b.last_source().down = false;
  b.last_source().degrade = 0.3;
  b.journey("checkout", {api}, 0.6);
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());
  CHECK(estimate.exact());
  CHECK(estimate.method == analytic::EstimateMethod::markov_chain);
  CHECK(estimate.scopes[0].availability == Approx(1 - (2.0 / 32.0) * (3.0 / 43.0)).epsilon(1e-12));
}

TEST_CASE("a model with 2^20 combinations of failed replicas is too large before any search") {
  ModelBuilder b;
  const Index crew = b.crew("oncall", 1);
  const Index fleet = b.service("fleet", 20, 18);
  b.replica_sources(fleet, 100 * hour, hour, crew);
  b.journey("use", {fleet});
  const analytic::ModelEstimate estimate = analytic::estimate(b.build());
  CHECK(estimate.method == analytic::EstimateMethod::structure_function);
  CHECK_THAT(estimate.markov_fallback, Catch::Contains("more than 100000 states"));
}
