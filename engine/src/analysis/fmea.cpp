// The FMEA worksheet: per failure mode, the simulated risk (summary.cpp's downtime and
// incidents, plus SLA credit attributed here), the derived S / O / D scores, RPN, Action
// Priority and importance measures (fmea_scores.cpp); ranked by simulated risk.
#include "reliasim/analysis/fmea.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "../simulate/topology.hpp"
#include "fmea_rank.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/stats/mean.hpp"
#include "state_archive.hpp"

namespace reliasim {
namespace {

double window_length(const WindowSpec& window, double fallback) {
  if (window.kind != WindowKind::calendar_month && window.length > 0.0) return window.length;
  if (window.boundaries.size() >= 2)
    return (window.boundaries.back() - window.boundaries.front()) /
           static_cast<double>(window.boundaries.size() - 1);
  return window.length > 0.0 ? window.length : fallback;
}

bool same_scope(const ScopeRef& ref, const ScopeInfo& scope) {
  return ref.journey == scope.journey && ref.index == scope.index;
}

// A scope's error budget: (1 - target) of its window, the target and window of its strictest
// SLO, else its strictest SLA, else the bands' defaults.
struct Budget {
  double target = 0.0;
  double window = 0.0;  // seconds
};

Budget error_budget(const CompiledModel& model, const ScopeInfo& scope, const FmeaBands& bands) {
  double target = -1.0, window = bands.default_window;
  for (const SloSpec& slo : model.slos)
    if (same_scope(slo.scope, scope) && slo.target > target)
      target = slo.target, window = window_length(slo.window, bands.default_window);
  if (target < 0.0)
    for (const SlaSpec& sla : model.slas)
      if (same_scope(sla.scope, scope) && sla.target > target)
        target = sla.target, window = window_length(sla.window, bands.default_window);
  if (target < 0.0) target = bands.default_target;
  return {target, window};
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

// Importance of each failure mode (all its sources at once) for each scope in `scopes`, from
// the analytic structure function: [scope][mode]; what that leaves out goes to `assumptions`.
std::vector<std::vector<Importance>> scope_importance(const CompiledModel& model,
                                                      const std::vector<Index>& scopes,
                                                      std::vector<std::string>& assumptions) {
  if (scopes.empty()) return {};
  const analytic::ModelStructure structure = analytic::model_structure(model);
  std::vector<std::vector<int>> groups(model.failure_modes.size());
  for (std::size_t s = 0; s < model.sources.size(); ++s)
    for (const int component : structure.source_components[s])
      groups[static_cast<std::size_t>(model.sources[s].failure_mode)].push_back(component);
  assumptions = structure.assumptions;
  std::vector<std::vector<Importance>> out;
  for (const Index scope : scopes)
    out.push_back(importance(structure.structure,
                             structure.scope_roots[static_cast<std::size_t>(scope)],
                             structure.availabilities, groups));
  return out;
}

// Whether any source of the mode has a runbook (scenario-format.md: shown in the worksheet).
bool has_runbook(const CompiledModel& model, Index mode) {
  for (const FailureSourceSpec& source : model.sources)
    if (source.failure_mode == mode && source.lifecycle.runbook) return true;
  return false;
}

bool automatic(DetectedBy by) {
  return by == DetectedBy::alert || by == DetectedBy::canary || by == DetectedBy::probe;
}

}  // namespace

struct FmeaBuilder::State {
  State(const CompiledModel& m, bool exact, FmeaBands b, double c, FmeaView v)
      : model(m),
        bands(b),
        confidence(c),
        view(std::move(v)),
        measured(fmea_scopes(m, view.scope)),
        summary(m, exact, c) {
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
    sla_bad.resize(modes * m.slas.size());
    incidents.assign(modes, 0.0);
    detected.assign(modes, 0.0);
  }
  void add_credit(const RunResults& r);
  void add_sla_bad_time(const RunResults& r);
  void add_scope_measures(const RunResults& r);
  void measure_severity(FmeaRow& row, const FailureModeSummary& m,
                        const std::vector<double>& effects,
                        const std::vector<double>& budgets) const;
  [[nodiscard]] FmeaRow mode_row(const FailureModeSummary& m, const sim::Topology& topology,
                                 const std::vector<double>& effects,
                                 const std::vector<double>& budgets, double per_year) const;
  [[nodiscard]] FmeaScope scope_totals(const ScopeSummary& scope, Index index,
                                       double per_year) const;
  void measure_in_scope(FmeaRow& row, const FmeaScope& scope, double attributed,
                        double per_year) const;
  [[nodiscard]] bool affects(Index scope, Index mode, double effect) const;
  void add_rows(FmeaWorksheet& w, const FmeaRow& base, const std::vector<double>& effects,
                const std::vector<std::vector<Importance>>& importances,
                const std::vector<double>& attributed, double per_year) const;

  const CompiledModel& model;
  FmeaBands bands;
  double confidence;
  FmeaView view;
  std::vector<Index> measured;  // the scopes the worksheet shows
  SummaryBuilder summary;
  std::vector<std::string> currencies;
  static constexpr std::size_t no_currency = static_cast<std::size_t>(-1);
  std::vector<std::size_t> currency_of_sla;          // no_currency: an SLA without credits
  std::vector<MeanAccumulator> credit;               // [mode][currency], per trial
  std::vector<MeanAccumulator> unattributed, total;  // [currency], per trial
  std::vector<MeanAccumulator> sla_bad;              // [mode][sla]: bad seconds, per trial
  // [scope][mode], every scope, per trial: attributed down, degraded and error seconds.
  std::vector<MeanAccumulator> mode_down, mode_degraded, mode_error;
  std::vector<MeanAccumulator> scope_error;  // [scope]: all causes, per trial
  // [mode]: incidents, and those detected automatically, each counting its trial's weight (1
  // but under importance sampling, docs/rare-events.md).
  std::vector<double> incidents, detected;

  // What batches add (the rest comes from the model), for saving and loading.
  template <typename Archive>
  void transfer(Archive& a) {
    a(credit, unattributed, total, sla_bad, mode_down, mode_degraded, mode_error, scope_error,
      incidents, detected);
  }
  void merge(const State& o);
};

namespace {

template <typename T>
void merge_parts(std::vector<T>& into, const std::vector<T>& from) {
  if (into.empty()) into.resize(from.size());
  if (from.size() != into.size() && !from.empty())
    throw std::invalid_argument("FMEA worksheets of different scenarios cannot be merged");
  for (std::size_t i = 0; i < from.size(); ++i) {
    if constexpr (std::is_same_v<T, double>)
      into[i] += from[i];
    else
      into[i].merge(from[i]);
  }
}

}  // namespace

void FmeaBuilder::State::merge(const State& o) {
  summary.merge(o.summary);
  merge_parts(credit, o.credit), merge_parts(unattributed, o.unattributed);
  merge_parts(total, o.total), merge_parts(sla_bad, o.sla_bad);
  merge_parts(mode_down, o.mode_down), merge_parts(mode_degraded, o.mode_degraded);
  merge_parts(mode_error, o.mode_error), merge_parts(scope_error, o.scope_error);
  merge_parts(incidents, o.incidents), merge_parts(detected, o.detected);
}

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
    const double weight = r.weights[t];
    for (std::size_t i = 0; i < per_mode.size(); ++i) credit[i].add(weight * per_mode[i]);
    for (std::size_t c = 0; c < k; ++c)
      unattributed[c].add(weight * left[c]), total[c].add(weight * all[c]);
  }
}

// The bad time each SLA counts in each trial, by failure mode (sla_attributed_down, summed
// over the SLA's windows).
void FmeaBuilder::State::add_sla_bad_time(const RunResults& r) {
  if (r.sla_attributed_down.empty()) return;
  const std::size_t modes = model.failure_modes.size(), columns = modes + 1;
  const std::size_t slas = r.slas.size();
  std::size_t stride = 0;
  for (std::size_t l = 0; l < slas; ++l) stride += r.sla_windows(l);
  std::vector<double> bad(modes * slas);
  for (std::size_t t = 0; t < r.trials; ++t) {
    std::fill(bad.begin(), bad.end(), 0.0);
    std::size_t cell = t * stride;
    for (std::size_t l = 0; l < slas; ++l)
      for (std::size_t w = 0; w < r.sla_windows(l); ++w, ++cell)
        for (std::size_t m = 0; m < modes; ++m)
          bad[m * slas + l] += r.sla_attributed_down[cell * columns + m];
    for (std::size_t i = 0; i < bad.size(); ++i) sla_bad[i].add(r.weights[t] * bad[i]);
  }
}

// What each failure mode costs each scope in each trial, and what all causes cost it.
void FmeaBuilder::State::add_scope_measures(const RunResults& r) {
  const std::size_t modes = model.failure_modes.size(), scopes = r.scopes.size();
  const std::size_t cells = scopes * modes, windows = r.windows();
  mode_down.resize(cells), mode_degraded.resize(cells), mode_error.resize(cells),
      scope_error.resize(scopes);
  for (std::size_t t = 0; t < r.trials; ++t) {
    const double weight = r.weights[t];
    for (std::size_t k = 0; k < cells; ++k) {
      mode_down[k].add(weight * r.attributed_down[t * cells + k]);
      mode_degraded[k].add(weight * r.attributed_degraded[t * cells + k]);
      mode_error[k].add(weight * r.attributed_error[t * cells + k]);
    }
    for (std::size_t s = 0; s < scopes; ++s) {
      double sum = 0.0;
      for (std::size_t w = 0; w < windows; ++w)
        sum += r.scope_error[(t * scopes + s) * windows + w];
      scope_error[s].add(weight * sum);
    }
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
  const double occurrences = incidents[i];
  const double ttm = std::isfinite(m.times.ttm.mean.estimate) ? m.times.ttm.mean.estimate : 0.0;
  for (std::size_t s = 0; s < effects.size(); ++s) {
    row.impact_fraction = std::max(row.impact_fraction, effects[s]);
    if (occurrences <= 0.0) continue;
    // The attributed seconds summed: exactly, so that merged ranges give the same bits.
    double bad = mode_down[s * modes + i].sum().value().value() / occurrences;
    if (effects[s] < 1.0) bad += effects[s] * ttm;
    row.budget_per_incident = std::max(row.budget_per_incident, bad / budgets[s]);
  }
}

// What save() writes: the summary's bytes and the worksheet's sums.
struct FmeaBuilder::Saved {
  std::string summary;
  State& state;
  template <typename Archive>
  void transfer(Archive& a) {
    a(summary, state);
  }
};

FmeaBuilder::FmeaBuilder(const CompiledModel& model, bool exact_quantiles, FmeaBands bands,
                         double confidence, FmeaView view)
    : state_(std::make_unique<State>(model, exact_quantiles, bands, confidence, std::move(view))) {}
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
    const double weight = batch.weights[i.trial - batch.first_trial];
    s.incidents[m] += weight;
    if (automatic(i.detected_by)) s.detected[m] += weight;
  }
  s.add_scope_measures(batch);
  s.add_credit(batch);
  s.add_sla_bad_time(batch);
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

}  // namespace

// The columns that do not depend on the scope: incidents, credit, SLA and SLO columns,
// detection, times and the scores (Severity over every scope).
FmeaRow FmeaBuilder::State::mode_row(const FailureModeSummary& m, const sim::Topology& topology,
                                     const std::vector<double>& effects,
                                     const std::vector<double>& budgets, double per_year) const {
  const auto i = static_cast<std::size_t>(m.index);
  const std::size_t modes = model.failure_modes.size(), k = currencies.size();
  const double c = confidence;
  FmeaRow row;
  row.info = m.info, row.index = m.index, row.runbook = has_runbook(model, m.index);
  row.incidents_per_year = m.incidents_per_year;
  for (std::size_t x = 0; x < k; ++x)
    row.credit_per_year.push_back(
        {currencies[x], mean_interval(credit[i * k + x], c, per_year, 0.0)});
  for (std::size_t l = 0; l < model.slas.size(); ++l)
    row.sla_bad_time.push_back(mean_interval(sla_bad[i * model.slas.size() + l], c, per_year, 0.0));
  for (std::size_t l = 0; l < model.slos.size(); ++l) {
    const auto scope = static_cast<std::size_t>(topology.slo_scope[l]);
    const double budget = (1.0 - model.slos[l].target) * seconds_per_year;
    row.slo_burn.push_back(mean_interval(mode_error[scope * modes + i], c, per_year / budget, 0.0));
  }
  row.detection_probability =
      incidents[i] > 0 ? detected[i] / incidents[i] : configured_detection(model, m.index);
  row.ttd_median = m.times.ttd.p50;
  row.ttr_median = m.times.ttr.p50;
  measure_severity(row, m, effects, budgets);
  score(row, bands, static_cast<double>(m.times.ttd.count));
  return row;
}

// What all causes together cost a scope, and its error budget per year.
FmeaScope FmeaBuilder::State::scope_totals(const ScopeSummary& scope, Index index,
                                           double per_year) const {
  FmeaScope out;
  out.name = scope.scope.name, out.journey = scope.scope.journey, out.index = index;
  out.error_budget_per_year =
      (1.0 - error_budget(model, scope.scope, bands).target) * seconds_per_year;
  out.downtime_per_year = scope.downtime_per_year;
  out.degraded_per_year = scope.degraded_per_year;
  out.budget_burn = mean_interval(scope_error[static_cast<std::size_t>(index)], confidence,
                                  per_year / out.error_budget_per_year, 0.0);
  return out;
}

// The columns measured in one scope; `attributed` is the downtime of every mode there.
void FmeaBuilder::State::measure_in_scope(FmeaRow& row, const FmeaScope& scope, double attributed,
                                          double per_year) const {
  const std::size_t cell = static_cast<std::size_t>(scope.index) * model.failure_modes.size() +
                           static_cast<std::size_t>(row.index);
  row.scope = scope.name;
  row.downtime_per_year = mean_interval(mode_down[cell], confidence, per_year, 0.0);
  row.downtime_share = attributed > 0.0 ? row.downtime_per_year.estimate / attributed : 0.0;
  row.degraded_per_year = mean_interval(mode_degraded[cell], confidence, per_year, 0.0);
  row.budget_burn =
      mean_interval(mode_error[cell], confidence, per_year / scope.error_budget_per_year, 0.0);
}

// Whether a mode touches a scope: an end effect there, or any time attributed to it there.
bool FmeaBuilder::State::affects(Index scope, Index mode, double effect) const {
  const std::size_t cell =
      static_cast<std::size_t>(scope) * model.failure_modes.size() + static_cast<std::size_t>(mode);
  return effect > 0.0 || mode_down[cell].mean() > 0.0 || mode_degraded[cell].mean() > 0.0 ||
         mode_error[cell].mean() > 0.0;
}

// A mode's rows: one per measured scope it affects (every scope when one is measured), and at
// least one, for the first scope.
void FmeaBuilder::State::add_rows(FmeaWorksheet& w, const FmeaRow& base,
                                  const std::vector<double>& effects,
                                  const std::vector<std::vector<Importance>>& importances,
                                  const std::vector<double>& attributed, double per_year) const {
  if (w.scopes.empty()) {
    w.rows.push_back(base);
    return;
  }
  const auto add = [&](std::size_t j) {
    FmeaRow row = base;
    measure_in_scope(row, w.scopes[j], attributed[j], per_year);
    row.importance = importances[j][static_cast<std::size_t>(base.index)];
    w.rows.push_back(std::move(row));
  };
  bool shown = false;
  for (std::size_t j = 0; j < w.scopes.size(); ++j) {
    const Index scope = w.scopes[j].index;
    if (w.scopes.size() > 1 &&
        !affects(scope, base.index, effects[static_cast<std::size_t>(scope)]))
      continue;
    add(j);
    shown = true;
  }
  if (!shown) add(0);
}

const SummaryBuilder& FmeaBuilder::summary() const {
  return state_->summary;
}

void FmeaBuilder::merge(const FmeaBuilder& other) {
  state_->merge(*other.state_);
}

std::string FmeaBuilder::save() const {
  // The summary's own bytes (it checks what it can save), then the worksheet's sums.
  return archive::save_state(Saved{state_->summary.save(), *state_});
}

FmeaBuilder FmeaBuilder::load(std::string_view bytes, const CompiledModel& model, FmeaBands bands,
                              double confidence, FmeaView view) {
  FmeaBuilder builder(model, false, bands, confidence, std::move(view));
  State& s = *builder.state_;
  Saved saved{{}, s};
  archive::Reader reader(bytes, "FMEA");
  saved.transfer(reader);
  reader.expect_end();
  s.summary = SummaryBuilder::load(saved.summary);
  const std::size_t modes = model.failure_modes.size(), k = s.currencies.size();
  const std::size_t scopes = sim::build_topology(model).scopes.size(), cells = scopes * modes;
  const auto sized = [](std::size_t size, std::size_t expected) {
    if (size != expected)
      throw std::invalid_argument("malformed FMEA state: its sizes are not the scenario's");
  };
  sized(s.credit.size(), modes * k), sized(s.unattributed.size(), k), sized(s.total.size(), k);
  sized(s.sla_bad.size(), modes * model.slas.size());
  for (const auto* part : {&s.mode_down, &s.mode_degraded, &s.mode_error})
    sized(part->size(), cells);
  sized(s.scope_error.size(), scopes);
  sized(s.incidents.size(), modes), sized(s.detected.size(), modes);
  return builder;
}

FmeaWorksheet FmeaBuilder::finish() const {
  const State& st = *state_;
  const Summary summary = st.summary.finish();
  const CompiledModel& model = st.model;
  const double per_year = seconds_per_year / summary.horizon, c = st.confidence;
  FmeaWorksheet w;
  w.scope = st.view.scope.empty() && !summary.scopes.empty() ? summary.scopes.front().scope.name
                                                             : st.view.scope;
  w.rank_by = st.view.rank_by;
  w.trials = summary.trials, w.seed = summary.seed, w.events = summary.events;
  w.confidence = c, w.bands = st.bands, w.currencies = st.currencies;
  for (const SlaSpec& sla : model.slas) w.slas.push_back(sla.name);
  for (const SloSpec& slo : model.slos) w.slos.push_back(slo.name);
  for (std::size_t k = 0; k < st.currencies.size(); ++k) {
    w.credit_per_year.push_back({st.currencies[k], mean_interval(st.total[k], c, per_year, 0.0)});
    w.unattributed_credit.push_back(
        {st.currencies[k], mean_interval(st.unattributed[k], c, per_year, 0.0)});
  }
  const sim::Topology topology = sim::build_topology(model);
  std::vector<double> budgets;  // per window, for Severity
  for (const ScopeInfo& scope : topology.scopes) {
    const Budget b = error_budget(model, scope, st.bands);
    budgets.push_back((1.0 - b.target) * b.window);
  }
  const std::size_t modes = model.failure_modes.size();
  std::vector<double> attributed;  // per measured scope: downtime of every mode, per year
  for (const Index s : st.measured) {
    w.scopes.push_back(st.scope_totals(summary.scopes[static_cast<std::size_t>(s)], s, per_year));
    double sum = 0.0;
    for (std::size_t m = 0; m < modes; ++m)
      sum += mean_interval(st.mode_down[static_cast<std::size_t>(s) * modes + m], c, per_year, 0.0)
                 .estimate;
    attributed.push_back(sum);
  }
  if (!w.scopes.empty()) w.scope_downtime_per_year = w.scopes.front().downtime_per_year;
  const auto importances = scope_importance(model, st.measured, w.importance_assumptions);
  const std::vector<std::vector<double>> effects = end_effects(model);
  std::vector<const FailureModeSummary*> by_index(modes);
  for (const FailureModeSummary& m : summary.failure_modes)
    by_index[static_cast<std::size_t>(m.index)] = &m;
  for (std::size_t i = 0; i < modes; ++i)
    st.add_rows(w, st.mode_row(*by_index[i], topology, effects[i], budgets, per_year), effects[i],
                importances, attributed, per_year);
  std::stable_sort(w.rows.begin(), w.rows.end(),
                   [&w](const FmeaRow& a, const FmeaRow& b) { return riskier(a, b, w.rank_by); });
  return w;
}

FmeaWorksheet fmea_worksheet(const RunResults& results, const CompiledModel& model,
                             const FmeaBands& bands, double confidence, const FmeaView& view) {
  FmeaBuilder builder(model, true, bands, confidence, view);
  builder.add(results);
  return builder.finish();
}

}  // namespace reliasim
