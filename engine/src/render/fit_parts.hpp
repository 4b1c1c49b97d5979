#pragma once
// Text shared by the renderers of `reliasim fit` (private to the engine).

#include <string>

#include "reliasim/fit/calibration.hpp"

namespace reliasim::fit_parts {

// "2026-01-01 00:00 UTC".
[[nodiscard]] std::string utc_time(double epoch_seconds);
// "incidents.csv (sha256:...), 124 incidents from ... to ... (365.0 days), grouped by service".
[[nodiscard]] std::string source_line(const fit::Calibration& calibration);
// "lognormal: {median: 4.1m, sigma: 0.83}": the family and its parameters as the format writes.
[[nodiscard]] std::string distribution_text(const fit::DistributionFit& fit);
// "n 42 (3 open, 2 at most 1s), KS p 0.41, AD p 0.38": what a stage's best fit rests on.
[[nodiscard]] std::string quality_text(const fit::StageFit& stage);

}  // namespace reliasim::fit_parts
