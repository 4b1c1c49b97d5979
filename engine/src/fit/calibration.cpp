#include "reliasim/fit/calibration.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <map>
#include <stdexcept>

#include "reliasim/analysis/summary.hpp"  // seconds_per_year, the format's y
#include "reliasim/random/stream.hpp"
#include "reliasim/stats/critical_values.hpp"

namespace reliasim::fit {
namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

struct StageBounds {
  Stamp from;
  Stamp to;
};

bool has(const IncidentHistory& history, Stamp stamp) {
  return history.has_column[static_cast<std::size_t>(stamp)];
}

// A time the export does not have is the one before it (T0 the detection, as for the
// reader; T1 the start and T2 the detection where the export has no such column); T3 is the
// resolution where no mitigation was recorded.
double stamp_time(const IncidentHistory& history, const IncidentRecord& incident, Stamp stamp) {
  const double t = incident.at(stamp);
  if (t == t) return t;
  switch (stamp) {
    case Stamp::started: return incident.at(Stamp::detected);  // the row's T0, as the reader
    case Stamp::detected: return has(history, Stamp::detected) ? t : incident.at(Stamp::started);
    case Stamp::acknowledged:
      return has(history, Stamp::acknowledged) ? t : stamp_time(history, incident, Stamp::detected);
    case Stamp::mitigated: return incident.at(Stamp::resolved);
    case Stamp::resolved: return t;
  }
  return t;
}

StageBounds bounds_of(Stage stage) {
  switch (stage) {
    case Stage::detect: return {Stamp::started, Stamp::detected};
    case Stage::engage: return {Stamp::detected, Stamp::acknowledged};
    case Stage::mitigate: return {Stamp::acknowledged, Stamp::mitigated};
    case Stage::repair: return {Stamp::mitigated, Stamp::resolved};
    case Stage::ttm: return {Stamp::started, Stamp::mitigated};
    case Stage::ttr: return {Stamp::started, Stamp::resolved};
  }
  return {Stamp::started, Stamp::resolved};
}

// The exact (Garwood) interval of a Poisson mean from a count.
Interval poisson_interval(std::size_t count, double confidence) {
  const double alpha = 1.0 - confidence;
  const double k = static_cast<double>(count);
  const double lower =
      count == 0 ? 0.0
                 : 0.5 * boost::math::quantile(boost::math::chi_squared(2.0 * k), alpha / 2.0);
  const double upper =
      0.5 * boost::math::quantile(boost::math::chi_squared(2.0 * k + 2.0), 1.0 - alpha / 2.0);
  return {k, lower, upper, confidence};
}

// The data's median from the Kaplan-Meier estimate, with the interval of the order
// statistics that bound it where nothing is censored.
std::optional<Interval> data_median(const DurationSample& sample, double confidence) {
  const auto steps = kaplan_meier(sample);
  const auto at_half = std::find_if(steps.begin(), steps.end(),
                                    [](const DistributionStep& s) { return s.at >= 0.5; });
  if (at_half == steps.end()) return std::nullopt;
  Interval median{at_half->time, not_a_number, not_a_number, confidence};
  // The binomial bounds on the ranks (Kaplan-Meier's steps stand for ranks of ended durations).
  const double n = static_cast<double>(sample.size());
  const double z = normal_critical_value(confidence);
  const double low_p = 0.5 - z * 0.5 / std::sqrt(n);
  const double high_p = 0.5 + z * 0.5 / std::sqrt(n);
  for (const auto& step : steps) {
    if (!(median.lower == median.lower) && step.at >= low_p) median.lower = step.time;
    if (!(median.upper == median.upper) && step.at >= high_p) median.upper = step.time;
  }
  return median;
}

// In order of AIC, fitted families first, each with its AIC less the best one's.
void rank_by_aic(std::vector<FamilyResult>& families) {
  std::stable_sort(families.begin(), families.end(),
                   [](const FamilyResult& l, const FamilyResult& r) {
                     if (l.outcome.fit.has_value() != r.outcome.fit.has_value())
                       return l.outcome.fit.has_value();
                     return l.outcome.fit && l.outcome.fit->aic < r.outcome.fit->aic;
                   });
  if (families.empty() || !families.front().outcome.fit) return;
  const double best = families.front().outcome.fit->aic;
  for (auto& family : families)
    if (family.outcome.fit) family.delta_aic = family.outcome.fit->aic - best;
}

// The scenario's clock of a failure mode runs from one repair to the next failure, so the rate
// is over the period less the time the group's incidents lasted (open ones until the period's
// end), overlapping incidents counted once.
double years_at_risk(const IncidentHistory& history,
                     const std::vector<const IncidentRecord*>& incidents) {
  std::vector<std::pair<double, double>> spans;
  for (const IncidentRecord* incident : incidents) {
    const double start = stamp_time(history, *incident, Stamp::started);
    const double end = incident->open() ? history.period_end : incident->at(Stamp::resolved);
    spans.emplace_back(start, std::min(end, history.period_end));
  }
  std::sort(spans.begin(), spans.end());
  double lasted = 0.0, covered_to = history.period_start;
  for (const auto& [start, end] : spans) {
    const double from = std::max(start, covered_to);
    if (end > from) lasted += end - from, covered_to = end;
  }
  const double period = history.period_end - history.period_start;
  return (lasted < period ? period - lasted : period) / seconds_per_year;
}

void check_settings(const FitSettings& settings) {
  if (settings.families.empty()) throw std::invalid_argument("no family to fit: name at least one");
  if (settings.resamples < 0)
    throw std::invalid_argument("resamples must be >= 0, got " +
                                std::to_string(settings.resamples));
  check_confidence(settings.confidence);
}

}  // namespace

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::detect: return "detect";
    case Stage::engage: return "engage";
    case Stage::mitigate: return "mitigate";
    case Stage::repair: return "repair";
    case Stage::ttm: return "TTM";
    case Stage::ttr: return "TTR";
  }
  return "?";
}

std::string_view description(Stage stage) {
  switch (stage) {
    case Stage::detect: return "T1 - T0: time to detect (TTD)";
    case Stage::engage: return "T2 - T1: time to acknowledge (TTA)";
    case Stage::mitigate: return "T3 - T2: mitigation once engaged";
    case Stage::repair: return "T4 - T3: repair once mitigated";
    case Stage::ttm: return "T3 - T0: time to mitigate";
    case Stage::ttr: return "T4 - T0: time to repair";
  }
  return "?";
}

const FamilyResult* StageFit::best() const {
  return !families.empty() && families.front().outcome.fit ? &families.front() : nullptr;
}

bool recorded(const IncidentHistory& history, Stage stage) {
  const bool ended = has(history, Stamp::mitigated) || has(history, Stamp::resolved);
  switch (stage) {
    case Stage::detect: return has(history, Stamp::started) && has(history, Stamp::detected);
    case Stage::engage:
      return has(history, Stamp::acknowledged) &&
             (has(history, Stamp::detected) || has(history, Stamp::started));
    case Stage::mitigate: return ended;
    case Stage::repair: return has(history, Stamp::mitigated) && has(history, Stamp::resolved);
    case Stage::ttm: return ended;
    case Stage::ttr: return has(history, Stamp::resolved);
  }
  return false;
}

const StageFit& GroupFit::stage(Stage which) const {
  return *std::find_if(stages.begin(), stages.end(),
                       [&](const StageFit& s) { return s.stage == which; });
}

std::vector<FamilyResult> fit_families(const DurationSample& sample, const FitSettings& settings,
                                       std::uint64_t seed) {
  check_settings(settings);
  std::vector<FamilyResult> families;
  for (const Family family : settings.families) {
    FamilyResult& result = families.emplace_back();
    result.family = family;
    result.outcome = fit_distribution(family, sample, settings.confidence);
    if (result.outcome.fit)
      result.goodness = test_goodness_of_fit(sample, *result.outcome.fit, settings.resamples, seed);
  }
  rank_by_aic(families);
  return families;
}

DurationSample stage_sample(const IncidentHistory& history,
                            const std::vector<const IncidentRecord*>& incidents, Stage stage,
                            std::size_t* missing) {
  DurationSample sample;
  sample.resolution = history.resolution;
  const auto [from, to] = bounds_of(stage);
  std::size_t lacking = 0;
  for (const IncidentRecord* incident : incidents) {
    double start = stamp_time(history, *incident, from);
    const double end = stamp_time(history, *incident, to);
    // A row without its own start (detect) or mitigation (repair) does not have that stage:
    // the fallbacks stand in for the other stages, and would make it 0 here.
    const bool own = (stage != Stage::detect || !has(history, Stamp::started) ||
                      incident->at(Stamp::started) == incident->at(Stamp::started)) &&
                     (stage != Stage::repair ||
                      incident->at(Stamp::mitigated) == incident->at(Stamp::mitigated));
    if (!own) start = not_a_number;
    if (!(start == start)) {
      ++lacking;
    } else if (end == end) {
      const double duration = end - start;
      if (duration <= history.resolution)
        sample.left_censored.push_back(history.resolution);
      else
        sample.observed.push_back(duration);
    } else if (incident->open() && history.period_end > start) {
      sample.right_censored.push_back(history.period_end - start);
    } else {
      ++lacking;
    }
  }
  if (missing) *missing = lacking;
  return sample;
}

Calibration calibrate(const IncidentHistory& history, const FitSettings& settings) {
  check_settings(settings);
  Calibration calibration;
  calibration.source = history.source;
  calibration.sha256 = history.sha256;
  calibration.group_by = history.group_by;
  calibration.period_start = history.period_start;
  calibration.period_end = history.period_end;
  std::copy(std::begin(history.has_column), std::end(history.has_column),
            std::begin(calibration.has_column));
  calibration.settings = settings;

  std::map<std::string, std::vector<const IncidentRecord*>> groups;
  for (const auto& incident : history.incidents)
    groups[history.group_by.empty() ? std::string("all") : incident.group].push_back(&incident);
  for (const auto& [name, incidents] : groups) {
    const double years = years_at_risk(history, incidents);
    GroupFit group;
    group.name = name;
    group.incidents = incidents.size();
    group.open = static_cast<std::size_t>(std::count_if(
        incidents.begin(), incidents.end(), [](const IncidentRecord* i) { return i->open(); }));
    const Interval count = poisson_interval(incidents.size(), settings.confidence);
    group.rate_per_year = {count.estimate / years, count.lower / years, count.upper / years,
                           settings.confidence};
    for (const Stage stage : all_stages) {
      StageFit fitted;
      fitted.stage = stage;
      fitted.recorded = recorded(history, stage);
      if (!fitted.recorded) {
        group.stages.push_back(std::move(fitted));
        continue;
      }
      fitted.sample = stage_sample(history, incidents, stage, &fitted.missing);
      fitted.median = data_median(fitted.sample, settings.confidence);
      const std::uint64_t seed =
          splitmix64_mix(settings.seed ^ stable_hash(name + "/" + std::string(to_string(stage))));
      fitted.families = fit_families(fitted.sample, settings, seed);
      if (fitted.sample.size() > 0 && fitted.sample.ended() < settings.few)
        group.warnings.push_back(std::string(to_string(stage)) + ": only " +
                                 std::to_string(fitted.sample.ended()) +
                                 " durations ended; the intervals are wide and the ranking of "
                                 "families is weak");
      group.stages.push_back(std::move(fitted));
    }
    calibration.groups.push_back(std::move(group));
  }
  return calibration;
}

}  // namespace reliasim::fit
