#include "reliasim/analysis/trial_metrics.hpp"

#include <cmath>

namespace reliasim {
namespace {

// Sums a [trial][scope][window] array over the windows of one scope.
std::vector<double> over_windows(const TrialArray& cells, const RunResults& results,
                                 std::size_t scope) {
  const std::size_t scopes = results.scopes.size(), windows = results.windows();
  std::vector<double> values(results.trials, 0.0);
  for (std::size_t t = 0; t < results.trials; ++t) {
    const std::size_t cell = (t * scopes + scope) * windows;
    for (std::size_t w = 0; w < windows; ++w) values[t] += cells[cell + w];
  }
  return values;
}

// One column of a [trial][scope] array.
std::vector<double> per_scope(const TrialArray& cells, const RunResults& results,
                              std::size_t scope) {
  const std::size_t scopes = results.scopes.size();
  std::vector<double> values(results.trials);
  for (std::size_t t = 0; t < results.trials; ++t) values[t] = cells[t * scopes + scope];
  return values;
}

// The [trial] stride of the SLA arrays and the offset of one SLA's windows in it.
struct SlaLayout {
  std::size_t stride = 0;
  std::size_t offset = 0;
};

SlaLayout sla_layout(const RunResults& results, std::size_t sla) {
  SlaLayout layout;
  for (std::size_t l = 0; l < results.slas.size(); ++l) {
    if (l == sla) layout.offset = layout.stride;
    layout.stride += results.sla_windows(l);
  }
  return layout;
}

}  // namespace

std::vector<double> trial_downtime(const RunResults& results, std::size_t scope) {
  return over_windows(results.scope_down, results, scope);
}

std::vector<double> trial_degraded(const RunResults& results, std::size_t scope) {
  return over_windows(results.scope_degraded, results, scope);
}

std::vector<double> trial_outages(const RunResults& results, std::size_t scope) {
  return per_scope(results.scope_outages, results, scope);
}

std::vector<double> trial_longest_outage(const RunResults& results, std::size_t scope) {
  return per_scope(results.scope_longest_outage, results, scope);
}

std::vector<double> trial_credit(const RunResults& results, std::size_t sla) {
  const SlaLayout layout = sla_layout(results, sla);
  const std::size_t windows = results.sla_windows(sla);
  std::vector<double> values(results.trials, 0.0);
  for (std::size_t t = 0; t < results.trials; ++t)
    for (std::size_t w = 0; w < windows; ++w)
      values[t] += results.sla_credit[t * layout.stride + layout.offset + w];
  return values;
}

std::vector<double> trial_breaches(const RunResults& results, const SlaSpec& sla,
                                   std::size_t index) {
  const SlaLayout layout = sla_layout(results, index);
  const std::size_t windows = results.sla_windows(index);
  std::vector<double> values(results.trials, 0.0);
  for (std::size_t t = 0; t < results.trials; ++t)
    for (std::size_t w = 0; w < windows; ++w)
      values[t] += results.sla_uptime[t * layout.stride + layout.offset + w] < sla.target;
  return values;
}

TrialSums trial_outage_sums(const RunResults& results, std::size_t scope, OutageMeasure measure) {
  TrialSums sums{std::vector<double>(results.trials, 0.0),
                 std::vector<double>(results.trials, 0.0)};
  for (const OutageRecord& outage : results.outages) {
    if (static_cast<std::size_t>(outage.scope) != scope) continue;
    const double value = measure == OutageMeasure::duration ? outage.end - outage.start
                                                            : outage.detected - outage.start;
    // Censored outages have no duration, undetected ones no TTD: the summary skips them too.
    if ((measure == OutageMeasure::duration && outage.censored) || !std::isfinite(value)) continue;
    const std::size_t t = outage.trial - results.first_trial;
    sums.sum[t] += value;
    sums.count[t] += 1.0;
  }
  return sums;
}

}  // namespace reliasim
