// The whole-model chain over time, from "everything up": the state distribution p(t) and, per
// scope, the distribution of the chain killed when the scope first goes down, by
// uniformisation (Jensen's method: p(t) = sum_n Poisson(n; L t) p(0) P^n with P = I + Q / L),
// on a grid of a thousandth of the horizon. The mean time to the first outage solves
// -Q_UU m = 1 over the up states (sparse LU).
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <limits>

#include "../simulate/topology.hpp"
#include "model_chain.hpp"
#include "reliasim/analytic/transient.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim::analytic {
namespace {

using Matrix = Eigen::SparseMatrix<double>;
using Vector = Eigen::VectorXd;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr int kGrid = 1000;             // intervals of the horizon (a multiple of horizon_points)
constexpr double kPoissonTail = 1e-13;  // probability mass the truncated sums leave out

// Poisson(n; mean) for n = 0.. until all but kPoissonTail of the mass is in, normalised.
std::vector<double> poisson_weights(double mean) {
  std::vector<double> w;
  double total = 0.0;
  for (int n = 0;; ++n) {
    const double log_w = -mean + n * std::log(mean) - std::lgamma(n + 1.0);
    w.push_back(mean > 0.0 ? std::exp(log_w) : (n == 0 ? 1.0 : 0.0));
    total += w.back();
    if (n > mean && 1.0 - total < kPoissonTail) break;
  }
  for (double& x : w) x /= total;
  return w;
}

class Uniformised {
 public:
  explicit Uniformised(const chain::Chain& chain) : chain_(chain), exit_(chain.states, 0.0) {
    for (const Transition& t : chain.transitions) exit_[static_cast<std::size_t>(t.from)] += t.rate;
    rate_ = *std::max_element(exit_.begin(), exit_.end());
  }
  [[nodiscard]] double rate() const { return rate_; }

  // P transposed (v P = P^T v), over the states `keep` accepts; the others' mass is lost.
  template <class Keep>
  [[nodiscard]] Matrix step_matrix(Keep keep) const {
    std::vector<Eigen::Triplet<double>> entries;
    for (const Transition& t : chain_.transitions)
      if (keep(t.from) && keep(t.to)) entries.emplace_back(t.to, t.from, t.rate / rate_);
    for (int i = 0; i < chain_.states; ++i)
      if (keep(i)) entries.emplace_back(i, i, 1.0 - exit_[static_cast<std::size_t>(i)] / rate_);
    Matrix m(chain_.states, chain_.states);
    m.setFromTriplets(entries.begin(), entries.end());
    return m;
  }

  // From i: the rate of the transitions that take scope k from up to down.
  [[nodiscard]] Vector outage_rates(int k) const {
    Vector r = Vector::Zero(chain_.states);
    for (const Transition& t : chain_.transitions)
      if (!down(t.from, k) && down(t.to, k)) r[t.from] += t.rate;
    return r;
  }

  [[nodiscard]] bool down(int state, int scope) const {
    return chain_.down[static_cast<std::size_t>(state) * static_cast<std::size_t>(chain_.scopes) +
                       static_cast<std::size_t>(scope)] != 0;
  }
  [[nodiscard]] const std::vector<double>& exits() const { return exit_; }

 private:
  const chain::Chain& chain_;
  std::vector<double> exit_;
  double rate_ = 0.0;
};

// One interval of the grid: v <- v e^{Q dt}, and the integral of v over it when asked.
void advance(const Matrix& step, const std::vector<double>& weights, Vector& v, Vector* integral) {
  Vector power = v, next = weights[0] * v;
  double below = weights[0];  // P(N <= n)
  if (integral) *integral = (1.0 - below) * power;
  for (std::size_t n = 1; n < weights.size(); ++n) {
    power = step * power;
    next += weights[n] * power;
    below += weights[n];
    if (integral) *integral += std::max(0.0, 1.0 - below) * power;
  }
  v = next;
}

// Mean time to the first outage of scope k from state 0: +infinity when the chain can reach,
// without the scope going down, a state from which it never goes down.
double mean_time_to_down(const chain::Chain& c, const Uniformised& u, int k) {
  if (u.down(0, k)) return 0.0;
  std::vector<std::vector<int>> into(static_cast<std::size_t>(c.states)),
      out(static_cast<std::size_t>(c.states));
  for (const Transition& t : c.transitions)
    if (t.rate > 0.0)
      into[static_cast<std::size_t>(t.to)].push_back(t.from),
          out[static_cast<std::size_t>(t.from)].push_back(t.to);
  std::vector<char> reaches(static_cast<std::size_t>(c.states), 0);  // can reach a down state
  std::vector<int> work;
  for (int i = 0; i < c.states; ++i)
    if (u.down(i, k)) reaches[static_cast<std::size_t>(i)] = 1, work.push_back(i);
  while (!work.empty()) {
    const int j = work.back();
    work.pop_back();
    for (const int i : into[static_cast<std::size_t>(j)])
      if (!reaches[static_cast<std::size_t>(i)])
        reaches[static_cast<std::size_t>(i)] = 1, work.push_back(i);
  }
  std::vector<int> index(static_cast<std::size_t>(c.states), -1), order{0};  // up states from 0
  index[0] = 0;
  for (std::size_t at = 0; at < order.size(); ++at) {
    const int i = order[at];
    if (!reaches[static_cast<std::size_t>(i)]) return infinity;
    for (const int j : out[static_cast<std::size_t>(i)])
      if (!u.down(j, k) && index[static_cast<std::size_t>(j)] < 0)
        index[static_cast<std::size_t>(j)] = static_cast<int>(order.size()), order.push_back(j);
  }
  std::vector<Eigen::Triplet<double>> entries;
  for (const int i : order)
    entries.emplace_back(index[static_cast<std::size_t>(i)], index[static_cast<std::size_t>(i)],
                         u.exits()[static_cast<std::size_t>(i)]);
  for (const Transition& t : c.transitions) {
    const int from = index[static_cast<std::size_t>(t.from)],
              to = index[static_cast<std::size_t>(t.to)];
    if (from >= 0 && to >= 0) entries.emplace_back(from, to, -t.rate);
  }
  const auto n = static_cast<Eigen::Index>(order.size());
  Matrix a(n, n);
  a.setFromTriplets(entries.begin(), entries.end());
  Eigen::SparseLU<Matrix> lu;
  lu.compute(a);
  if (lu.info() != Eigen::Success) return std::numeric_limits<double>::quiet_NaN();
  const Vector m = lu.solve(Vector::Ones(n));
  return m[0];
}

// When R first falls to 1 - fraction, by linear interpolation on the grid.
double b_life(const std::vector<double>& reliability, double dt, double fraction) {
  for (std::size_t g = 1; g < reliability.size(); ++g)
    if (reliability[g] <= 1.0 - fraction) {
      const double before = reliability[g - 1], after = reliability[g];
      const double share = before > after ? (before - (1.0 - fraction)) / (before - after) : 1.0;
      return (static_cast<double>(g - 1) + share) * dt;
    }
  return infinity;
}

}  // namespace

TransientEstimate transient_estimate(const CompiledModel& model, int max_states, double max_work) {
  TransientEstimate out;
  if (!model.maintenance.empty()) {
    out.not_solved = "maintenance windows are deterministic, which the Markov chain leaves out";
    return out;
  }
  const chain::Chain c = chain::build_chain(model, max_states);
  if (!c.not_built.empty()) {
    out.not_solved = c.not_built;
    return out;
  }
  out.states = c.states;
  const Uniformised u(c);
  const double dt = model.horizon / kGrid;
  const std::vector<double> weights =
      u.rate() > 0.0 ? poisson_weights(u.rate() * dt) : std::vector<double>{1.0};
  const double work = static_cast<double>(kGrid) * static_cast<double>(weights.size()) *
                      static_cast<double>(c.transitions.size() + c.states) * (1.0 + c.scopes);
  if (work > max_work) {
    out.not_solved = "its transient solution would take too long (the chain makes about " +
                     std::to_string(static_cast<long long>(u.rate() * model.horizon)) +
                     " jumps over the horizon, in " + std::to_string(c.states) + " states)";
    return out;
  }
  const bool moves = u.rate() > 0.0;
  const Matrix full = moves ? u.step_matrix([](int) { return true; }) : Matrix();
  const auto names = sim::build_topology(model).scopes;
  std::vector<Matrix> killed;        // [scope]: the chain stopped when the scope goes down
  std::vector<Vector> alive, rates;  // [scope]
  std::vector<std::vector<double>> reliability(static_cast<std::size_t>(c.scopes));
  for (int k = 0; k < c.scopes; ++k) {
    const auto up = [&u, k](int i) { return !u.down(i, k); };
    killed.push_back(moves ? u.step_matrix(up) : Matrix());
    rates.push_back(u.outage_rates(k));
    alive.push_back(Vector::Zero(c.states));
    alive.back()[0] = up(0) ? 1.0 : 0.0;
    reliability[static_cast<std::size_t>(k)].push_back(alive.back()[0]);
    out.scopes.push_back({names[static_cast<std::size_t>(k)].name, {}, {}, 0.0, 0.0, {}});
  }
  Vector p = Vector::Zero(c.states), integral = Vector::Zero(c.states);
  p[0] = 1.0;
  for (int g = 1; g <= kGrid; ++g) {
    if (moves) advance(full, weights, p, &integral);
    const bool point = g % (kGrid / static_cast<int>(horizon_points)) == 0;
    for (int k = 0; k < c.scopes; ++k) {
      const auto ks = static_cast<std::size_t>(k);
      TransientScope& scope = out.scopes[ks];
      if (moves) {
        advance(killed[ks], weights, alive[ks], nullptr);
        scope.outages_in_horizon += integral.dot(rates[ks]) / u.rate();
      }
      reliability[ks].push_back(alive[ks].sum());
      if (!point) continue;
      double available = 0.0;
      for (int i = 0; i < c.states; ++i)
        if (!u.down(i, k)) available += p[i];
      scope.availability.push_back(available);
      scope.reliability.push_back(reliability[ks].back());
    }
  }
  for (int k = 0; k < c.scopes; ++k) {
    TransientScope& scope = out.scopes[static_cast<std::size_t>(k)];
    scope.mttf = mean_time_to_down(c, u, k);
    for (std::size_t b = 0; b < b_life_fractions.size(); ++b)
      scope.b_lives[b] = b_life(reliability[static_cast<std::size_t>(k)], dt, b_life_fractions[b]);
  }
  return out;
}

}  // namespace reliasim::analytic
