// The FMEA worksheet: per failure mode, the simulated risk (summary.cpp's downtime and
// incidents, plus SLA credit attributed here), the derived S / O / D scores, RPN, Action
// Priority and importance measures (fmea_scores.cpp); ranked by simulated risk.
#include "reliasim/analysis/fmea.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "../simulate/topology.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/stats/mean.hpp"

namespace reliasim {
namespace {

double window_length(const WindowSpec& window, double fallback) {
  if (window.boundaries.size() >= 2)
    return (window.boundaries.back() - window.boundaries.front()) /
           static_cast<double>(window.boundaries.size() - 1);
  return window.length > 0.0 ? window.length : fallback;
}

bool same_scope(const ScopeRef& ref, const ScopeInfo& scope) {
  return ref.journey == scope.journey && ref.index == scope.index;
}

// A scope's error budget per window, seconds: its strictest SLO, else its strictest SLA, else
// the default target over the default window.
double error_budget(const CompiledModel& model, const ScopeInfo& scope, const FmeaBands& bands) {
  double target = -1.0, window = bands.default_window;
  for (const SloSpec& slo : model.slos)
    if (same_scope(slo.scope, scope) && slo.target > target)
      target = slo.target, window = window_length(slo.window, bands.default_window);
  if (target < 0.0)
    for (const SlaSpec& sla : model.slas)
      if (same_scope(sla.scope, scope) && sla.target > target)
        target = sla.target, window = window_length(sla.window, bands.default_window);
  if (target < 0.0) target = bands.default_target;
  return (1.0 - target) * window;
}

// With no incident to count, the configured detectors say how likely automatic detection is.
double configured_detection(const CompiledModel& model, Index mode) {
  for (const FailureSourceSpec& source : model.sources) {
    if (source.failure_mode != mode) continue;
    double missed = 1.0;
    for (const DetectorSpec& d : source.lifecycle.detectors) missed *= 1.0 - d.probability;
    return 1.0 - missed;
  }
  return 0.0;
}

// Importance of each failure mode (all its sources at once) for the first scope, from the
// analytic structure function; what that leaves out goes to `assumptions`.
std::vector<Importance> scope_importance(const CompiledModel& model,
                                         std::vector<std::string>* assumptions) {
  if (assumptions == nullptr) return std::vector<Importance>(model.failure_modes.size());
  const analytic::ModelStructure structure = analytic::model_structure(model);
  std::vector<std::vector<int>> groups(model.failure_modes.size());
  for (std::size_t s = 0; s < model.sources.size(); ++s)
    for (const int component : structure.source_components[s])
      groups[static_cast<std::size_t>(model.sources[s].failure_mode)].push_back(component);
  *assumptions = structure.assumptions;
  return importance(structure.structure, structure.scope_roots.front(), structure.availabilities,
                    groups);
}

bool automatic(DetectedBy by) {
  return by == DetectedBy::alert || by == DetectedBy::canary || by == DetectedBy::probe;
}

}  // namespace

struct FmeaBuilder::State {
  State(const CompiledModel& m, bool exact, FmeaBands b, double c)
      : model(m), bands(b), confidence(c), summary(m, exact, c) {
    for (const SlaSpec& sla : m.slas) {
      if (!sla.has_credits()) {  // owes nothing: no currency column of its own
        currency_of_sla.push_back(no_currency);
        continue;
      }
      const auto found = std::find(currencies.begin(), currencies.end(), sla.currency);
      currency_of_sla.push_back(static_cast<std::size_t>(found - currencies.begin()));
      if (found == currencies.end()) currencies.push_back(sla.currency);
    }
    const std::size_t modes = m.failure_modes.size(), k = currencies.size();
    credit.resize(modes * k);
    unattributed.resize(k);
    total.resize(k);
    incidents.assign(modes, 0);
    detected.assign(modes, 0);
  }
  void add_credit(const RunResults& r);
  void measure_severity(FmeaRow& row, const FailureModeSummary& m,
                        const std::vector<double>& effects,
                        const std::vector<double>& budgets) const;

  const CompiledModel& model;
  FmeaBands bands;
  double confidence;
  SummaryBuilder summary;
  std::vector<std::string> currencies;
  static constexpr std::size_t no_currency = static_cast<std::size_t>(-1);
  std::vector<std::size_t> currency_of_sla;          // no_currency: an SLA without credits
  std::vector<MeanAccumulator> credit;               // [mode][currency], per trial
  std::vector<MeanAccumulator> unattributed, total;  // [currency], per trial
  std::vector<double> scope_down;                    // [scope][mode]: attributed seconds, summed
  std::vector<std::uint64_t> incidents, detected;    // [mode]
};

// Each SLA window's credit goes to the failure modes in proportion to the bad time the SLA
// counts that each caused in the window (results.hpp); the part of causes that are not failure
// modes (maintenance the SLA counts, a soft dependency's degradation) is unattributed.
void FmeaBuilder::State::add_credit(const RunResults& r) {
  const std::size_t modes = model.failure_modes.size(), columns = modes + 1;
  const std::size_t k = currencies.size();
  std::size_t stride = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) stride += r.sla_windows(l);
  std::vector<double> per_mode(modes * k), left(k), all(k);
  for (std::size_t t = 0; t < r.trials; ++t) {
    std::fill(per_mode.begin(), per_mode.end(), 0.0);
    std::fill(left.begin(), left.end(), 0.0);
    std::fill(all.begin(), all.end(), 0.0);
    std::size_t cell = t * stride;
    for (std::size_t l = 0; l < r.slas.size(); ++l) {
      const std::size_t c = currency_of_sla[l];
      if (c == no_currency) {
        cell += r.sla_windows(l);
        continue;
      }
      for (std::size_t w = 0; w < r.sla_windows(l); ++w, ++cell) {
        const double owed = r.sla_credit[cell];
        if (owed <= 0.0) continue;
        all[c] += owed;
        const double* down = &r.sla_attributed_down[cell * columns];
        double sum = 0.0;
        for (std::size_t m = 0; m < columns; ++m) sum += down[m];
        if (sum <= 0.0) {
          left[c] += owed;
          continue;
        }
        for (std::size_t m = 0; m < modes; ++m) per_mode[m * k + c] += owed * down[m] / sum;
        left[c] += owed * down[modes] / sum;
      }
    }
    for (std::size_t i = 0; i < per_mode.size(); ++i) credit[i].add(per_mode[i]);
    for (std::size_t c = 0; c < k; ++c) unattributed[c].add(left[c]), total[c].add(all[c]);
  }
}

// Per scope: the mode's end effect, and the share of the scope's error budget one occurrence
// spends on average: the down time attributed to the mode, plus for a partial end effect
// (degradation, which is not attributed) that fraction of the mean TTM. The worst scope counts.
void FmeaBuilder::State::measure_severity(FmeaRow& row, const FailureModeSummary& m,
                                          const std::vector<double>& effects,
                                          const std::vector<double>& budgets) const {
  const auto i = static_cast<std::size_t>(m.index);
  const std::size_t modes = model.failure_modes.size();
  const double occurrences = static_cast<double>(incidents[i]);
  const double ttm = std::isfinite(m.times.ttm.mean.estimate) ? m.times.ttm.mean.estimate : 0.0;
  for (std::size_t s = 0; s < effects.size(); ++s) {
    row.impact_fraction = std::max(row.impact_fraction, effects[s]);
    if (occurrences <= 0.0) continue;
    double bad = scope_down[s * modes + i] / occurrences;
    if (effects[s] < 1.0) bad += effects[s] * ttm;
    row.budget_per_incident = std::max(row.budget_per_incident, bad / budgets[s]);
  }
}

FmeaBuilder::FmeaBuilder(const CompiledModel& model, bool exact_quantiles, FmeaBands bands,
                         double confidence)
    : state_(std::make_unique<State>(model, exact_quantiles, bands, confidence)) {}
FmeaBuilder::~FmeaBuilder() = default;
FmeaBuilder::FmeaBuilder(FmeaBuilder&&) noexcept = default;
FmeaBuilder& FmeaBuilder::operator=(FmeaBuilder&&) noexcept = default;

void FmeaBuilder::add(const RunResults& batch) {
  State& s = *state_;
  if (!batch.slas.empty() && batch.sla_attributed_down.empty())
    throw std::invalid_argument(
        "the FMEA worksheet needs runs made with RunConfig::sla_attribution set");
  s.summary.add(batch);  // checks that the batches follow each other
  for (const IncidentRecord& i : batch.incidents) {
    const auto m = static_cast<std::size_t>(i.failure_mode);
    ++s.incidents[m];
    if (automatic(i.detected_by)) ++s.detected[m];
  }
  const std::size_t modes = s.model.failure_modes.size(), scopes = batch.scopes.size();
  s.scope_down.resize(scopes * modes, 0.0);
  for (std::size_t t = 0; t < batch.trials; ++t)
    for (std::size_t k = 0; k < scopes * modes; ++k)
      s.scope_down[k] += batch.attributed_down[t * scopes * modes + k];
  s.add_credit(batch);
}

namespace {

// The S, O and D scores, RPN and Action Priority of a row whose measured fields are set.
void score(FmeaRow& row, const FmeaBands& bands, double ttd_count) {
  row.occurrence = bands.occurrence.score(row.incidents_per_year.estimate);
  row.detection = bands.detection_probability.score(row.detection_probability);
  if (ttd_count > 0.0)
    row.detection = std::max(row.detection, bands.detection_delay.score(row.ttd_median.estimate));
  row.severity = std::max(bands.severity_impact.score(row.impact_fraction),
                          bands.severity_budget.score(row.budget_per_incident));
  row.rpn = row.severity * row.occurrence * row.detection;
  row.priority = action_priority(row.severity, row.occurrence, row.detection);
}

// Downtime first, then credit currency by currency: the simulated risk, largest first.
bool riskier(const FmeaRow& a, const FmeaRow& b) {
  if (a.downtime_per_year.estimate != b.downtime_per_year.estimate)
    return a.downtime_per_year.estimate > b.downtime_per_year.estimate;
  for (std::size_t c = 0; c < a.credit_per_year.size(); ++c)
    if (a.credit_per_year[c].amount.estimate != b.credit_per_year[c].amount.estimate)
      return a.credit_per_year[c].amount.estimate > b.credit_per_year[c].amount.estimate;
  return false;
}

}  // namespace

FmeaWorksheet FmeaBuilder::finish() const {
  const State& st = *state_;
  const Summary summary = st.summary.finish();
  const CompiledModel& model = st.model;
  const double per_year = seconds_per_year / summary.horizon, c = st.confidence;
  FmeaWorksheet w;
  w.trials = summary.trials, w.seed = summary.seed, w.events = summary.events;
  w.confidence = c, w.bands = st.bands, w.currencies = st.currencies;
  if (!summary.scopes.empty()) {
    w.scope = summary.scopes.front().scope.name;
    w.scope_downtime_per_year = summary.scopes.front().downtime_per_year;
  }
  for (std::size_t k = 0; k < st.currencies.size(); ++k) {
    w.credit_per_year.push_back({st.currencies[k], mean_interval(st.total[k], c, per_year, 0.0)});
    w.unattributed_credit.push_back(
        {st.currencies[k], mean_interval(st.unattributed[k], c, per_year, 0.0)});
  }

  const std::vector<std::vector<double>> effects = end_effects(model);
  const auto scopes = sim::build_topology(model).scopes;
  std::vector<double> budgets;
  budgets.reserve(scopes.size());
  for (const ScopeInfo& scope : scopes) budgets.push_back(error_budget(model, scope, st.bands));
  const std::vector<Importance> importances =
      scope_importance(model, scopes.empty() ? nullptr : &w.importance_assumptions);

  const std::size_t k = st.currencies.size();
  for (const FailureModeSummary& m : summary.failure_modes) {
    const auto i = static_cast<std::size_t>(m.index);
    FmeaRow row;
    row.info = m.info, row.index = m.index;
    row.incidents_per_year = m.incidents_per_year;
    row.downtime_per_year = m.downtime_per_year;
    row.downtime_share = m.downtime_share;
    for (std::size_t x = 0; x < k; ++x)
      row.credit_per_year.push_back(
          {st.currencies[x], mean_interval(st.credit[i * k + x], c, per_year, 0.0)});
    row.detection_probability = st.incidents[i] > 0 ? static_cast<double>(st.detected[i]) /
                                                          static_cast<double>(st.incidents[i])
                                                    : configured_detection(model, m.index);
    row.ttd_median = m.times.ttd.p50;
    row.ttr_median = m.times.ttr.p50;
    st.measure_severity(row, m, effects[i], budgets);
    score(row, st.bands, static_cast<double>(m.times.ttd.count));
    row.importance = importances[i];
    w.rows.push_back(std::move(row));
  }
  std::stable_sort(w.rows.begin(), w.rows.end(), riskier);
  return w;
}

FmeaWorksheet fmea_worksheet(const RunResults& results, const CompiledModel& model,
                             const FmeaBands& bands, double confidence) {
  FmeaBuilder builder(model, true, bands, confidence);
  builder.add(results);
  return builder.finish();
}

}  // namespace reliasim
