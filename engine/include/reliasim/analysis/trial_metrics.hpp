#pragma once
// Per-trial values of the metrics the analyses compare, one value per trial in trial order:
// what paired differences (compare, sensitivity) and distribution charts are built from.

#include <cstddef>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim {

// A scope's down seconds over the horizon.
[[nodiscard]] std::vector<double> trial_downtime(const RunResults& results, std::size_t scope);
// A scope's degraded seconds over the horizon.
[[nodiscard]] std::vector<double> trial_degraded(const RunResults& results, std::size_t scope);
// A scope's user-facing incidents (maximal down intervals) and the longest one, seconds.
[[nodiscard]] std::vector<double> trial_outages(const RunResults& results, std::size_t scope);
[[nodiscard]] std::vector<double> trial_longest_outage(const RunResults& results,
                                                       std::size_t scope);
// An SLA's credit over the horizon (money), and its breached windows.
[[nodiscard]] std::vector<double> trial_credit(const RunResults& results, std::size_t sla);
[[nodiscard]] std::vector<double> trial_breaches(const RunResults& results, const SlaSpec& sla,
                                                 std::size_t index);

// Per trial, the sum and the count of something measured per user-facing incident of a
// scope (its duration or its TTD), for ratio estimates such as the mean outage duration.
struct TrialSums {
  std::vector<double> sum;
  std::vector<double> count;
};
enum class OutageMeasure { duration, ttd };
[[nodiscard]] TrialSums trial_outage_sums(const RunResults& results, std::size_t scope,
                                          OutageMeasure measure);

}  // namespace reliasim
