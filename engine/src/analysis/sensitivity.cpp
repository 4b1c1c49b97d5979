#include "reliasim/analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/analysis/trial_metrics.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/mean.hpp"
#include "state_archive.hpp"

namespace reliasim {
namespace {

std::string channel_name(DetectionChannel channel) {
  switch (channel) {
    case DetectionChannel::alert: return "alert";
    case DetectionChannel::canary: return "canary";
    case DetectionChannel::probe: return "probe";
  }
  return "detector";
}

std::string mode_label(const FailureModeInfo& mode) {
  if (!mode.service.empty()) return mode.service + "/" + mode.name;
  return mode.common_cause ? "common-cause/" + mode.name : mode.name;
}

// Every quantile of the distribution times `factor` (so its mean too).
void scale(DistributionSpec& d, double factor) {
  switch (d.kind) {
    case DistributionKind::lognormal: d.a += std::log(factor); return;
    case DistributionKind::weibull:
    case DistributionKind::gamma: d.b *= factor; return;
    case DistributionKind::exponential:
    case DistributionKind::fixed: d.a *= factor; return;
    case DistributionKind::truncated_normal:  // truncation at zero keeps its shape
    case DistributionKind::uniform: d.a *= factor, d.b *= factor; return;
    case DistributionKind::triangular: d.a *= factor, d.b *= factor, d.c *= factor; return;
    case DistributionKind::empirical:
      for (double& s : d.samples) s *= factor;
      return;
  }
}

// The chance of the bad outcome times `factor`, capped at 1; `good` is its complement.
void scale_failure(double& good, double factor) {
  good = 1.0 - std::min(1.0, (1.0 - good) * factor);
}

double rate_per_year(const FailureSourceSpec& s) {
  if (s.per_deploy) return s.deploys_per_second * s.per_deploy_probability * seconds_per_year;
  const double mean = s.time_to_failure.mean();
  return mean > 0.0 ? seconds_per_year / mean : 0.0;
}

// The lifecycle's numbers that can vary, with their baselines.
void lifecycle_parameters(const LifecycleSpec& life, const Parameter& base,
                          std::vector<Parameter>& out) {
  const auto add = [&](ParameterField field, ParameterKind kind, std::string quantity,
                       double baseline, Index detector = 0) {
    if (!(baseline > 0.0)) return;  // zero stays zero whatever the factor
    Parameter p = base;
    p.field = field, p.kind = kind, p.quantity = std::move(quantity), p.baseline = baseline;
    p.detector = detector;
    out.push_back(std::move(p));
  };
  for (std::size_t d = 0; d < life.detectors.size(); ++d) {
    const DetectorSpec& detector = life.detectors[d];
    const std::string channel = channel_name(detector.channel);
    const auto index = static_cast<Index>(d);
    add(ParameterField::detection_delay, ParameterKind::duration,
        "detection delay (" + channel + ")", detector.delay.mean(), index);
    add(ParameterField::detection_miss, ParameterKind::probability,
        "missed detection (" + channel + ")", 1.0 - detector.probability, index);
  }
  if (life.customer_report)
    add(ParameterField::customer_report, ParameterKind::duration, "customer report delay",
        life.customer_report->mean());
  if (!life.self_heal)
    add(ParameterField::engage, ParameterKind::duration, "engage", life.engage.mean());
  if (life.mitigation)
    add(ParameterField::mitigate, ParameterKind::duration, "mitigate", life.mitigate.mean());
  // A repair that never comes stays never whatever the factor.
  if (!life.never_repaired)
    add(ParameterField::repair, ParameterKind::duration, life.self_heal ? "self-heal" : "repair",
        life.repair.mean());
}

void failover_parameters(const ServiceSpec& service, Index index, std::vector<Parameter>& out) {
  const auto add = [&](ParameterField field, ParameterKind kind, const char* quantity,
                       double baseline) {
    if (!(baseline > 0.0)) return;
    out.push_back({service.name, quantity, kind, baseline, field, index, 0});
  };
  const FailoverSpec& f = service.failover;
  add(ParameterField::failover_delay, ParameterKind::duration, "failover delay", f.delay.mean());
  add(ParameterField::failover_failure, ParameterKind::probability, "failover failure",
      1.0 - f.success);
  if (f.manual)
    add(ParameterField::manual_failover, ParameterKind::duration, "manual failover",
        f.manual->mean());
}

void apply_to_lifecycle(LifecycleSpec& life, const Parameter& p, double factor) {
  const auto detector = [&]() -> DetectorSpec& {
    if (p.detector < 0 || static_cast<std::size_t>(p.detector) >= life.detectors.size())
      throw std::invalid_argument("sensitivity: no detector " + std::to_string(p.detector) +
                                  " for " + p.label());
    return life.detectors[static_cast<std::size_t>(p.detector)];
  };
  switch (p.field) {
    case ParameterField::detection_delay: return scale(detector().delay, factor);
    case ParameterField::detection_miss: return scale_failure(detector().probability, factor);
    case ParameterField::customer_report:
      if (life.customer_report) scale(*life.customer_report, factor);
      return;
    case ParameterField::engage: return scale(life.engage, factor);
    case ParameterField::mitigate: return scale(life.mitigate, factor);
    case ParameterField::repair: return scale(life.repair, factor);
    default: return;
  }
}

void apply_to_source(FailureSourceSpec& s, const Parameter& p, double factor) {
  if (p.field != ParameterField::rate) return apply_to_lifecycle(s.lifecycle, p, factor);
  if (s.per_deploy)
    s.per_deploy_probability = std::min(1.0, s.per_deploy_probability * factor);
  else
    scale(s.time_to_failure, 1.0 / factor);  // twice the rate: half the time between failures
}

void apply_to_failover(FailoverSpec& f, const Parameter& p, double factor) {
  if (p.field == ParameterField::failover_delay) scale(f.delay, factor);
  if (p.field == ParameterField::failover_failure) scale_failure(f.success, factor);
  if (p.field == ParameterField::manual_failover && f.manual) scale(*f.manual, factor);
}

bool is_failover(ParameterField field) {
  return field == ParameterField::failover_delay || field == ParameterField::failover_failure ||
         field == ParameterField::manual_failover;
}

// The per-trial figures an effect is measured on: the scope's downtime and the credit, a year.
struct Metrics {
  std::string scope;
  std::vector<double> downtime;
  std::vector<double> credit;
};

Metrics measure(const CompiledModel& model, const RunConfig& config, std::size_t scope,
                const std::string& currency) {
  const RunResults r = simulate(model, config);
  if (scope >= r.scopes.size())
    throw std::invalid_argument("sensitivity: scope " + std::to_string(scope) +
                                " does not exist; the model has " +
                                std::to_string(r.scopes.size()));
  const double per_year = seconds_per_year / r.horizon;
  Metrics m{r.scopes[scope].name, trial_downtime(r, scope), std::vector<double>(r.trials, 0.0)};
  for (double& d : m.downtime) d *= per_year;
  for (std::size_t l = 0; l < model.slas.size(); ++l) {
    if (model.slas[l].currency != currency || !model.slas[l].has_credits()) continue;
    const std::vector<double> credit = trial_credit(r, l);
    for (std::size_t t = 0; t < r.trials; ++t) m.credit[t] += credit[t] * per_year;
  }
  return m;
}

// A parameter's paired differences from the baseline, trial by trial.
struct EffectSums {
  MeanAccumulator downtime_low, downtime_high, credit_low, credit_high;
  void merge(const EffectSums& o) {
    downtime_low.merge(o.downtime_low), downtime_high.merge(o.downtime_high);
    credit_low.merge(o.credit_low), credit_high.merge(o.credit_high);
  }
  template <typename Archive>
  void transfer(Archive& a) {
    a(downtime_low, downtime_high, credit_low, credit_high);
  }
};

void add_differences(MeanAccumulator& sums, const std::vector<double>& varied,
                     const std::vector<double>& base) {
  for (std::size_t t = 0; t < base.size(); ++t) sums.add(varied[t] - base[t]);
}

void add_values(MeanAccumulator& sums, const std::vector<double>& values) {
  for (const double v : values) sums.add(v);
}

double varied_value(const Parameter& p, double factor) {
  return p.kind == ParameterKind::probability ? std::min(1.0, p.baseline * factor)
                                              : p.baseline * factor;
}

double credit_swing(const ParameterEffect& e) {
  return std::max(std::abs(e.credit_low.estimate), std::abs(e.credit_high.estimate));
}

void check(const SensitivityOptions& options) {
  const auto positive = [](double f) { return std::isfinite(f) && f > 0.0; };
  if (!positive(options.low_factor) || !positive(options.high_factor))
    throw std::invalid_argument("sensitivity: the factors must be positive and finite");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw std::invalid_argument("sensitivity: the confidence must lie in (0, 1)");
}

}  // namespace

std::string_view to_string(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::rate: return "rate";
    case ParameterKind::duration: return "duration";
    case ParameterKind::probability: return "probability";
  }
  return "unknown";
}

double ParameterEffect::swing() const {
  return std::max(std::abs(downtime_low.estimate), std::abs(downtime_high.estimate));
}

std::vector<Parameter> parameters(const CompiledModel& model) {
  std::vector<Parameter> out;
  for (std::size_t m = 0; m < model.failure_modes.size(); ++m) {
    double rate = 0.0;
    const FailureSourceSpec* first = nullptr;
    for (const FailureSourceSpec& s : model.sources)
      if (static_cast<std::size_t>(s.failure_mode) == m) {
        rate += rate_per_year(s);
        if (!first) first = &s;
      }
    if (!first) continue;
    const Parameter base{mode_label(model.failure_modes[m]),
                         "rate",
                         ParameterKind::rate,
                         rate,
                         ParameterField::rate,
                         static_cast<Index>(m),
                         0};
    if (rate > 0.0) out.push_back(base);
    lifecycle_parameters(first->lifecycle, base, out);
  }
  for (std::size_t v = 0; v < model.services.size(); ++v)
    if (!model.services[v].failover_members.empty())
      failover_parameters(model.services[v], static_cast<Index>(v), out);
  return out;
}

CompiledModel with_parameter(const CompiledModel& model, const Parameter& parameter,
                             double factor) {
  if (!(std::isfinite(factor) && factor > 0.0))
    throw std::invalid_argument("sensitivity: a factor must be positive and finite, not " +
                                std::to_string(factor));
  CompiledModel varied = model;
  const auto owner = static_cast<std::size_t>(parameter.owner_index);
  if (is_failover(parameter.field)) {
    if (parameter.owner_index < 0 || owner >= varied.services.size())
      throw std::invalid_argument("sensitivity: no service for " + parameter.label());
    apply_to_failover(varied.services[owner].failover, parameter, factor);
    return varied;
  }
  if (parameter.owner_index < 0 || owner >= varied.failure_modes.size())
    throw std::invalid_argument("sensitivity: no failure mode for " + parameter.label());
  for (FailureSourceSpec& s : varied.sources)
    if (s.failure_mode == parameter.owner_index) apply_to_source(s, parameter, factor);
  return varied;
}

std::size_t sensitivity_runs(const CompiledModel& model) {
  return 1 + 2 * parameters(model).size();
}

struct SensitivitySums::State {
  std::string inputs;                   // the SHA-256 of every file the scenario was read from
  std::vector<std::string> parameters;  // their labels, in model order
  std::string scope, currency;
  std::uint64_t trials = 0, seed = 0;
  double low_factor = 0.5, high_factor = 2.0, confidence = 0.95;
  std::vector<TrialRange> ranges;
  MeanAccumulator base_downtime, base_credit;
  std::vector<EffectSums> effects;  // [parameter]

  template <typename Archive>
  void transfer(Archive& a) {
    a(inputs, parameters, scope, currency, trials, seed, low_factor, high_factor, confidence,
      ranges, base_downtime, base_credit, effects);
  }
};

SensitivitySums::SensitivitySums(std::unique_ptr<State> state) : state_(std::move(state)) {}
SensitivitySums::~SensitivitySums() = default;
SensitivitySums::SensitivitySums(SensitivitySums&&) noexcept = default;
SensitivitySums& SensitivitySums::operator=(SensitivitySums&&) noexcept = default;

SensitivitySums sensitivity_sums(const CompiledModel& model, const RunConfig& config,
                                 const SensitivityOptions& options) {
  check(options);
  if (config.trials == 0) throw std::invalid_argument("sensitivity: no trials to run");
  // Progress: every setting's trials before this batch, then this batch's runs so far.
  const std::uint64_t runs = sensitivity_runs(model);
  std::uint64_t trials_before = 0, runs_done = 0, batch_size = 0;
  RunConfig quiet = config;
  quiet.keep_incidents = false;
  if (config.on_progress)
    quiet.on_progress = [&](std::uint64_t done) {
      config.on_progress(runs * trials_before + runs_done * batch_size + done);
    };
  auto state = std::make_unique<SensitivitySums::State>();
  SensitivitySums::State& out = *state;
  out.inputs = input_hashes(model.inputs);
  // Credit is measured in the currency of the first SLA with a credit schedule, if any.
  const auto paying = std::find_if(model.slas.begin(), model.slas.end(),
                                   [](const SlaSpec& sla) { return sla.has_credits(); });
  out.currency = paying == model.slas.end() ? "" : paying->currency;
  out.trials = config.trials, out.seed = config.seed;
  out.low_factor = options.low_factor, out.high_factor = options.high_factor;
  out.confidence = options.confidence;
  out.ranges = {{config.first_trial, config.trials}};

  const std::vector<Parameter> varied = parameters(model);
  for (const Parameter& p : varied) out.parameters.push_back(p.label());
  const auto run = [&](const CompiledModel& m, const RunConfig& batch) {
    Metrics metrics = measure(m, batch, options.scope, out.currency);
    ++runs_done;
    return metrics;
  };
  // Batch by batch, every setting runs the batch's trials and is paired with the baseline at
  // once: memory for one batch, whatever the trials; the sums give the same bits however the
  // trials are split.
  out.effects.resize(varied.size());
  const std::uint64_t batch_trials = streaming_batch(model, quiet);
  RunConfig batch = quiet;
  for (std::uint64_t done = 0; done < config.trials; done += batch.trials) {
    batch.first_trial = config.first_trial + done;
    batch.trials = batch_size = std::min(batch_trials, config.trials - done);
    trials_before = done;
    runs_done = 0;
    const Metrics base = run(model, batch);
    out.scope = base.scope;
    add_values(out.base_downtime, base.downtime);
    add_values(out.base_credit, base.credit);
    for (std::size_t p = 0; p < varied.size(); ++p) {
      const Metrics low = run(with_parameter(model, varied[p], options.low_factor), batch);
      const Metrics high = run(with_parameter(model, varied[p], options.high_factor), batch);
      EffectSums& sums = out.effects[p];
      add_differences(sums.downtime_low, low.downtime, base.downtime);
      add_differences(sums.downtime_high, high.downtime, base.downtime);
      add_differences(sums.credit_low, low.credit, base.credit);
      add_differences(sums.credit_high, high.credit, base.credit);
    }
  }
  return SensitivitySums(std::move(state));
}

void SensitivitySums::merge(const SensitivitySums& other) {
  State& s = *state_;
  const State& o = *other.state_;
  if (s.inputs != o.inputs || s.parameters != o.parameters || s.scope != o.scope ||
      s.currency != o.currency || s.seed != o.seed || s.low_factor != o.low_factor ||
      s.high_factor != o.high_factor || s.confidence != o.confidence ||
      s.effects.size() != o.effects.size())
    throw std::invalid_argument(
        "sensitivity sums cannot be merged: they are of other scenarios, seeds or settings");
  std::vector<TrialRange> all = s.ranges;
  all.insert(all.end(), o.ranges.begin(), o.ranges.end());
  s.ranges = join_ranges(std::move(all));
  s.trials += o.trials;
  s.base_downtime.merge(o.base_downtime), s.base_credit.merge(o.base_credit);
  for (std::size_t p = 0; p < s.effects.size(); ++p) s.effects[p].merge(o.effects[p]);
}

std::string SensitivitySums::save() const {
  return archive::save_state(*state_);
}

SensitivitySums SensitivitySums::load(std::string_view bytes) {
  auto state = archive::load_state<State>(bytes, "sensitivity");
  const std::optional<std::uint64_t> trials = trials_in(state->ranges);
  if (trials != state->trials || state->effects.size() != state->parameters.size())
    throw std::invalid_argument("malformed sensitivity state: its parts do not add up");
  return SensitivitySums(std::move(state));
}

Sensitivity SensitivitySums::finish(const CompiledModel& model) const {
  const State& s = *state_;
  const std::vector<Parameter> varied = parameters(model);
  std::vector<std::string> labels;
  for (const Parameter& p : varied) labels.push_back(p.label());
  if (labels != s.parameters)
    throw std::invalid_argument("sensitivity: the sums were made from another scenario");
  check({s.low_factor, s.high_factor, 0, s.confidence});
  Sensitivity result;
  result.scope = s.scope, result.currency = s.currency;
  result.trials = s.trials, result.seed = s.seed;
  result.low_factor = s.low_factor, result.high_factor = s.high_factor;
  const double c = s.confidence;
  result.baseline_downtime = s.base_downtime.summary(c).interval;
  result.baseline_credit = s.base_credit.summary(c).interval;
  for (std::size_t p = 0; p < varied.size(); ++p) {
    const EffectSums& sums = s.effects[p];
    result.effects.push_back(
        {varied[p], varied_value(varied[p], s.low_factor), varied_value(varied[p], s.high_factor),
         sums.downtime_low.summary(c).interval, sums.downtime_high.summary(c).interval,
         sums.credit_low.summary(c).interval, sums.credit_high.summary(c).interval});
  }
  std::stable_sort(result.effects.begin(), result.effects.end(),
                   [](const ParameterEffect& x, const ParameterEffect& y) {
                     if (x.swing() != y.swing()) return x.swing() > y.swing();
                     return credit_swing(x) > credit_swing(y);
                   });
  return result;
}

Sensitivity sensitivity(const CompiledModel& model, const RunConfig& config,
                        const SensitivityOptions& options) {
  return sensitivity_sums(model, config, options).finish(model);
}

}  // namespace reliasim
