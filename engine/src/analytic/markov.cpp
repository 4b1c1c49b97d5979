#include "reliasim/analytic/markov.hpp"

#include <Eigen/Dense>
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

#include "checks.hpp"

namespace reliasim::analytic {
namespace {

// Dense state reduction up to this many states (n^3 / 3 flops, tens of milliseconds);
// sparse LU beyond, where generators of model chains are mostly zeros.
constexpr int kDenseLimit = 500;

auto at(int i) {
  return static_cast<std::size_t>(i);
}

void require_transitions(int states, const std::vector<Transition>& transitions) {
  if (states < 1) detail::fail("number of states", std::to_string(states), ">= 1");
  const std::string range = "a state index in [0, " + std::to_string(states) + ")";
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    const Transition& t = transitions[i];
    const std::string name = "transitions[" + std::to_string(i) + "]";
    if (t.from < 0 || t.from >= states) detail::fail(name + ".from", std::to_string(t.from), range);
    if (t.to < 0 || t.to >= states) detail::fail(name + ".to", std::to_string(t.to), range);
    if (t.from == t.to) detail::fail(name + ".to", std::to_string(t.to), "!= from");
    detail::require_non_negative(t.rate, name + ".rate");
  }
}

// pi is unique exactly when one closed communicating class exists: a strongly connected
// component of the transition graph with no transition leaving it. Returns a state in it.
int require_one_closed_class(int states, const std::vector<Transition>& transitions) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(at(states));
  for (const Transition& t : transitions) {
    if (t.rate > 0.0) boost::add_edge(at(t.from), at(t.to), graph);
  }
  std::vector<int> component(at(states));
  const int count = boost::strong_components(graph, component.data());
  std::vector<bool> closed(at(count), true);
  for (const Transition& t : transitions) {
    if (t.rate > 0.0 && component[at(t.from)] != component[at(t.to)]) {
      closed[at(component[at(t.from)])] = false;
    }
  }
  std::vector<int> examples;  // one state in each closed class (a finite chain has one)
  for (int s = 0; s < states; ++s) {
    const auto c = at(component[at(s)]);
    if (closed[c]) {
      examples.push_back(s);
      closed[c] = false;
    }
  }
  if (examples.size() > 1) {
    detail::fail("number of closed classes of states (states " + std::to_string(examples[0]) +
                     " and " + std::to_string(examples[1]) + " never reach each other)",
                 std::to_string(examples.size()), "1 for a unique stationary distribution");
  }
  return examples.front();
}

// Grassmann-Taksar-Heyman state reduction (Stewart, "Introduction to the Numerical Solution
// of Markov Chains", 1994, sec. 2.7): censor states out one by one, then rebuild pi. It
// never subtracts, so even probabilities of 1e-30 come out to full relative precision,
// which LU on pi Q = 0 cannot give (its error is relative to the largest entry).
// `anchor`, a state of the closed class, is eliminated last, so that every state being
// censored out still reaches a remaining one (a non-zero pivot).
std::vector<double> solve_gth(int states, const std::vector<Transition>& transitions, int anchor) {
  // Position of each state in the elimination order: anchor and state 0 swap places.
  auto position = [anchor](int s) { return s == anchor ? 0 : (s == 0 ? anchor : s); };
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(states, states);  // off-diagonal rates only
  for (const Transition& t : transitions) q(position(t.from), position(t.to)) += t.rate;
  for (int k = states - 1; k > 0; --k) {
    // Out of state k to the states that remain; the diagonal is never read.
    const double out = q.row(k).head(k).sum();
    q.col(k).head(k) /= out;
    // Censoring k: i -> k -> j becomes i -> j, k's exits shared in proportion to their rates.
    q.topLeftCorner(k, k).noalias() += q.col(k).head(k) * q.row(k).head(k);
  }
  // Rebuild: in the chain censored to 0..k, the flow into k equals the flow out of it.
  Eigen::VectorXd x = Eigen::VectorXd::Zero(states);
  x(0) = 1.0;
  for (int k = 1; k < states; ++k) x(k) = x.head(k).dot(q.col(k).head(k));
  x /= x.sum();
  std::vector<double> pi(at(states));
  for (int s = 0; s < states; ++s) pi[at(s)] = x(position(s));
  return pi;
}

// Q^T pi = 0 with the last balance equation replaced by sum pi = 1: any one equation is
// redundant, and the system is non-singular when there is one closed class.
std::vector<double> solve_sparse_lu(int states, const std::vector<Transition>& transitions) {
  std::vector<Eigen::Triplet<double>> entries;
  const int last = states - 1;
  for (const Transition& t : transitions) {
    if (t.rate == 0.0) continue;
    if (t.to != last) entries.emplace_back(t.to, t.from, t.rate);       // inflow to `to`
    if (t.from != last) entries.emplace_back(t.from, t.from, -t.rate);  // outflow of `from`
  }
  for (int s = 0; s < states; ++s) entries.emplace_back(last, s, 1.0);
  Eigen::SparseMatrix<double> a(states, states);
  a.setFromTriplets(entries.begin(), entries.end());  // sums duplicate entries
  a.makeCompressed();
  Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(a);
  if (lu.info() != Eigen::Success) {
    detail::fail("sparse LU of the balance equations", lu.lastErrorMessage(),
                 "non-singular (rates spanning too many orders of magnitude?)");
  }
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(states);
  rhs(last) = 1.0;
  const Eigen::VectorXd x = lu.solve(rhs);
  // Round-off can leave a zero probability (a transient state) slightly negative.
  std::vector<double> pi(at(states));
  for (int s = 0; s < states; ++s) pi[at(s)] = std::max(0.0, x(s));
  return pi;
}

// A x = b to a relative residual of 1e-10 or better, or nothing.
template <typename Preconditioner>
std::optional<Eigen::VectorXd> bicgstab(const Eigen::SparseMatrix<double>& a,
                                        const Eigen::VectorXd& b) {
  Eigen::BiCGSTAB<Eigen::SparseMatrix<double>, Preconditioner> solver;
  solver.setTolerance(1e-14);
  solver.setMaxIterations(5000);
  solver.compute(a);
  if (solver.info() != Eigen::Success) return std::nullopt;
  Eigen::VectorXd x = solver.solve(b);
  if (!x.allFinite() || !(solver.error() <= 1e-10)) return std::nullopt;
  return x;
}

// The balance equations of every state but `anchor`, with pi_anchor = 1 moved to the right:
// no dense normalisation row, so an incomplete LU keeps the sparsity of Q. The matrix is
// non-singular because every state reaches the anchor (it lies in the one closed class).
std::vector<double> solve_iteratively(int states, const std::vector<Transition>& transitions,
                                      int anchor) {
  const auto unknown = [anchor](int s) { return s < anchor ? s : s - 1; };
  const int n = states - 1;
  if (n == 0) return {1.0};
  std::vector<Eigen::Triplet<double>> entries;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  for (const Transition& t : transitions) {
    if (t.rate == 0.0) continue;
    if (t.from != anchor) entries.emplace_back(unknown(t.from), unknown(t.from), -t.rate);
    if (t.to == anchor) continue;
    if (t.from == anchor) rhs(unknown(t.to)) -= t.rate;
    if (t.from != anchor) entries.emplace_back(unknown(t.to), unknown(t.from), t.rate);
  }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(entries.begin(), entries.end());
  // The diagonal preconditioner costs nothing and converges on most model chains; the
  // incomplete LU is slow to build but helps where rates span many orders of magnitude.
  auto x = bicgstab<Eigen::DiagonalPreconditioner<double>>(a, rhs);
  if (!x) x = bicgstab<Eigen::IncompleteLUT<double>>(a, rhs);
  if (!x) throw std::runtime_error("analytic: the iterative solution of pi Q = 0 did not converge");
  std::vector<double> pi(at(states));
  double total = 0.0;
  for (int s = 0; s < states; ++s)
    total += pi[at(s)] = s == anchor ? 1.0 : std::max(0.0, (*x)(unknown(s)));
  for (double& p : pi) p /= total;
  return pi;
}

}  // namespace

std::vector<double> stationary_distribution_iterative(int states,
                                                      const std::vector<Transition>& transitions) {
  require_transitions(states, transitions);
  const int anchor = require_one_closed_class(states, transitions);
  if (states <= kDenseLimit) return solve_gth(states, transitions, anchor);
  return solve_iteratively(states, transitions, anchor);
}

std::vector<double> stationary_distribution(int states,
                                            const std::vector<Transition>& transitions) {
  require_transitions(states, transitions);
  const int anchor = require_one_closed_class(states, transitions);
  if (states <= kDenseLimit) return solve_gth(states, transitions, anchor);
  return solve_sparse_lu(states, transitions);
}

MarkovSolution solve(const MarkovChain& chain) {
  const int states = chain.size();
  if (!chain.labels.empty() && chain.labels.size() != chain.up.size()) {
    detail::fail("number of state labels", std::to_string(chain.labels.size()),
                 "0 or the number of states, " + std::to_string(states));
  }
  MarkovSolution result;
  result.stationary = stationary_distribution(states, chain.transitions);
  for (int s = 0; s < states; ++s) {
    (chain.up[at(s)] ? result.availability : result.unavailability) += result.stationary[at(s)];
  }
  for (const Transition& t : chain.transitions) {
    if (chain.up[at(t.from)] && !chain.up[at(t.to)]) {
      result.failure_frequency += result.stationary[at(t.from)] * t.rate;
    }
  }
  return result;
}

}  // namespace reliasim::analytic
