// SummaryBuilder::save and load: the builder's state as little-endian bytes. Sums are written
// whole (34 digits), so a file takes about the memory its state will: a file that lies about
// its lengths runs out of bytes before it can make the reader allocate much.
#include <algorithm>
#include <bit>
#include <cmath>
#include <concepts>
#include <limits>
#include <stdexcept>
#include <string>

#include "state_archive.hpp"
#include "summary_state.hpp"

namespace reliasim {

// What each part is made of, for both archives; the classes with private parts list theirs in a
// `transfer` member. In namespace reliasim, where the archives look them up by argument.
template <typename A>
void transfer(A& a, ScopeInfo& s) {
  a(s.name, s.journey, s.index);
}
template <typename A>
void transfer(A& a, FailureModeInfo& f) {
  a(f.name, f.service, f.cause, f.effect, f.common_cause);
}
template <typename A>
void transfer(A& a, WindowsInfo& w) {
  a(w.kind, w.start, w.names, w.boundaries);
}
template <typename A>
void transfer(A& a, SummaryLabels::Sla& l) {
  a(l.name, l.customer, l.currency, l.credit_schedule, l.tiers);
}
template <typename A>
void transfer(A& a, SummaryLabels::Slo& l) {
  a(l.name, l.scope, l.target);
}
template <typename A>
void transfer(A& a, SummaryLabels& l) {
  a(l.scenario, l.description, l.windows, l.scope_descriptions, l.service_names,
    l.service_descriptions, l.failure_modes, l.slas, l.slos);
}
template <typename A>
void transfer(A& a, Biasing& b) {
  a(b.scope, b.biases);
}
template <typename A>
void transfer(A& a, WeightedValue& v) {
  a(v.value, v.weight);
}
template <typename A>
void transfer(A& a, SummaryBuilder::State& s) {
  a(s.labels, s.exact, s.confidence, s.trials, s.seed, s.events, s.incidents, s.ranges, s.horizon,
    s.biasing, s.weighted, s.weights, s.target_weights, s.scope_info, s.scopes, s.service_up,
    s.service_down, s.service_degraded, s.modes, s.slas, s.portfolio_tails, s.slos);
}

namespace {

using archive::Reader;
using archive::Writer;

[[noreturn]] void malformed(const std::string& what) {
  throw std::invalid_argument("malformed summary state: " + what);
}

template <typename T>
void check_size(const std::vector<T>& v, std::size_t expected, const char* what) {
  if (v.size() != expected)
    malformed(std::string(what) + ": " + std::to_string(v.size()) + " where the scenario has " +
              std::to_string(expected));
}

void check_durations(const Durations& d, const SummaryBuilder::State& s) {
  if (!d.consistent(s.exact, s.weighted)) malformed("a distribution's counts do not add up");
}

template <typename Shares>
void check_shares(const Shares& shares, bool weighted) {
  for (const Share& share : shares)
    if (!share.consistent(weighted)) malformed("a share has more hits than trials");
}

template <typename Fractions>
void check_fractions(const Fractions& fractions, bool weighted) {
  for (const Fraction& f : fractions)
    if (!f.consistent(weighted)) malformed("a mean is of the wrong kind");
}

void check_scope(const ScopeState& scope, const SummaryBuilder::State& s) {
  const std::size_t windows = s.labels.windows.names.size();
  check_size(scope.window_up, windows, "windows");
  check_size(scope.window_served, windows, "windows");
  check_size(scope.window_outages, max_counted_window_outages + 1, "outage counts");
  check_fractions(scope.window_up, s.weighted), check_fractions(scope.window_served, s.weighted);
  check_fractions(std::array{scope.available, scope.first_or_horizon}, s.weighted);
  check_durations(scope.ttd, s), check_durations(scope.duration, s);
  check_durations(scope.first_outage, s);
  check_shares(scope.outage_by, s.weighted), check_shares(scope.down_at, s.weighted);
  check_shares(scope.longer, s.weighted), check_shares(std::array{scope.with_outage}, s.weighted);
}

// The annual credits: kept per trial, or (beyond max_exact_tail_trials) binned for every SLA
// and portfolio, each bin count adding up to the trials.
void check_tails(const SummaryBuilder::State& s) {
  const bool binned = s.tails_binned();
  std::size_t portfolios = 0;
  std::vector<std::string> currencies;
  for (std::size_t i = 0; i < s.slas.size(); ++i) {
    const SlaState& sla = s.slas[i];
    const SummaryLabels::Sla& label = s.labels.slas[i];
    if (label.credit_schedule &&
        std::find(currencies.begin(), currencies.end(), label.currency) == currencies.end())
      currencies.push_back(label.currency), ++portfolios;
    check_size(sla.annual, binned ? 0 : s.trials, "per-trial credits");
    if (sla.annual_bins.size() != (binned ? s.trials : 0) || !sla.annual_bins.consistent())
      malformed("binned credits do not add up to the trials");
  }
  check_size(s.portfolio_tails, binned ? portfolios : 0, "portfolios");
  for (const PortfolioTail& p : s.portfolio_tails)
    if (p.total.count() != s.trials || p.tail.size() != s.trials || !p.tail.consistent())
      malformed("a portfolio's binned credits do not add up to the trials");
}

// Everything finish() and merge() index by, against the labels: a state add() could have made.
void check_shape(const SummaryBuilder::State& s) {
  const SummaryLabels& l = s.labels;
  if (s.weighted || s.exact) malformed("only plain runs with binned quantiles are saved");
  if (!(s.horizon > 0.0 && std::isfinite(s.horizon))) malformed("the horizon is not positive");
  if (!(s.confidence > 0.0 && s.confidence < 1.0)) malformed("the confidence is not in (0, 1)");
  const std::size_t bounds = l.windows.boundaries.size(), windows = l.windows.names.size();
  if (bounds != windows + 1 && !(windows == 0 && bounds <= 1))
    malformed("window boundaries and names disagree");
  const std::optional<std::uint64_t> trials = trials_in(s.ranges);
  if (!trials) malformed("trial ranges overlap or are empty");
  if (*trials != s.trials || *trials == 0) malformed("the trial ranges do not add up");
  check_size(s.scope_info, l.scope_descriptions.size(), "scopes");
  check_size(s.scopes, l.scope_descriptions.size(), "scopes");
  for (const ScopeState& scope : s.scopes) check_scope(scope, s);
  check_size(s.service_up, l.service_names.size(), "services");
  check_size(s.service_down, l.service_names.size(), "services");
  check_size(s.service_degraded, l.service_names.size(), "services");
  check_size(l.service_descriptions, l.service_names.size(), "service descriptions");
  check_fractions(s.service_up, s.weighted);
  check_size(s.modes, l.failure_modes.size(), "failure modes");
  for (const ModeState& mode : s.modes)
    for (const Durations* d : {&mode.times.ttd, &mode.times.tta, &mode.times.ttm, &mode.times.ttr})
      check_durations(*d, s);
  check_size(s.slas, l.slas.size(), "SLAs");
  check_tails(s);
  for (std::size_t i = 0; i < s.slas.size(); ++i) {
    const SlaState& sla = s.slas[i];
    check_size(sla.tier_windows, l.slas[i].tiers, "credit tiers");
    if (sla.breach_trials.empty()) malformed("breach counts are missing");
    check_shares(sla.tier_windows, s.weighted);
    check_shares(std::array{sla.breaches, sla.trials_breached}, s.weighted);
    check_durations(sla.first_breach, s);
  }
  check_size(s.slos, l.slos.size(), "SLOs");
  for (const SloState& slo : s.slos) check_shares(std::array{slo.exhausted}, s.weighted);
}

}  // namespace

std::string SummaryBuilder::save() const {
  if (state_->weighted || state_->exact)
    throw std::invalid_argument(
        "only plain runs with binned quantiles are saved (not importance sampling)");
  if (state_->incident_limit > 0)
    throw std::invalid_argument("incident records are not saved in partial results");
  Writer writer;
  // The writer only reads; transfer() takes its parts by reference for both directions.
  transfer(writer, const_cast<State&>(*state_));
  return writer.take();
}

SummaryBuilder SummaryBuilder::load(std::string_view bytes) {
  auto state = std::make_unique<State>(nullptr, false, 0.95);
  Reader reader(bytes, "summary");
  transfer(reader, *state);
  reader.expect_end();
  check_shape(*state);
  return SummaryBuilder(std::move(state));
}

}  // namespace reliasim
