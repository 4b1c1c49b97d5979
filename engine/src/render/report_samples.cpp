// The samples the report's distributions are drawn from, from a whole run or batch by batch.
#include <cmath>

#include "reliasim/analysis/trial_metrics.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/stats/binned_sample.hpp"

namespace reliasim {
namespace {

// An incident's time to one stage: kept, or binned.
struct StageTimes {
  double IncidentRecord::*end;
  ReportSamples::Times kept;
  BinnedSample binned;

  void add(const IncidentRecord& incident, bool exact) {
    const double seconds = incident.*end - incident.start;
    if (!std::isfinite(seconds) || seconds < 0) return;
    if (!exact) return binned.add(seconds);
    kept.seconds.push_back(seconds);
    kept.counts.push_back(1.0);
  }
  [[nodiscard]] ReportSamples::Times finish(bool exact) const {
    if (exact) return kept;
    ReportSamples::Times times;
    for (const auto& [value, count] : binned.counted()) {
      times.seconds.push_back(value);
      times.counts.push_back(static_cast<double>(count));
    }
    return times;
  }
};

double per_year(const RunResults& results) {
  return results.horizon > 0 ? seconds_per_year / results.horizon : 1.0;
}

void append_scaled(std::vector<double>& to, const std::vector<double>& values, double factor) {
  for (const double v : values) to.push_back(v * factor);
}

}  // namespace

struct ReportSamplesBuilder::State {
  bool exact = true;
  ReportSamples samples;
  StageTimes ttd{&IncidentRecord::detected, {}, BinnedSample()};
  StageTimes ttr{&IncidentRecord::repaired, {}, BinnedSample()};
};

ReportSamplesBuilder::ReportSamplesBuilder(bool exact) : state_(std::make_unique<State>()) {
  state_->exact = exact;
}
ReportSamplesBuilder::~ReportSamplesBuilder() = default;
ReportSamplesBuilder::ReportSamplesBuilder(ReportSamplesBuilder&&) noexcept = default;
ReportSamplesBuilder& ReportSamplesBuilder::operator=(ReportSamplesBuilder&&) noexcept = default;

void ReportSamplesBuilder::add(const RunResults& batch) {
  State& s = *state_;
  ReportSamples& out = s.samples;
  const double year = per_year(batch);
  if (!batch.scopes.empty()) append_scaled(out.downtime_per_year, trial_downtime(batch, 0), year);
  out.credit_per_year.resize(batch.slas.size());
  for (std::size_t l = 0; l < batch.slas.size(); ++l)
    append_scaled(out.credit_per_year[l], trial_credit(batch, l), year);
  for (const IncidentRecord& incident : batch.incidents) {
    s.ttd.add(incident, s.exact);
    s.ttr.add(incident, s.exact);
    out.undetected += !std::isfinite(incident.detected);
  }
  out.incidents += batch.incidents.size();
}

ReportSamples ReportSamplesBuilder::finish() const {
  ReportSamples out = state_->samples;
  out.ttd = state_->ttd.finish(state_->exact);
  out.ttr = state_->ttr.finish(state_->exact);
  return out;
}

ReportSamples report_samples(const RunResults& results) {
  ReportSamplesBuilder builder(true);
  builder.add(results);
  return builder.finish();
}

double report_trial_bytes(const CompiledModel& model) {
  return 8.0 * static_cast<double>(1 + model.slas.size());
}

}  // namespace reliasim
